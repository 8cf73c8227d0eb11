/**
 * Condition implication, checked against the evaluator: for generated pairs of statements that differ only in
 * their conditions, whenever diff says NEW grants nothing new, no request context (from a grid of region, source IP
 * and numeric values, each also absent) is allowed by NEW and refused by OLD.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../../src/engine/access/index.js';
import { compilePolicySet } from '../../../src/engine/evaluate/index.js';

const regionOps = ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIfExists', 'StringEqualsIgnoreCase', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike'];
const regionValues = ['eu-west-1', 'eu-*', 'us-east-1', '*-1', 'EU-WEST-1', 'eu-west-?'];
const ipOps = ['IpAddress', 'NotIpAddress', 'IpAddressIfExists'];
const ipValues = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3/32', '192.168.0.0/16', '0.0.0.0/0'];
const numOps = ['NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericEquals', 'NumericNotEquals'];
const numValues = ['5', '50', '100', '500'];

const clause = fc.oneof(
  fc.record({ op: fc.constantFrom(...regionOps), key: fc.constant('aws:RequestedRegion'), values: fc.uniqueArray(fc.constantFrom(...regionValues), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom(...ipOps), key: fc.constant('aws:SourceIp'), values: fc.uniqueArray(fc.constantFrom(...ipValues), { minLength: 1, maxLength: 2 }) }),
  fc.record({ op: fc.constantFrom(...numOps), key: fc.constant('s3:max-keys'), values: fc.uniqueArray(fc.constantFrom(...numValues), { minLength: 1, maxLength: 2 }) }),
);

function policy(clauses: { op: string; key: string; values: string[] }[]): Record<string, unknown> {
  const condition: Record<string, Record<string, string[]>> = {};
  for (const c of clauses) (condition[c.op] ??= {})[c.key] = c.values;
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', ...(clauses.length ? { Condition: condition } : {}) }],
  };
}

const contexts: Record<string, string>[] = [];
for (const region of [undefined, 'eu-west-1', 'eu-central-1', 'us-east-1', 'eu-west-9']) {
  for (const ip of [undefined, '10.1.2.3', '10.2.0.1', '192.168.0.1']) {
    for (const n of [undefined, '5', '50', '500']) {
      const ctx: Record<string, string> = {};
      if (region) ctx['aws:RequestedRegion'] = region;
      if (ip) ctx['aws:SourceIp'] = ip;
      if (n) ctx['s3:max-keys'] = n;
      contexts.push(ctx);
    }
  }
}

describe('condition implication against the evaluator', () => {
  it('"no new access" is never claimed when some request context is allowed by NEW and refused by OLD', () => {
    let claims = 0;
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 2 }), fc.array(clause, { maxLength: 2 }), (oldC, newC) => {
        const oldP = policy(oldC);
        const newP = policy(newC);
        if (diffPolicies(oldP, newP).newAccess) return;
        claims++;
        const o = compilePolicySet({ identity: [oldP] });
        const n = compilePolicySet({ identity: [newP] });
        for (const context of contexts) {
          const req = { principal: 'arn:aws:iam::111122223333:role/r', action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context };
          if (n.evaluate(req, { explain: false }).decision === 'allowed') {
            expect(o.evaluate(req, { explain: false }).decision, JSON.stringify({ oldC, newC, context })).toBe('allowed');
          }
        }
      }),
      { numRuns: 1500 },
    );
    expect(claims).toBeGreaterThan(200);
  }, 120_000);
});
