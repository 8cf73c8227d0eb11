/**
 * Huge and hostile policies are bounded: lint returns (a quadratic rule would take minutes on these) and still
 * reports what matters. Not a timing test: the timeout only turns a hang into a failure.
 */
import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../src/index.js';

function overlapping(n: number): object {
  const Statement = [];
  for (let i = 0; i < n; i++) {
    Statement.push({ Sid: `S${i}`, Effect: 'Allow', Action: ['s3:GetObject', 's3:Put*', 'ec2:Describe*'], Resource: [`arn:aws:s3:::bucket${i}/*`, `arn:aws:s3:::b${i % 50}/*`] });
  }
  return { Version: '2012-10-17', Statement };
}

describe('hostile policies', () => {
  it('a 10,000-statement policy whose statements all share actions: lint returns and reports the size quota', () => {
    const codes = new Set(lintPolicy(overlapping(10_000), { type: 'identity' }).findings.map((f) => f.code));
    expect(codes).toContain('policy-too-large');
  }, 60_000);

  it('redundant-statement still finds a contained statement among many', () => {
    const p = overlapping(300) as { Statement: object[] };
    p.Statement.push({ Sid: 'Inner', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b7/x' });
    const found = lintPolicy(p, { type: 'identity' }).findings.filter((f) => f.code === 'redundant-statement');
    expect(found.map((f) => f.pointer)).toContain('/Statement/300');
  }, 60_000);
});

describe('hostile policies through diff and shrink', () => {
  it('a 10,000-statement policy: shrink merges it and diff against itself finds no change (indexes, not pairwise scans)', async () => {
    const { diffPolicies, shrinkPolicy } = await import('../../src/index.js');
    const p = overlapping(10_000);
    expect(diffPolicies(p, p).newAccess).toBe(false);
    const shrunk = shrinkPolicy(p);
    expect(shrunk.after).toBeLessThan(shrunk.before);
    expect(diffPolicies(p, shrunk.policy).newAccess).toBe(false);
  }, 120_000);
});
