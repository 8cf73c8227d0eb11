/**
 * Acceptance: the real hand-written "minimal permissions" pages in ../shared/seeds/ (when that folder exists).
 * Every ```json block of a page is linted by the built CLI, and the mistakes the pages are known for must be
 * reported with the right code: a non-existent action, `iam:CreatePolicy` scoped to a role ARN, `s3://` used as an
 * ARN, `Resources` written for `Resource`, `logs:DescribeLogGroups` scoped to log groups (never granted), and a
 * create-role + attach-policy + pass-role escalation path.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureBuilt, runCliJson } from '../helpers/cli.js';

const SEEDS = join(ROOT, '../shared/seeds');
const present = existsSync(SEEDS);

interface Finding {
  code: string;
  severity: string;
  message: string;
  pointer: string;
  line?: number;
  fix?: string;
}
interface Report {
  results: { path: string; policyType: string; findings: Finding[] }[];
}

/** The seed page whose text contains `marker`, by file-name prefix (the pages are named by number and hash). */
function seedContaining(marker: string): string {
  const name = readdirSync(SEEDS).find((f) => readFileSync(join(SEEDS, f), 'utf8').includes(marker));
  if (!name) throw new Error(`no seed mentions ${marker}`);
  return name.slice(0, 3);
}

describe.skipIf(!present)(`the seeds in ../shared/seeds${present ? '' : ' (skipped: folder absent)'}`, () => {
  let dir: string;
  let report: Report;
  const findings = (seed: string): Finding[] =>
    report.results.filter((r) => r.path.includes(`/${seed}-`)).flatMap((r) => r.findings);

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'leastpriv-seeds-'));
    for (const f of readdirSync(SEEDS)) {
      const text = readFileSync(join(SEEDS, f), 'utf8');
      let i = 0;
      for (const m of text.matchAll(/```json\n([\s\S]*?)```/g)) writeFileSync(join(dir, `${f.slice(0, 3)}-${i++}.json`), m[1]!);
    }
    report = runCliJson<Report>(['lint', '--format', 'json', dir]).json;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every JSON block of every page is linted', () => {
    expect(report.results.length).toBeGreaterThanOrEqual(9);
  });

  it('the CLI page: ec2:CancelSpotRequests does not exist (unknown-action, with the real names suggested)', () => {
    const f = findings(seedContaining('ec2:CancelSpotRequests')).find((x) => x.code === 'unknown-action');
    expect(f?.message).toContain('ec2:CancelSpotInstanceRequests');
  });

  it('the CLI page: iam:CreatePolicy scoped to a role ARN grants nothing (unsupported-resource)', () => {
    const f = findings(seedContaining('ec2:CancelSpotRequests')).filter((x) => x.code === 'unsupported-resource');
    expect(f.map((x) => x.message).join('\n')).toContain('iam:CreatePolicy acts on policy');
  });

  it('the CLI page: s3://bucket is an S3 URI, not an ARN (invalid-arn with the ARN as fix)', () => {
    const f = findings(seedContaining('ec2:CancelSpotRequests')).filter((x) => x.code === 'invalid-arn');
    expect(f.map((x) => x.fix)).toContain('arn:aws:s3:::{bucket_name}');
  });

  it('logs:DescribeLogGroups scoped to log groups is never granted (action-requires-wildcard)', () => {
    const f = findings(seedContaining('ec2:CancelSpotRequests')).filter((x) => x.code === 'action-requires-wildcard');
    expect(f.map((x) => x.message).join('\n')).toContain('logs:DescribeLogGroups');
  });

  it('the CLI page: "Resources" written for "Resource" (unknown-element with the right key as fix)', () => {
    const f = findings(seedContaining('ec2:CancelSpotRequests')).find((x) => x.code === 'unknown-element');
    expect(f).toMatchObject({ pointer: expect.stringMatching(/\/Resources$/), fix: 'Resource' });
  });

  it('the Terraform-module page: create role + attach policy + pass it to ECS is a privilege escalation', () => {
    const f = findings(seedContaining('orchestra')).find((x) => x.code === 'privilege-escalation');
    expect(f?.severity).toBe('security');
    expect(f?.message).toMatch(/iam:PassRole/);
    expect(f?.message).toMatch(/ecs/i);
  });
});
