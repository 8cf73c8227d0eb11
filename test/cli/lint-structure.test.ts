/**
 * The structural rules through the built CLI: the quota follows `--type` and `--inline`, suggestions do not fail
 * the default `--fail-on error` but do fail `--fail-on suggestion`, and the text output keeps its columns apart.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, runCliJson } from '../helpers/cli.js';

interface Report {
  results: { policyType: string; findings: { code: string; severity: string; pointer: string; line?: number; fix?: string }[] }[];
}

beforeAll(() => ensureBuilt(), 120_000);

/** An identity policy of `size` characters without white space (one long object key). */
function sized(size: number): string {
  const make = (n: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${'a'.repeat(n)}` }] });
  return JSON.stringify(make(size - JSON.stringify(make(0)).length), null, 2);
}

describe('leastpriv lint: structural rules', () => {
  it('a 3,000-character policy fits the managed quota (6,144) but not a user\'s inline quota (2,048): exit 1 with --inline user', () => {
    const policy = sized(3000);
    const managed = runCliJson<Report>(['lint', '--format', 'json', '-'], { input: policy });
    expect(managed.status).toBe(0);
    expect(managed.json.results[0]!.findings).toEqual([]);
    const user = runCliJson<Report>(['lint', '--format', 'json', '--inline', 'user', '-'], { input: policy });
    expect(user.status).toBe(1);
    expect(user.json.results[0]!.findings.map((f) => [f.code, f.pointer])).toEqual([['policy-too-large', '']]);
  });

  it('a trust policy is sized against the trust quota (2,048) with --type trust', () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: 60 }, (_, i) => `arn:aws:iam::123456789012:role/deployer-${i}`) }, Action: 'sts:AssumeRole' }] });
    const r = runCliJson<Report>(['lint', '--format', 'json', '--type', 'trust', '-'], { input: trust });
    expect(r.json.results[0]!.findings.map((f) => f.code)).toContain('policy-too-large');
    expect(r.status).toBe(1);
  });

  it('errors with positions and fixes: "Resources" and "allow"', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "allow",\n    "Action": "s3:GetObject",\n    "Resources": "*"\n  }]\n}\n';
    const r = runCliJson<Report>(['lint', '--format', 'json', '-'], { input: text });
    expect(r.status).toBe(1);
    const byCode = Object.fromEntries(r.json.results[0]!.findings.map((f) => [f.code, f]));
    expect(byCode['invalid-effect']).toMatchObject({ pointer: '/Statement/0/Effect', line: 4, fix: 'Allow' });
    expect(byCode['unknown-element']).toMatchObject({ pointer: '/Statement/0/Resources', line: 6, fix: 'Resource' });
    // The misspelled Resource is one finding, not also a missing-resource.
    expect(byCode['missing-resource']).toBeUndefined();
  });

  it('suggestions pass --fail-on error and fail --fail-on suggestion; the text output separates severity and message', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] });
    expect(runCli(['lint', '-'], { input: text }).status).toBe(0);
    const strict = runCli(['lint', '--fail-on', 'suggestion', '-'], { input: text });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/suggestion\s+"s3:GetObject" repeats/);
  });

  it('an input over 64 MB is refused by its size before it is read: one line on stderr, exit 2, nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leastpriv-huge-'));
    try {
      // A sparse 700 MB file: read whole, it would need over a gigabyte of memory and overflow V8's string limit.
      const huge = join(dir, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, 700 * 1024 * 1024);
      const r = runCli(['lint', huge]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`leastpriv: ${huge} is 700 MB; leastpriv reads inputs up to 64 MB\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
