/**
 * The security rules through the built CLI: `--fail-on` decides the exit code, findings carry severity
 * `security`, and the seed Terraform module's policy is reported as a privilege-escalation path.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli, runCliJson } from '../helpers/cli.js';

const SEED = join(ROOT, 'test/lint/fixtures/seed-terraform-ecs-module.json');

interface Report {
  results: { policyType: string; findings: { code: string; severity: string; pointer: string; line?: number }[] }[];
  summary: { security: number; error: number };
}

beforeAll(() => ensureBuilt(), 120_000);

describe('leastpriv lint: security findings', () => {
  it('the seed Terraform ECS module is a privilege-escalation path at the AttachRolePolicy it grants', () => {
    const r = runCliJson<Report>(['lint', '--format', 'json', SEED]);
    const escalation = r.json.results[0]!.findings.filter((f) => f.code === 'privilege-escalation');
    expect(escalation).toEqual([expect.objectContaining({ severity: 'security', pointer: '/Statement/3/Action/15', line: 69 })]);
    expect(r.json.summary.security).toBeGreaterThanOrEqual(1);
  });

  it('security findings fail the run at --fail-on security, not at the default --fail-on error', () => {
    const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(runCli(['lint', '-'], { input: admin }).status).toBe(0);
    const r = runCli(['lint', '--fail-on', 'security', '-'], { input: admin });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('full-admin');
  });

  it('a trust policy is detected and judged by the trust rules', () => {
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      ],
    });
    const r = runCliJson<Report>(['lint', '--format', 'json', '-'], { input: trust });
    expect(r.json.results[0]!.policyType).toBe('trust');
    expect(r.json.results[0]!.findings.map((f) => f.code)).toEqual(['oidc-missing-subject']);
  });
});
