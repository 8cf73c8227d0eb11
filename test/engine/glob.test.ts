import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globContains, globsIntersect } from '../../src/engine/glob.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';

/** Every string over `alphabet` up to `max` characters. */
function strings(alphabet: string[], max: number): string[] {
  const out = [''];
  let layer = [''];
  for (let n = 1; n <= max; n++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    out.push(...layer);
  }
  return out;
}

// Patterns over {a, b, *, ?}; witnesses over {a, b, c}: `c` stands for every character neither pattern names.
// A shortest witness (counterexample or common string) is never longer than the two patterns together.
const universe = strings(['a', 'b', 'c'], 8);
const pattern = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 4 });

describe('glob containment and intersection', () => {
  it.each([
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*', true],
    ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/*', false],
    ['*', 'anything', true],
    ['a*', '?*', false],
    ['?*', '*?', true],
    ['*?', '?*', true],
    ['*', '?', true],
    ['?', '*', false],
    ['a*b*c', 'a*bc', true],
    ['a:*', 'a:b/c:d', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::*:role/x-*', true],
    ['*a*', '*b*', false],
    // Decided by the fixed text after the outer's last star, not by exploring the automaton.
    ['arn:aws:apigateway:*::/restapis/??????????', 'arn:aws:apigateway:*::/restapis/*/resources', false],
    ['arn:aws:apigateway:*::/restapis/??????????', 'arn:aws:apigateway:*::/restapis/*??????????', false],
    ['arn:aws:apigateway:*::/restapis/??????????', 'arn:aws:apigateway:*::/restapis/a*??????????', false],
    ['arn:aws:apigateway:*::/restapis/??????????', 'arn:aws:apigateway:*::/restapis/??????????', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(globContains(outer, inner)).toBe(expected);
  });

  it('containment agrees with brute force over all short strings', () => {
    fc.assert(
      fc.property(pattern, pattern, (outer, inner) => {
        const brute = universe.every((s) => !wildcardMatch(inner, s) || wildcardMatch(outer, s));
        expect(globContains(outer, inner)).toBe(brute);
      }),
      { numRuns: 1500 },
    );
  });

  it('intersection agrees with brute force over all short strings', () => {
    fc.assert(
      fc.property(pattern, pattern, (x, y) => {
        const brute = universe.some((s) => wildcardMatch(x, s) && wildcardMatch(y, s));
        expect(globsIntersect(x, y)).toBe(brute);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives up (undefined) instead of exploding on a contrived pattern, and is never wrong when it answers', () => {
    const inner = `*a${'?'.repeat(18)}`;
    const r = globContains(`*a${'?'.repeat(17)}*`, inner, 500);
    expect(r === undefined || r === true).toBe(true);
  });
});
