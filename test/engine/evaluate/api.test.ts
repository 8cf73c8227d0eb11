import { describe, expect, it } from 'vitest';
import { policyFromText } from '../../../src/policy/loaded.js';
import {
  compile,
  defaultPrincipal,
  PolicyCompileError,
  prepareRequest,
  readSimulationLine,
  simulate,
  SimulationInputError,
  simulateLine,
} from '../../../src/engine/evaluate/index.js';
import * as lib from '../../../src/index.js';
import { ACCT, allow, ALLOW_ALL, BASE_REQUEST, deny, doc, OBJECT, USER } from './cases.js';

function compileError(policies: Parameters<typeof compile>[0]): PolicyCompileError {
  try {
    compile(policies);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyCompileError);
    return e as PolicyCompileError;
  }
  throw new Error('expected a PolicyCompileError');
}

describe('documents IAM would refuse are compile errors, with the policy and a pointer', () => {
  it.each([
    ['a policy that is not an object', { identity: [[1, 2]] }, 'identity[0]', ''],
    ['a policy without Statement', { identity: [{ Version: '2012-10-17' }] }, 'identity[0]', ''],
    ['a statement that is not an object', { identity: [{ Version: '2012-10-17', Statement: ['x'] }] }, 'identity[0]', '/Statement/0'],
    ['an Effect in the wrong case (IAM JSON policy elements: Effect — "Allow" or "Deny", case-sensitive)', { identity: [doc({ Effect: 'allow', Action: '*', Resource: '*' })] }, 'identity[0]', '/Statement/0/Effect'],
    ['a statement without Action or NotAction', { identity: [doc({ Effect: 'Allow', Resource: '*' })] }, 'identity[0]', '/Statement/0'],
    ['Action together with NotAction', { scp: [[doc({ Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' })]] }, 'scp[0][0]', '/Statement/0'],
    ['Resource together with NotResource', { session: doc({ Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' }) }, 'session', '/Statement/0'],
    ['an unknown condition operator', { identity: [doc(allow('*', '*', { Condition: { StringEqualz: { 'aws:x': 'y' } } }))] }, 'identity[0]', '/Statement/0/Condition/StringEqualz'],
    ['IfExists on Null (Condition operators: "except the Null condition")', { identity: [doc(allow('*', '*', { Condition: { NullIfExists: { 'aws:x': 'true' } } }))] }, 'identity[0]', '/Statement/0/Condition/NullIfExists'],
    ['an action that is not a string', { identity: [doc(allow(['s3:GetObject', { a: 1 } as unknown as string]))] }, 'identity[0]', '/Statement/0/Action'],
    ['a principal string other than "*"', { resource: doc({ Effect: 'Allow', Principal: USER, Action: '*', Resource: '*' }) }, 'resource', '/Statement/0/Principal'],
    ['an RCP principal other than "*" (RCP syntax: the Principal of an RCP must be "*")', { rcp: [[doc({ Effect: 'Deny', Principal: { AWS: USER }, Action: '*', Resource: '*' })]] }, 'rcp[0][0]', '/Statement/0/Principal'],
    ['NotPrincipal in an RCP (RCP syntax: no NotPrincipal element)', { rcp: [[doc({ Effect: 'Deny', NotPrincipal: { AWS: USER }, Action: '*', Resource: '*' })]] }, 'rcp[0][0]', '/Statement/0/NotPrincipal'],
    ['an unknown principal type', { resource: doc({ Effect: 'Allow', Principal: { IAM: USER }, Action: '*', Resource: '*' }) }, 'resource', '/Statement/0/Principal/IAM'],
    ['JSON text that does not parse', { identity: ['{"Statement": ['] }, 'identity[0]', ''],
  ])('%s', (_name, policies, policy, pointer) => {
    const e = compileError(policies as Parameters<typeof compile>[0]);
    expect(e.policy).toBe(policy);
    expect(e.pointer).toBe(pointer);
  });

  it('names the failing policy in the message', () => {
    expect(compileError({ identity: [ALLOW_ALL, doc({ Effect: 'Maybe', Action: '*', Resource: '*' })] }).message).toMatch(/^identity\[1\] at \/Statement\/0\/Effect: /);
  });
});

describe('inputs and outputs', () => {
  it('accepts a policy as JSON text, as a value, as a PolicyDocument and as a loaded policy', () => {
    const text = JSON.stringify(doc(allow('s3:GetObject', OBJECT)));
    const loaded = policyFromText(text, 'p.json');
    for (const p of [text, JSON.parse(text), loaded.document, loaded]) {
      expect(simulate({ identity: [p] }, BASE_REQUEST).decision).toBe('allowed');
    }
  });

  it('reports a syntax error of a loaded policy as a compile error', () => {
    expect(() => compile({ identity: [policyFromText('{', 'p.json')] })).toThrow(PolicyCompileError);
  });

  it('explains by default in simulate and not in evaluate; matched statements carry the Sid', () => {
    const policies = { identity: [doc({ ...allow('s3:*'), Sid: 'Read' })] };
    expect(simulate(policies, BASE_REQUEST)).toEqual({ decision: 'allowed', matched: [{ policy: 'identity[0]', statement: 0, sid: 'Read', effect: 'Allow' }] });
    expect(compile(policies).evaluate(BASE_REQUEST)).toEqual({ decision: 'allowed' });
    expect(simulate(policies, BASE_REQUEST, { explain: false })).toEqual({ decision: 'allowed' });
  });

  it('accepts an already compiled set in simulate', () => {
    const compiled = compile({ identity: [ALLOW_ALL] });
    expect(simulate(compiled, BASE_REQUEST).decision).toBe('allowed');
  });

  it('evaluates one prepared request against many policy sets with the same answers as fresh requests', () => {
    const request = { ...BASE_REQUEST, context: { 'aws:SourceIp': '10.1.2.3', 'aws:TagKeys': ['a', 'b'] } };
    const prepared = prepareRequest(request);
    const sets = [
      { identity: [ALLOW_ALL] },
      { identity: [doc(allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))] },
      { identity: [doc(allow('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))] },
      { identity: [doc(allow('*', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b', 'c'] } } }))] },
      { identity: [ALLOW_ALL, doc(deny('s3:*'))] },
    ];
    const answers = sets.map((s) => compile(s).decide(prepared));
    expect(answers).toEqual(sets.map((s) => compile(s).decide(request)));
    expect(answers).toEqual(['allowed', 'allowed', 'implicitDeny', 'allowed', 'explicitDeny']);
  });

  it('answers repeated requests for one action from its memoised plan consistently', () => {
    const compiled = compile({ identity: [doc(allow('s3:Get*', 'arn:aws:s3:::bucket/*'))] });
    for (let i = 0; i < 3; i++) {
      expect(compiled.decide(BASE_REQUEST)).toBe('allowed');
      expect(compiled.decide({ ...BASE_REQUEST, resource: 'arn:aws:s3:::other/key' })).toBe('implicitDeny');
    }
  });

  it('is exported from the library entry point', () => {
    expect(lib.simulate).toBe(simulate);
    expect(lib.compile).toBe(compile);
    expect(lib.simulate({ identity: [ALLOW_ALL] }, BASE_REQUEST).decision).toBe('allowed');
  });
});

describe('batch lines (contract: simulate --batch)', () => {
  it('reads a line with its own policies', () => {
    const line = readSimulationLine({ policies: { identity: [ALLOW_ALL] }, request: { principal: USER, action: 's3:GetObject', resource: OBJECT, context: { 'aws:MultiFactorAuthPresent': true, n: 3, tags: ['a'] } } });
    expect(line.policies).toEqual({ identity: [ALLOW_ALL] });
    expect(simulate(line.policies!, line.request).decision).toBe('allowed');
  });

  it('reads a bare request', () => {
    expect(readSimulationLine({ principal: USER, action: 's3:GetObject', resource: OBJECT })).toEqual({ request: { principal: USER, action: 's3:GetObject', resource: OBJECT } });
  });

  it('gives a request without principal a role in the resource account, so it is a same-account question', () => {
    expect(defaultPrincipal(`arn:aws:sqs:us-east-1:${ACCT}:q`)).toBe(`arn:aws:iam::${ACCT}:role/leastpriv-simulated`);
    const { request } = readSimulationLine({ action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCT}:q` });
    expect(prepareRequest(request).sameAccount).toBe(true);
  });

  it('answers a line with its result, or with an error for a bad line or a refused policy', () => {
    const defaults = compile({ identity: [ALLOW_ALL] });
    expect(simulateLine({ principal: USER, action: 's3:GetObject', resource: OBJECT }, defaults)).toEqual({ decision: 'allowed', matched: [{ policy: 'identity[0]', statement: 0, effect: 'Allow' }] });
    expect(simulateLine({ policies: { identity: [doc(deny('*'))] }, request: { principal: USER, action: 's3:GetObject', resource: OBJECT } }, defaults)).toMatchObject({ decision: 'explicitDeny' });
    expect(simulateLine({ action: 's3:GetObject' }, defaults)).toEqual({ error: 'the request needs a "resource" string' });
    expect(simulateLine({ policies: { identity: [{ Statement: [] as unknown[], Version: 1 }, { Version: '2012-10-17' }] }, request: { action: 'a:b', resource: '*' } })).toEqual({ error: 'identity[1]: the policy has no Statement' });
    expect(simulateLine({ action: 's3:GetObject', resource: OBJECT })).toHaveProperty('error');
  });

  it.each([
    ['not an object', 'x'],
    ['no action', { resource: OBJECT }],
    ['no resource', { action: 's3:GetObject' }],
    ['a principal that is not a string', { principal: 5, action: 's3:GetObject', resource: OBJECT }],
    ['a malformed resourceAccount', { action: 's3:GetObject', resource: OBJECT, resourceAccount: '12' }],
    ['a context value that is an object', { action: 's3:GetObject', resource: OBJECT, context: { k: { a: 1 } } }],
    ['policies that are not an object', { policies: [], request: { action: 's3:GetObject', resource: OBJECT } }],
  ])('rejects a line with %s', (_name, line) => {
    expect(() => readSimulationLine(line)).toThrow(SimulationInputError);
  });
});

describe('hostile input stays bounded', () => {
  it('compiles and evaluates a 10,000-statement policy', () => {
    const statements = Array.from({ length: 10_000 }, (_, i) => allow(`s3:Get${i}*`, `arn:aws:s3:::bucket-${i}/*`, { Condition: { StringEquals: { 'aws:PrincipalTag/t': `v${i}` } } }));
    const compiled = compile({ identity: [doc(...statements)] });
    expect(compiled.decide({ ...BASE_REQUEST, action: 's3:Get9999x', resource: 'arn:aws:s3:::bucket-9999/k', context: { 'aws:PrincipalTag/t': 'v9999' } })).toBe('allowed');
    expect(compiled.decide(BASE_REQUEST)).toBe('implicitDeny');
  });

  it('matches a 100 KB wildcard pattern against a 100 KB resource without backtracking', () => {
    const pattern = `arn:aws:s3:::b/${'*a'.repeat(50_000)}*b`;
    const resource = `arn:aws:s3:::b/${'a'.repeat(100_000)}`;
    const compiled = compile({ identity: [doc(allow('s3:GetObject', pattern), allow('*', '*', { Condition: { StringLike: { 'aws:UserAgent': pattern } } }))] });
    expect(compiled.decide({ ...BASE_REQUEST, resource, context: { 'aws:UserAgent': resource } })).toBe('implicitDeny');
  });

  it('matches a 100 KB pattern with literal parts from variables', () => {
    const pattern = `arn:aws:s3:::b/\${*}${'?*'.repeat(50_000)}`;
    const compiled = compile({ identity: [doc(allow('s3:GetObject', pattern))] });
    expect(compiled.decide({ ...BASE_REQUEST, resource: `arn:aws:s3:::b/*${'x'.repeat(100_001)}` })).toBe('allowed');
  });

  it('rejects deeply nested JSON with a compile error instead of a stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => compile({ identity: [doc(allow('*', '*', { Condition: { StringEquals: { k: deep } } }))] })).toThrow(PolicyCompileError);
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => compile({ identity: [text] })).toThrow(PolicyCompileError);
  });

  it('never throws while evaluating a request of the wrong shape', () => {
    const compiled = compile({ identity: [ALLOW_ALL], resource: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) });
    for (const request of [{}, { principal: 42 }, { principal: null, action: [], resource: {} }, null, { principal: USER, action: 's3:x', resource: 'r', context: { a: null, b: [{}], c: {} } }]) {
      expect(() => compiled.evaluate(request as never, { explain: true })).not.toThrow();
      expect(() => compiled.decide(request as never)).not.toThrow();
    }
  });
});

describe('request parsing stays linear', () => {
  it('reads a 100 KB principal of dots as an anonymous caller without backtracking', () => {
    const compiled = compile({ resource: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }) });
    expect(compiled.decide({ ...BASE_REQUEST, principal: `a${'.'.repeat(100_000)}!` })).toBe('allowed');
    expect(prepareRequest({ ...BASE_REQUEST, principal: `a${'.'.repeat(100_000)}!` }).principal.kind).toBe('anonymous');
    expect(prepareRequest({ ...BASE_REQUEST, principal: 'logs.eu-west-1.amazonaws.com' }).principal.kind).toBe('service');
  });
});
