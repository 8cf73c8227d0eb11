import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globContains } from '../../src/engine/glob.js';
import { PatternIndex } from '../../src/lint/covering.js';

const pattern = fc.stringMatching(/^[ab:*?]{0,6}$/);
/** Wildcard patterns no probe (over a, b, `:`) can fall under. */
const fillers = Array.from({ length: 20 }, (_, i) => `zz${'y'.repeat(i)}*`);

describe('PatternIndex (exact glob containment among wildcard patterns)', () => {
  it('answers the same when wildcard patterns that cover nothing asked are added', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 12 }), fc.array(pattern, { maxLength: 8 }), (patterns, probes) => {
        const few = new PatternIndex(patterns);
        const many = new PatternIndex([...patterns, ...fillers]);
        for (const p of [...probes, ...patterns]) {
          expect(many.coveredBy(p)).toBe(few.coveredBy(p));
          expect(many.coverers(p)).toEqual(few.coverers(p));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports as covering only a pattern that contains the probe (IAM wildcards: * any run, ? one character)', () => {
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 24 }), pattern, (patterns, probe) => {
        const outer = new PatternIndex(patterns).coveredBy(probe);
        if (outer !== undefined) {
          expect(outer).not.toBe(probe);
          expect(globContains(outer, probe)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('lists as coverers exactly the other wildcard patterns that contain the probe, shortest literal prefix first, then in the order added', () => {
    const prefix = (p: string): number => p.search(/[*?]/);
    // Patterns with literal prefixes that share and part (the trie's splits), probes that often fall under them.
    const prefixed = fc.stringMatching(/^[ab]{0,5}[*?][ab*?]{0,2}$/);
    const probes = fc.oneof(pattern, fc.stringMatching(/^[ab]{0,7}$/));
    fc.assert(
      fc.property(fc.array(fc.oneof(pattern, prefixed), { maxLength: 24 }), probes, (patterns, probe) => {
        const expected = patterns
          .filter((w) => prefix(w) >= 0 && w !== probe && globContains(w, probe, 4_000) === true)
          .map((w, i) => [w, i] as const)
          .sort((x, y) => prefix(x[0]) - prefix(y[0]) || x[1] - y[1])
          .map(([w]) => w);
        expect(new PatternIndex(patterns).coverers(probe)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [['s3:*', 's3:Get*'], 's3:GetObject', 's3:*'],
    [['s3:Get*', 's3:*'], 's3:GetObject', 's3:*'],
    [['s3:Get*', 's3:G*'], 's3:GetObject', 's3:G*'],
    [['s3:Put*'], 's3:GetObject', undefined],
    [['*'], 's3:GetObject', '*'],
    [['ab*', 'aa*'], 'abb', 'ab*'],
    [['abc*', 'abd*', 'ab*'], 'abdd', 'ab*'],
  ])('in %j, %s is covered by %s (the shortest literal prefix first)', (patterns, probe, expected) => {
    expect(new PatternIndex(patterns).coveredBy(probe)).toBe(expected);
  });
});
