import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, wildcardMatch } from '../../src/engine/wildcard.js';

/** Reference: IAM's `*` (any run, across `:` and `/`) and `?` (one character) as an anchored regular expression. */
function reference(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(text);
}

describe('IAM wildcard matching', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['*a*b', 'xaxb', true],
    ['*a*b', 'xbxa', false],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['*?', '', false],
    ['*?', 'x', true],
    ['a*?*c', 'ac', false],
    ['a*?*c', 'abc', true],
    ['?*?', 'ab', true],
    ['arn:aws:iam::*:role/*-orchestra-task-*-*', 'arn:aws:iam::1:role/x-orchestra-task-a-b', true],
    ['arn:aws:iam::*:role/*-orchestra-task-*-*', 'arn:aws:iam::1:role/x-orchestra-task-ab', false],
  ])('%s matches %s: %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('is case-sensitive (resources); callers lower-case actions themselves', () => {
    expect(wildcardMatch('arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket')).toBe(false);
  });

  it('agrees with the regular-expression reference on random patterns and strings', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const textAlphabet = fc.constantFrom('a', 'b', ':', '/', 'c');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), fc.string({ unit: textAlphabet, maxLength: 16 }), (p, t) => {
        expect(compileWildcard(p).matches(t)).toBe(reference(p, t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the reference when the text is built to match (so true cases are common)', () => {
    const segment = fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.array(segment, { maxLength: 6 }), (parts, fill) => {
        const pattern = parts.join('*');
        const text = parts.map((p, i) => p + (fill[i] ?? '')).join('');
        expect(compileWildcard(pattern).matches(text)).toBe(reference(pattern, text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('handles `?` segments longer than the 31-bit shift-and window', () => {
    const seg = `${'a'.repeat(20)}?${'b'.repeat(20)}`;
    const text = `xx${'a'.repeat(20)}Z${'b'.repeat(20)}yy`;
    expect(wildcardMatch(`*${seg}*`, text)).toBe(true);
    expect(wildcardMatch(`*${seg}*`, text.replace('Z', ''))).toBe(false);
  });

  it('matches a hostile pattern (*a*a*…*b) against 100 KB without backtracking blow-up', () => {
    // Correctness only: speed is measured by `npm run bench`, not by a timed test.
    const pattern = `${'*a'.repeat(2000)}*b`;
    const text = 'a'.repeat(100_000);
    expect(wildcardMatch(pattern, text)).toBe(false);
    expect(wildcardMatch(pattern, `${text}b`)).toBe(true);
  });
});
