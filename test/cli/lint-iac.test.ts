/**
 * The CLI on templates and plans: `leastpriv lint --format json` reports each embedded policy with its location
 * and type. Runs the built CLI (`npm test` builds first; a missing build is made here).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures');

function lint(...args: string[]) {
  return lintInput('', ...args);
}

function lintInput(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/leastpriv.js'), 'lint', '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { status: r.status, stderr: r.stderr, report: r.stdout ? (JSON.parse(r.stdout) as Report) : undefined };
}

interface Report {
  version: number;
  results: { path: string; location: string; policyType: string; findings: { code: string; pointer: string; line?: number; column?: number }[] }[];
  summary: { files: number; policies: number; error: number };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.cjs'))) spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}, 120_000);

describe('leastpriv lint on infrastructure as code', () => {
  it('a YAML template: every embedded policy with location, policyType and positioned findings; exit 1', () => {
    const { status, report } = lint('test/fixtures/cloudformation/template.yaml');
    expect(status).toBe(1);
    expect(report!.version).toBe(1);
    const deploy = report!.results.find((r) => r.location === 'Resources/DeployRole/Properties/Policies/0/PolicyDocument')!;
    expect(deploy).toMatchObject({ path: 'test/fixtures/cloudformation/template.yaml', policyType: 'identity' });
    expect(deploy.findings).toEqual([expect.objectContaining({ code: 'unknown-action', pointer: '/Statement/0/Action/1', line: 34, column: 21 })]);
    expect(report!.results.find((r) => r.location === 'Resources/DeployRole/Properties/AssumeRolePolicyDocument')!.policyType).toBe('trust');
    expect(report!.results.find((r) => r.location === 'Resources/Scp/Properties/Content')!.policyType).toBe('scp');
    expect(report!.summary).toMatchObject({ files: 1, policies: 13, error: 6 });
  });

  it('a terraform plan: resource address/attribute locations and types', () => {
    const { status, report } = lint(join(FIXTURES, 'terraform/plan.json'));
    expect(status).toBe(1);
    const locations = report!.results.map((r) => [r.location, r.policyType]);
    expect(locations).toContainEqual(['aws_iam_role.builder/assume_role_policy', 'trust']);
    expect(locations).toContainEqual(['module.ci["deploy"].aws_sqs_queue_policy.jobs/policy', 'resource']);
    expect(locations).toContainEqual(['aws_organizations_policy.deny_leave/content', 'scp']);
    const scp = report!.results.find((r) => r.location === 'aws_organizations_policy.deny_leave/content')!;
    expect(scp.findings[0]).toMatchObject({ code: 'unknown-action', line: 1 });
  });

  it('directories: templates and plans walked; Terraform sources and READMEs are not read', () => {
    const { report } = lint('test/fixtures/cloudformation', 'test/fixtures/terraform');
    expect(report!.summary.files).toBe(4);
    const paths = new Set(report!.results.map((r) => r.path));
    expect([...paths].sort()).toEqual([
      'test/fixtures/cloudformation/template.json',
      'test/fixtures/cloudformation/template.yaml',
      'test/fixtures/terraform/plan.json',
      'test/fixtures/terraform/state.json',
    ]);
  });

  it('a template without policies on stdin: no results, exit 0', () => {
    const { status, report } = lintInput('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', '-');
    expect(status).toBe(0);
    expect(report!.results).toEqual([]);
    expect(report!.summary).toMatchObject({ files: 1, policies: 0 });
  });

  it('a YAML syntax error in a template is a json-syntax finding with its position', () => {
    const { status, report } = lintInput('Resources:\n  B:\n    Type: [AWS::S3::Bucket\n', '-');
    expect(status).toBe(1);
    expect(report!.results).toEqual([
      { path: '-', location: '', policyType: 'identity', findings: [expect.objectContaining({ code: 'json-syntax', line: expect.any(Number) })] },
    ]);
  });

  it('linting JSON never loads the YAML parser (start-up time); a YAML template does', () => {
    const loads = (file: string) =>
      spawnSync(process.execPath, [join(ROOT, 'bin/leastpriv.js'), 'lint', file], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_DEBUG: 'module' },
      }).stderr.includes('yaml/dist/index.js');
    expect(loads('test/fixtures/cloudformation/template.json')).toBe(false);
    expect(loads('test/fixtures/terraform/plan.json')).toBe(false);
    expect(loads('test/fixtures/cloudformation/template.yaml')).toBe(true);
  });
});
