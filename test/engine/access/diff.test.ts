/**
 * Effective-access diff on the cases where text comparison goes wrong. Each row: OLD, NEW, and whether NEW grants
 * access OLD does not. Rows name the IAM rule they rely on.
 */
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../../src/engine/access/index.js';

type S = Record<string, unknown>;
const pol = (...statements: S[]): S => ({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[], extra: S = {}): S => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[], extra: S = {}): S => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });

interface Row {
  name: string;
  old: S | S[];
  new: S | S[];
  newAccess: boolean;
  /** when newAccess: whether the addition is proven (a concrete request) rather than "may grant" */
  certain?: boolean;
}

const rows: Row[] = [
  // Resources: IAM globs, compared as languages.
  { name: 'b/a* lies inside b/* (glob containment, not text)', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/a*')), newAccess: false },
  { name: 'b/* is wider than b/a*', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/a*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: true, certain: true },
  { name: '? matches exactly one character, so b/? lies inside b/*', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/?')), newAccess: false },
  { name: '* matches any run, so b/* is wider than b/?', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/?')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: true, certain: true },
  { name: 'b/?? lies inside b/?* but b/?* is wider than b/??', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/?*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/??')), newAccess: false },
  { name: '* in a resource spans ":" and "/" (arn:aws:iam::* covers a role path)', old: pol(allow('iam:GetRole', 'arn:aws:iam::*')), new: pol(allow('iam:GetRole', 'arn:aws:iam::111122223333:role/team/app')), newAccess: false },
  { name: '* spans ":" inside an S3 key', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/k:x/y')), newAccess: false },
  { name: 'resources are case-sensitive: B/* does not cover b/*', old: pol(allow('s3:GetObject', 'arn:aws:s3:::B/*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: true, certain: true },
  { name: 'actions are case-insensitive: s3:getobject is s3:GetObject', old: pol(allow('s3:getobject', '*')), new: pol(allow('S3:GetObject', '*')), newAccess: false },
  { name: 'a wildcard action covers the actions it matches in the catalogue', old: pol(allow('s3:Get*', '*')), new: pol(allow(['s3:GetObject', 's3:GetBucketPolicy'], '*')), newAccess: false },
  { name: 'a new action on the same resource is new access', old: pol(allow('s3:GetObject', '*')), new: pol(allow(['s3:GetObject', 's3:PutObject'], '*')), newAccess: true, certain: true },
  { name: 'an action the catalogue does not know is still granted by its text', old: pol(allow('s3:GetObject', '*')), new: pol(allow(['s3:GetObject', 's3:SomeFutureAction'], '*')), newAccess: true, certain: true },
  // NotAction / NotResource: "all except".
  { name: 'NotAction iam:* covers s3:*', old: pol({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), new: pol(allow('s3:*', '*')), newAccess: false },
  { name: 'NotAction iam:* does not cover iam:PassRole', old: pol({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), new: pol(allow('iam:PassRole', '*')), newAccess: true, certain: true },
  { name: 'NotResource secret* covers a disjoint glob', old: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret*' }), new: pol(allow('s3:GetObject', 'arn:aws:s3:::public/*')), newAccess: false },
  { name: 'NotResource secret* does not cover se* (it reaches secret…)', old: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret*' }), new: pol(allow('s3:GetObject', 'arn:aws:s3:::se*')), newAccess: true },
  { name: 'NotResource with fewer exclusions is wider', old: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] }), new: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::a/*' }), newAccess: true },
  { name: 'NotResource with more exclusions is narrower', old: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::a/*' }), new: pol({ Effect: 'Allow', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'] }), newAccess: false },
  // Deny carve-outs: an explicit deny overrides any allow.
  { name: 'dropping a deny carve-out grants what it denied', old: pol(allow('s3:*', 'arn:aws:s3:::b/*'), deny('s3:*', 'arn:aws:s3:::b/secret/*')), new: pol(allow('s3:*', 'arn:aws:s3:::b/*')), newAccess: true },
  { name: 'keeping the carve-out (written wider) grants nothing new', old: pol(allow('s3:*', 'arn:aws:s3:::b/*'), deny('s3:*', 'arn:aws:s3:::b/secret/*')), new: pol(allow('s3:*', 'arn:aws:s3:::b/*'), deny('s3:*', 'arn:aws:s3:::b/s*')), newAccess: false },
  { name: 'a wider allow fully cancelled by an unconditional deny is no new access', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', '*'), { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/*' }), newAccess: false },
  { name: 'a deny that cancels only part of a wider allow leaves new access', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', '*'), deny('s3:GetObject', 'arn:aws:s3:::c/*')), newAccess: true, certain: true },
  { name: 'a conditional deny does not cancel an allow for every request', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', '*'), { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }), newAccess: true },
  // Conditions: a key added is narrower, a key removed is wider; values compared by meaning.
  { name: 'a condition added is narrower', old: pol(allow('s3:GetObject', '*')), new: pol(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), newAccess: false },
  { name: 'a condition removed is wider', old: pol(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: pol(allow('s3:GetObject', '*')), newAccess: true },
  { name: 'StringEquals: a subset of values is narrower', old: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } })), new: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), newAccess: false },
  { name: 'StringEquals: another value is wider', old: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })), newAccess: true },
  { name: 'condition keys are case-insensitive', old: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: pol(allow('ec2:RunInstances', '*', { Condition: { StringEquals: { 'AWS:requestedregion': 'eu-west-1' } } })), newAccess: false },
  { name: 'StringLike: a pattern inside the old pattern is narrower', old: pol(allow('s3:ListBucket', '*', { Condition: { StringLike: { 's3:prefix': 'home/*' } } })), new: pol(allow('s3:ListBucket', '*', { Condition: { StringLike: { 's3:prefix': 'home/alice/*' } } })), newAccess: false },
  { name: 'StringEquals value inside a StringLike pattern is narrower', old: pol(allow('s3:ListBucket', '*', { Condition: { StringLike: { 's3:prefix': 'home/*' } } })), new: pol(allow('s3:ListBucket', '*', { Condition: { StringEquals: { 's3:prefix': 'home/alice' } } })), newAccess: false },
  { name: 'IpAddress: a narrower CIDR is narrower', old: pol(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } })), newAccess: false },
  { name: 'IpAddress: a wider CIDR is wider', old: pol(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })), newAccess: true },
  { name: 'IfExists admits requests without the key, so dropping it is narrower', old: pol(allow('s3:GetObject', '*', { Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), newAccess: false },
  { name: 'adding IfExists is wider', old: pol(allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { StringEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } })), newAccess: true },
  { name: 'StringNotEquals excluding more values is narrower', old: pol(allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } })), newAccess: false },
  { name: 'NumericLessThan with a lower bound is narrower', old: pol(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '100' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 's3:max-keys': '10' } } })), newAccess: false },
  { name: 'an operator it cannot compare is "may grant", never "no new access"', old: pol(allow('s3:GetObject', '*', { Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } })), new: pol(allow('s3:GetObject', '*', { Condition: { StringLike: { 'aws:CurrentTime': '2029*' } } })), newAccess: true, certain: false },
  // Policy variables: widened on the inner side, compared as text on the outer side.
  { name: 'a variable path lies inside the bucket-wide glob', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')), newAccess: false },
  { name: 'the bucket-wide glob is wider than a variable path', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: true },
  // Unions: a glob inside several allows together, none alone.
  { name: 'b/* lies inside b/ together with b/?* (union of globs, decided exactly)', old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/'), allow('s3:GetObject', 'arn:aws:s3:::b/?*')), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: false },
  { name: 'b/* is not inside b/a* and b/b* together', old: pol(allow('s3:GetObject', ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/b*'])), new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*')), newAccess: true, certain: true },
  // Resource policies: a Deny naming principals differently ("*") may still apply to the grant's principal.
  {
    name: 'dropping a Principal "*" deny from a bucket policy is new access for the named principal',
    old: pol(
      allow('s3:GetObject', 'arn:aws:s3:::b/*', { Principal: { AWS: 'arn:aws:iam::111122223333:role/r' } }),
      deny('s3:GetObject', 'arn:aws:s3:::b/secret/*', { Principal: '*' }),
    ),
    new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*', { Principal: { AWS: 'arn:aws:iam::111122223333:role/r' } })),
    newAccess: true,
  },
  {
    name: 'statements for different principals do not cover each other',
    old: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*', { Principal: { AWS: 'arn:aws:iam::111122223333:role/a' } })),
    new: pol(allow('s3:GetObject', 'arn:aws:s3:::b/*', { Principal: { AWS: 'arn:aws:iam::111122223333:role/b' } })),
    newAccess: true,
  },
  // Sets of policies: a role's identity policies are a union.
  { name: 'a set of policies is the union of their statements', old: [pol(allow('s3:GetObject', '*')), pol(allow('s3:PutObject', '*'))], new: pol(allow(['s3:GetObject', 's3:PutObject'], '*')), newAccess: false },
];

describe('diffPolicies: containment edge cases', () => {
  it.each(rows)('$name', (row) => {
    const d = diffPolicies(row.old, row.new);
    expect(d.newAccess).toBe(row.newAccess);
    expect(d.added.length > 0).toBe(row.newAccess);
    if (row.certain !== undefined) expect(d.added.some((e) => !e.uncertain)).toBe(row.certain);
    for (const e of d.added) if (e.uncertain) expect(e.reason).toMatch(/\S/);
  });

  it('reports both directions: what is added and what is removed, per action and resource', () => {
    const d = diffPolicies(pol(allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::b/*')), pol(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*')));
    expect(d).toMatchObject({ version: 1, newAccess: true });
    expect(d.added.map((e) => [e.action, e.resource])).toEqual([['s3:PutObject', 'arn:aws:s3:::b/*']]);
    expect(d.removed.map((e) => [e.action, e.resource])).toEqual([['s3:ListBucket', 'arn:aws:s3:::b/*']]);
  });

  it('carries the conditions of the grant that is new', () => {
    const cond = { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } };
    const d = diffPolicies(pol(allow('s3:GetObject', '*')), pol(allow('iam:PassRole', '*', { Condition: cond })));
    expect(d.added).toEqual([{ action: 'iam:PassRole', resource: '*', conditions: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } }, statement: 'new#0' }]);
  });

  it('refuses a policy IAM would refuse rather than dropping a statement', () => {
    expect(() => diffPolicies(pol({ Effect: 'Maybe', Action: 's3:*', Resource: '*' }), pol())).toThrow(/Effect/);
    expect(() => diffPolicies(pol({ Effect: 'Deny', Resource: '*' }), pol())).toThrow(/neither Action nor NotAction/);
  });
});
