/**
 * Properties every rule must keep, checked over arbitrary input: lint never throws, and every finding points at
 * a node that exists in the document and carries a position.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../src/lint/lint.js';
import { policyFromText } from '../../src/policy/loaded.js';
import { POLICY_TYPES } from '../../src/policy/model.js';
import { parseJson } from '../../src/policy/json.js';
import { nodeAtPointer } from '../../src/policy/tree.js';

/** Policy-shaped values: real element names and values mixed with junk, so rules get past their first checks. */
const word = fc.constantFrom(
  'Version', 'Statement', 'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal',
  'Condition', 'Resources', 'action', 'AWS', 'Service', 'Federated', 'StringEquals', 'StringLike', 'ForAnyValue:StringLike',
  'NumericLessThan', 'Bool', 'Null', 'IpAddress', 'ArnLike', 'DateGreaterThan', 'aws:SourceIp', 'aws:PrincipalTag/team',
  's3:prefix', 'iam:PassedToService', 'token.actions.githubusercontent.com:sub', 'x',
);
const scalar = fc.oneof(
  fc.constantFrom(
    'Allow', 'Deny', '2012-10-17', '2008-10-17', '*', 's3:GetObject', 's3:Get*', 'iam:PassRole', 'iam:*', 'ec2:RunInstances',
    'sts:AssumeRole', 'arn:aws:s3:::bucket/*', 'arn:aws:iam::123456789012:role/x', 'arn:aws:iam::*:role/*', 's3://b',
    '{bucket_name}', '${aws:username}', '10.0.0.0/8', 'true', '2024-01-01T00:00:00Z', 'ecs-tasks.amazonaws.com',
    'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com', 'repo:org/*', '',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(word, tie('v'), { maxKeys: 5 }),
  ),
})).v;
const statement = fc.dictionary(word, value, { maxKeys: 7 });
const policy = fc.record(
  { Version: fc.oneof(fc.constant('2012-10-17'), scalar), Statement: fc.oneof(fc.array(statement, { maxLength: 4 }), statement) },
  { requiredKeys: [] },
);

function checkFindings(text: string, type: (typeof POLICY_TYPES)[number]): void {
  const loaded = policyFromText(text, 'p.json', { type });
  const result = lintLoaded(loaded);
  const parsed = parseJson(text);
  for (const f of result.findings) {
    expect(f.pointer === '' || f.pointer.startsWith('/')).toBe(true);
    if (parsed.ok && f.code !== 'duplicate-key') expect(nodeAtPointer(parsed.node, f.pointer), `${f.code} ${f.pointer}`).toBeDefined();
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('lint on arbitrary input', () => {
  it('never throws on policy-shaped values of every policy type, and every finding has a valid pointer and position', () => {
    fc.assert(
      fc.property(policy, fc.constantFrom(...POLICY_TYPES), (p, type) => checkFindings(JSON.stringify(p, null, 1), type)),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => checkFindings(JSON.stringify(v) ?? 'null', 'identity')), { numRuns: 1000 });
  });

  it('never throws on arbitrary text (most of it not JSON)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (t) => checkFindings(t, 'resource')), { numRuns: 1000 });
  });

  it('reports hostile nesting as a syntax error instead of overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = lintLoaded(policyFromText(deep, 'deep.json'));
    expect(r.findings.map((f) => f.code)).toEqual(['json-syntax']);
    expect(r.findings[0]!.message).toMatch(/nesting deeper than/);
  });
});
