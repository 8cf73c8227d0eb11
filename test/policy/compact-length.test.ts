import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactLength, policyFromText } from '../../src/policy/loaded.js';

/** What IAM counts against size quotas, computed the obvious (slow) way. */
const reference = (text: string): number => JSON.stringify(JSON.parse(text)).replace(/\s/g, '').length;

function lengthOf(text: string): number {
  const policy = policyFromText(text, 'p.json');
  return compactLength(policy.root!);
}

describe('compactLength (characters without white space, the size IAM counts)', () => {
  it.each([
    ['escapes and white space inside strings', '{"a b": "x\\ty\\n\\"z\\"\\\\", "c": [1, 2.50, true, null, {}], "d": []}'],
    ['non-ASCII and unicode spaces', '{"Sid": "caf\\u00e9\\u00a0\\u2028 ok", "k": "\\ud83d\\ude00"}'],
    ['a duplicated key: the last value counts, in the first position', '{"a": "long value here", "b": 1, "a": 2}'],
    ['numbers as JSON.stringify writes them', '{"n": [1e3, -0, 0.10, 12345678901234567890]}'],
  ])('%s', (_, text) => {
    expect(lengthOf(text)).toBe(reference(text));
  });

  it('equals the length of the compact JSON text for any JSON value', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(lengthOf(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });
});
