/**
 * Hostile inputs to the evaluator: huge policies, huge wildcard patterns and deeply nested values must neither
 * hang (matching is linear, `src/engine/wildcard.ts`) nor exhaust the stack or memory; IAM-refused shapes are
 * compile errors, never crashes.
 */
import { describe, expect, it } from 'vitest';
import { compile, PolicyCompileError, simulate, simulateLine } from '../../../src/engine/evaluate/index.js';

const REQUEST = { principal: 'arn:aws:iam::111122223333:role/ci', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key' };

function within<T>(ms: number, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
}

describe('hostile inputs', () => {
  it('a 10,000-statement policy compiles and answers quickly, and the last statement still counts', () => {
    const Statement = Array.from({ length: 10_000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:Get${i}*`, Resource: `arn:aws:s3:::bucket-${i}/*`, Condition: { StringEquals: { 'aws:PrincipalTag/n': String(i) } } }));
    Statement.push({ Sid: 'Last', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' } as (typeof Statement)[number]);
    const set = within(5_000, () => compile({ identity: [{ Version: '2012-10-17', Statement }] }));
    const result = within(2_000, () => {
      let r = set.evaluate(REQUEST, { explain: true });
      for (let i = 0; i < 1_000; i++) r = set.evaluate({ ...REQUEST, resource: `arn:aws:s3:::bucket-${i}/k` }, { explain: true });
      return r;
    });
    expect(result.decision).toBe('explicitDeny');
    expect(result.matched!.map((m) => m.sid)).toContain('Last');
  }, 30_000);

  it('a 100 KB wildcard pattern against a 100 KB resource matches in linear time (no backtracking)', () => {
    // Many stars between runs that almost match: exponential for a backtracking matcher.
    const pattern = `arn:aws:s3:::${'a*'.repeat(50_000)}b`;
    const near = `arn:aws:s3:::${'a'.repeat(100_000)}`;
    const hit = `${near}b`;
    const set = compile({ identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: pattern, Condition: { StringLike: { 's3:prefix': `${'x?*'.repeat(33_000)}y` } } }] }] });
    within(3_000, () => {
      expect(set.decide({ ...REQUEST, resource: near, context: { 's3:prefix': 'x'.repeat(100_000) } })).toBe('implicitDeny');
      expect(set.decide({ ...REQUEST, resource: hit, context: { 's3:prefix': `${'xz'.repeat(50_000)}y` } })).toBe('allowed');
    });
  }, 30_000);

  it('deeply nested values are compile errors or error lines, not stack overflows', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nestedDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: deep }] };
    expect(() => compile({ identity: [nestedDoc] })).toThrow(PolicyCompileError);
    const text = `{"Version":"2012-10-17","Statement":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(() => compile({ identity: [text] })).toThrow(PolicyCompileError);
    const line = simulateLine({ policies: { identity: [nestedDoc] }, request: REQUEST });
    expect(line).toEqual({ error: expect.stringMatching(/nested deeper/) });
    // A deep request context value is refused by the request reader, not walked.
    expect(simulateLine({ policies: { identity: [] }, request: { ...REQUEST, context: { k: deep } } })).toEqual({ error: expect.stringMatching(/context key "k"/) });
  });

  it('a policy with 100,000 values in one condition and one resource list stays fast', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);
    const resources = Array.from({ length: 100_000 }, (_, i) => `arn:aws:s3:::b-${i}/*`);
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources, Condition: { IpAddress: { 'aws:SourceIp': values } } }] };
    const r = within(10_000, () => simulate({ identity: [policy] }, { ...REQUEST, resource: 'arn:aws:s3:::b-99999/k', context: { 'aws:SourceIp': '10.1.134.159' } }));
    expect(r.decision).toBe('allowed');
  }, 30_000);
});
