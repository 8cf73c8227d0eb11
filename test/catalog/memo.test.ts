import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/catalog.js';
import { CatalogMemo } from '../../src/catalog/memo.js';

// The memo keys on the catalogue object only: plain objects stand in for two catalogues.
const one = {} as Catalog;
const other = {} as Catalog;

describe('CatalogMemo: costly catalogue answers computed once per key', () => {
  it('computes a key once, an undefined answer included, and keeps catalogues apart', () => {
    const memo = new CatalogMemo<string | undefined>();
    let calls = 0;
    const none = () => (calls++, undefined);
    expect(memo.get(one, 'k', none)).toBeUndefined();
    expect(memo.get(one, 'k', none)).toBeUndefined();
    expect(calls).toBe(1);
    expect(memo.get(other, 'k', () => 'theirs')).toBe('theirs');
    expect(memo.get(one, 'k', () => 'never')).toBeUndefined();
  });

  it('starts over after `limit` entries, so the memory it holds is bounded', () => {
    const memo = new CatalogMemo<number>(2);
    let calls = 0;
    const count = () => ++calls;
    memo.get(one, 'a', count);
    memo.get(one, 'b', count);
    memo.get(one, 'c', count); // full: the map is cleared before `c` is kept
    expect(memo.get(one, 'c', count)).toBe(3);
    expect(memo.get(one, 'a', count)).toBe(4);
    expect(calls).toBe(4);
  });
});
