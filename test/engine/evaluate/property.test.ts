import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, PolicyCompileError, type PolicySet, type SimulationRequest } from '../../../src/engine/evaluate/index.js';
import { ACCT, FEDERATED, OTHER, OTHER_ROLE, ROLE, ROOT, SESSION, USER } from './cases.js';
import { referenceDecision } from './reference.js';

const ACTIONS = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'kms:Decrypt', 'sts:AssumeRole', 'sts:GetCallerIdentity'];
// Broad patterns repeat so that statements apply often and the deeper steps of the logic are reached.
const ACTION_PATTERNS = [...ACTIONS, 's3:*', '*', '*', '*', 's3:Get*', 'S3:getobject', 'ec2:Run?nstances', '*:GetObject', 'kms:*', 'sts:*'];
const RESOURCES = [
  'arn:aws:s3:::bucket/key',
  'arn:aws:s3:::bucket/alice/x',
  'arn:aws:s3:::other/key',
  '*',
  `arn:aws:kms:us-east-1:${ACCT}:key/k1`,
  `arn:aws:iam::${ACCT}:role/deploy`,
  `arn:aws:sqs:us-east-1:${OTHER}:q`,
];
const RESOURCE_PATTERNS = [
  '*',
  '*',
  '*',
  'arn:aws:s3:::bucket/*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::bucket/${aws:username}/*',
  'arn:aws:s3:::bucket/${aws:PrincipalTag/team, \'key\'}',
  'arn:aws:s3:::bucket/ke?',
  'arn:aws:kms:*:*:key/*',
  'arn:aws:iam::*:role/*',
  'arn:aws:sqs:*:*:*',
  'arn:aws:s3:::bucket/${*}',
];
const PRINCIPALS = [USER, ROLE, SESSION, ROLE, SESSION, FEDERATED, ROOT, OTHER_ROLE, `arn:aws:sts::${ACCT}:assumed-role/ci/other`, 'cloudtrail.amazonaws.com', 'anonymous', `arn:aws:iam::${OTHER}:user/eve`];
const PRINCIPAL_VALUES = [USER, ROLE, SESSION, ACCT, OTHER, ROOT, OTHER_ROLE, FEDERATED, `arn:aws:iam::${ACCT}:role/team/ci`, '*'];

const CONDITIONS: [string, string, unknown][] = [
  ['StringEquals', 'aws:PrincipalTag/team', ['dev', 'ops']],
  ['StringNotEquals', 'aws:PrincipalTag/team', 'dev'],
  ['StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'DEV'],
  ['StringNotEqualsIgnoreCaseIfExists', 'aws:PrincipalTag/team', 'OPS'],
  ['StringLike', 's3:prefix', ['home/*', '${aws:username}/*']],
  ['StringNotLike', 's3:prefix', 'secret/*'],
  ['StringEquals', 'aws:PrincipalTag/owner', '${aws:username}'],
  ['NumericLessThan', 's3:max-keys', '10'],
  ['NumericEquals', 's3:max-keys', ['5', '10.0']],
  ['NumericNotEquals', 's3:max-keys', '5'],
  ['Bool', 'aws:SecureTransport', 'true'],
  ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'],
  ['Null', 'aws:TokenIssueTime', 'true'],
  ['Null', 'aws:PrincipalTag/team', 'false'],
  ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.1.1']],
  ['NotIpAddress', 'aws:SourceIp', '10.0.0.0/16'],
  ['ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCT}:*`],
  ['ArnNotEquals', 'aws:SourceArn', 'arn:aws:sns:*:*:topic'],
  ['ForAnyValue:StringEquals', 'aws:TagKeys', ['env', 'team']],
  ['ForAllValues:StringLike', 'aws:TagKeys', ['e*', 't*']],
  ['ForAllValues:StringNotEquals', 'aws:TagKeys', 'admin'],
  ['ForAnyValue:StringNotLikeIfExists', 'aws:TagKeys', 'a*'],
  ['StringEquals', 'aws:TagKeys', 'env'],
  ['StringNotEquals', 'aws:TagKeys', 'admin'],
  ['StringNotLike', 'aws:SourceArn', 'arn:aws:sns:*'],
  ['StringEquals', 'aws:PrincipalType', 'AssumedRole'],
  ['StringEquals', 'aws:PrincipalAccount', ACCT],
];

const CONTEXT_VALUES: Record<string, unknown[]> = {
  'aws:PrincipalTag/team': ['dev', 'ops', 'Dev', 'key'],
  'aws:PrincipalTag/owner': ['alice', 'bob'],
  's3:prefix': ['home/x', 'alice/y', 'secret/z', ''],
  's3:max-keys': ['3', '10', '5', 12, 'ten'],
  'aws:SecureTransport': ['true', 'false', true],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:TokenIssueTime': ['2020-01-01T00:00:00Z'],
  'aws:SourceIp': ['10.0.1.2', '10.1.0.1', '192.168.1.1', '8.8.8.8', '2001:db8::1'],
  'aws:SourceArn': ['arn:aws:sns:us-east-1:1:topic', 'arn:aws:sns:us-east-1:1:other', 'not-an-arn'],
  'aws:TagKeys': [[], ['env'], ['env', 'team'], ['admin'], ['team', 'owner'], 'env'],
};

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const oneOrMany = <T>(xs: readonly T[]): fc.Arbitrary<T | T[]> => fc.oneof(pick(xs), fc.uniqueArray(pick(xs), { minLength: 1, maxLength: 3 }));

const conditionBlock = fc.uniqueArray(pick(CONDITIONS), { maxLength: 2, selector: ([op, key]) => `${op}|${key}` }).map((cs) => {
  const block: Record<string, Record<string, unknown>> = {};
  for (const [op, key, values] of cs) (block[op] ??= {})[key] = values;
  return block;
});

function statement(withPrincipal: boolean | 'rcp'): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
      not: fc.boolean(),
      actions: oneOrMany(ACTION_PATTERNS),
      notResource: fc.boolean(),
      resources: fc.option(oneOrMany(RESOURCE_PATTERNS), { nil: undefined, freq: 6 }),
      notPrincipal: fc.constantFrom(false, false, true),
      principal: fc.oneof(
        { weight: 1, arbitrary: fc.constant('*' as unknown) },
        { weight: 4, arbitrary: fc.record({ AWS: fc.oneof(pick(PRINCIPAL_VALUES), fc.uniqueArray(pick(PRINCIPAL_VALUES), { minLength: 1, maxLength: 4 })) }) },
        { weight: 1, arbitrary: fc.record({ Service: fc.constant('cloudtrail.amazonaws.com') }) },
      ),
      condition: fc.option(conditionBlock, { nil: undefined, freq: 3 }),
    })
    .map((r) => {
      const s: Record<string, unknown> = { Effect: r.Effect, [r.not ? 'NotAction' : 'Action']: r.actions };
      if (r.resources !== undefined) s[r.notResource ? 'NotResource' : 'Resource'] = r.resources;
      // An RCP's principal can only be "*" (RCP syntax).
      if (withPrincipal === 'rcp') s.Principal = '*';
      else if (withPrincipal) s[r.notPrincipal ? 'NotPrincipal' : 'Principal'] = r.principal;
      if (r.condition && Object.keys(r.condition).length > 0) s.Condition = r.condition;
      return s;
    });
}

function policy(withPrincipal: boolean | 'rcp'): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({
    Version: fc.constantFrom('2012-10-17', '2012-10-17', '2012-10-17', '2008-10-17', undefined),
    Statement: fc.array(statement(withPrincipal), { minLength: 1, maxLength: 3 }),
  }).map((d) => (d.Version === undefined ? { Statement: d.Statement } : d));
}

const policySet: fc.Arbitrary<PolicySet> = fc
  .record({
    identity: fc.array(policy(false), { maxLength: 2 }),
    resource: fc.option(policy(true), { nil: undefined }),
    boundary: fc.option(policy(false), { nil: undefined, freq: 3 }),
    scp: fc.option(fc.array(fc.array(policy(false), { minLength: 1, maxLength: 2 }), { maxLength: 2 }), { nil: undefined, freq: 3 }),
    rcp: fc.option(fc.array(fc.array(policy('rcp'), { minLength: 1, maxLength: 1 }), { maxLength: 1 }), { nil: undefined, freq: 3 }),
    session: fc.option(policy(false), { nil: undefined, freq: 3 }),
  })
  .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as PolicySet);

const request: fc.Arbitrary<SimulationRequest> = fc
  .record({
    principal: pick(PRINCIPALS),
    action: pick([...ACTIONS, 'S3:GETOBJECT']),
    resource: pick(RESOURCES),
    resourceAccount: fc.option(pick([ACCT, OTHER]), { nil: undefined, freq: 4 }),
    context: fc.subarray(Object.keys(CONTEXT_VALUES)).chain((keys) =>
      fc.tuple(...keys.map((k) => pick(CONTEXT_VALUES[k]!))).map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
    ),
  })
  .map((r) => {
    const out: SimulationRequest = { principal: r.principal, action: r.action, resource: r.resource, context: r.context as SimulationRequest['context'] };
    if (r.resourceAccount !== undefined) out.resourceAccount = r.resourceAccount;
    return out;
  });

describe('compiled evaluation agrees with the reference evaluator', () => {
  it('gives the reference decision on random policy sets and requests', () => {
    fc.assert(
      fc.property(policySet, fc.array(request, { minLength: 1, maxLength: 4 }), (set, requests) => {
        const compiled = compile(set);
        for (const req of requests) {
          const expected = referenceDecision(set, req);
          expect(compiled.decide(req)).toBe(expected);
          expect(compiled.evaluate(req, { explain: true }).decision).toBe(expected);
        }
      }),
      { numRuns: 6000 },
    );
  });
});

describe('evaluation never throws', () => {
  const jsonish = fc.jsonValue({ maxDepth: 4 });
  const looseStatement = fc.dictionary(
    fc.constantFrom('Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Sid'),
    fc.oneof(jsonish, pick(['Allow', 'Deny', '*', 's3:*', '${aws:username}']), fc.dictionary(fc.string(), jsonish)),
  );
  const loosePolicy = fc.oneof(jsonish, fc.record({ Version: fc.oneof(jsonish, fc.constant('2012-10-17')), Statement: fc.oneof(jsonish, looseStatement, fc.array(looseStatement)) }));
  const looseRequest = fc.record({
    principal: fc.oneof(fc.string(), pick(PRINCIPALS), jsonish),
    action: fc.oneof(fc.string(), pick(ACTIONS)),
    resource: fc.oneof(fc.string(), pick(RESOURCES)),
    context: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), jsonish)), jsonish),
  });

  it('compiles arbitrary documents or rejects them with PolicyCompileError, and then evaluates any request', () => {
    fc.assert(
      fc.property(fc.array(loosePolicy, { maxLength: 3 }), loosePolicy, fc.array(looseRequest, { minLength: 1, maxLength: 3 }), (identity, resource, requests) => {
        let compiled;
        try {
          compiled = compile({ identity, resource, scp: [[loosePolicyFallback(identity)]] });
        } catch (e) {
          expect(e).toBeInstanceOf(PolicyCompileError);
          return;
        }
        for (const req of requests) {
          const d = compiled.decide(req as unknown as SimulationRequest);
          expect(['allowed', 'explicitDeny', 'implicitDeny']).toContain(d);
          expect(compiled.evaluate(req as unknown as SimulationRequest, { explain: true }).decision).toBe(d);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function loosePolicyFallback(identity: unknown[]): unknown {
  return identity[0] ?? { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
}
