/** Containment of one IAM glob in a union of globs, checked against brute force over short strings. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unionContains } from '../../../src/engine/access/union.js';
import { wildcardMatch } from '../../../src/engine/wildcard.js';

function strings(max: number): string[] {
  const out = [''];
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    layer = layer.flatMap((s) => ['a', 'b', 'c'].map((c) => s + c));
    out.push(...layer);
  }
  return out;
}
const ALL = strings(7);

describe('unionContains', () => {
  it.each([
    [['b/', 'b/?*'], 'b/*', true],
    [['b/a*', 'b/b*'], 'b/*', false],
    [['*a', '*b', '*c'], '*?', false],
    [['a*', '?'], '?', true],
    [['*'], 'anything*', true],
    [['x/*', 'y/*'], 'x/k', true],
  ])('%j ⊇ %s: %s', (outers, inner, expected) => {
    expect(unionContains(outers, inner)).toBe(expected);
  });

  it('agrees with brute force over every string up to 7 characters', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,4}$/);
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 3 }), pattern, (outers, inner) => {
        const counter = ALL.find((s) => wildcardMatch(inner, s) && !outers.some((o) => wildcardMatch(o, s)));
        expect(unionContains(outers, inner)).toBe(counter === undefined);
      }),
      { numRuns: 400 },
    );
  });
});
