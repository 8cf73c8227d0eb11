/**
 * Generated policies: `shrink(p)` gives the evaluator's decision for every request that `p` gives, is never larger,
 * lints no worse, and `diff` proves no new access either way. The checker itself is checked: it catches a policy
 * that lost a statement.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../../src/catalog/load.js';
import { diffPolicies } from '../../../src/engine/access/index.js';
import { shrinkPolicy } from '../../../src/engine/shrink/index.js';
import { lintPolicy } from '../../../src/index.js';
import { equivalent } from './equivalence.js';

const actionPool = [
  's3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:Get*', 's3:List*', 's3:*', 's3:DeleteObject',
  'ec2:Describe*', 'ec2:DescribeInstances', 'ec2:RunInstances', 'iam:PassRole', 'iam:Get*', 'iam:List*',
  'sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*',
  'logs:CreateLogStream', 'logs:PutLogEvents', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:*Item',
];
const resourcePool = [
  '*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*', 'arn:aws:s3:::b/a/?', 'arn:aws:s3:::c*',
  'arn:aws:iam::123456789012:role/x', 'arn:aws:iam::*:role/*', 'arn:aws:sqs:us-east-1:123456789012:q',
  'arn:aws:dynamodb:*:*:table/t*', 'arn:aws:kms:*:*:key/*',
];
const conditionPool = [
  undefined,
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringLike: { 's3:prefix': ['home/*'] } },
  { Bool: { 'aws:SecureTransport': 'false' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  actions: fc.uniqueArray(fc.constantFrom(...actionPool), { minLength: 1, maxLength: 6 }),
  notAction: fc.constantFrom(false, false, true),
  resources: fc.uniqueArray(fc.constantFrom(...resourcePool), { minLength: 1, maxLength: 3 }),
  notResource: fc.constantFrom(false, false, false, true),
  condition: fc.constantFrom(...conditionPool),
});
const policy = fc.array(statement, { minLength: 1, maxLength: 6 }).map((ss) => ({
  Version: '2012-10-17',
  Statement: ss.map((s) => ({
    Effect: s.Effect,
    [s.notAction ? 'NotAction' : 'Action']: s.actions,
    [s.notResource ? 'NotResource' : 'Resource']: s.resources,
    ...(s.condition ? { Condition: s.condition } : {}),
  })),
}));

describe('shrink on generated policies', () => {
  it('allows and denies exactly what the original does, is never larger, and diff proves it both ways', () => {
    const catalog = getCatalog();
    fc.assert(
      fc.property(policy, (p) => {
        const r = shrinkPolicy(p);
        expect(r.after).toBeLessThanOrEqual(r.before);
        expect(equivalent(catalog, p, r.policy, { maxActions: 40 })).toBeUndefined();
        expect(diffPolicies(p, r.policy).newAccess).toBe(false);
        expect(diffPolicies(r.policy, p).newAccess).toBe(false);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('lints no worse than the original: every finding code on the output was already on the input', () => {
    fc.assert(
      fc.property(policy, (p) => {
        const before = new Set(lintPolicy(p).findings.map((f) => f.code));
        const after = lintPolicy(shrinkPolicy(p).policy).findings.map((f) => f.code);
        expect(after.filter((c) => !before.has(c))).toEqual([]);
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('diff never claims "no new access" when the evaluator finds a request NEW allows and OLD does not', () => {
    const catalog = getCatalog();
    let claimed = 0;
    fc.assert(
      fc.property(policy, policy, (oldP, newP) => {
        const d = diffPolicies(oldP, newP);
        if (d.newAccess) return;
        claimed++;
        expect(equivalent(catalog, oldP, newP, { subset: true, maxActions: 60 })).toBeUndefined();
      }),
      { numRuns: 120 },
    );
    // Random pairs rarely nest; the claim must still have been exercised.
    expect(claimed).toBeGreaterThan(0);
  }, 120_000);

  it('diff proves "no new access" when NEW only drops Allow statements and adds Deny statements', () => {
    fc.assert(
      fc.property(policy, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), policy, (oldP, keep, extra) => {
        const kept = oldP.Statement.filter((s, i) => s.Effect === 'Deny' || keep[i]);
        const denies = extra.Statement.map((s) => ({ ...s, Effect: 'Deny' }));
        const newP = { ...oldP, Statement: [...kept, ...denies] };
        expect(diffPolicies(oldP, newP).newAccess).toBe(false);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('the equivalence checker catches a policy that lost a statement or gained an action', () => {
    const catalog = getCatalog();
    const p = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/secret/*' },
      ],
    };
    expect(equivalent(catalog, p, { ...p, Statement: [p.Statement[0]] })).toBeDefined();
    expect(equivalent(catalog, p, { ...p, Statement: [{ ...p.Statement[0], Action: ['s3:GetObject*'] }, p.Statement[1]] })).toBeDefined();
  });
});
