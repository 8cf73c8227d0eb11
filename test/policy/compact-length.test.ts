import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactLength, policyFromText } from '../../src/policy/loaded.js';

/** What IAM counts against size quotas, computed the obvious (slow) way. */
const reference = (text: string): number => JSON.stringify(JSON.parse(text.replace(/^\ufeff/, ''))).replace(/\s/g, '').length;

function lengthOf(text: string): number {
  const policy = policyFromText(text, 'p.json');
  const fromTree = compactLength(policy.root!);
  // The parser counts it on the way for plain text; where it does, both counts must agree.
  if (policy.compactLength !== undefined) expect(policy.compactLength).toBe(fromTree);
  return fromTree;
}

describe('compactLength (characters without white space, the size IAM counts)', () => {
  it.each([
    ['escapes and white space inside strings', '{"a b": "x\\ty\\n\\"z\\"\\\\", "c": [1, 2.50, true, null, {}], "d": []}'],
    ['non-ASCII and unicode spaces', '{"Sid": "caf\\u00e9\\u00a0\\u2028 ok", "k": "\\ud83d\\ude00"}'],
    ['a duplicated key: the last value counts, in the first position', '{"a": "long value here", "b": 1, "a": 2}'],
    ['numbers as JSON.stringify writes them', '{"n": [1e3, -0, 0.10, 12345678901234567890]}'],
    ['numbers JSON.stringify writes longer, or as null', '{"n": [1e21, 1e400, -1e400, 5E-7]}'],
    ['white space around the root and between tokens', ' \r\n\t{ "Version" : "2012-10-17" ,\n "Statement" : [ { "Action" : [ "s3:Get*" ] } ] }\n '],
    ['a byte-order mark before the document', '\ufeff{"Statement": []}'],
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

  it('is counted by the parser, equal to the tree count, for indented plain text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const indented = JSON.stringify(JSON.parse(text), null, 2);
        expect(lengthOf(indented)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
    expect(policyFromText('{ "Statement": [ { "Sid": "a b" } ] }', 'p.json').compactLength).toBe(28);
  });
});
