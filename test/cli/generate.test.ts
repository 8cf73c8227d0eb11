/**
 * The generate and blueprints commands through the built binary: output shapes, exit codes, one-line errors, and
 * --out writing the renderer's files, the policy documents and leastpriv-tests.yaml (nothing when it fails).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, runCli, runCliJson } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const PUSH = ['generate', '--blueprint', 'ecr-docker-push', '--set', 'account=111122223333', '--set', 'github_repository=octo-org/octo-repo'];

interface JsonBundle {
  version: number;
  roles: { name: string; trustPolicy: object; policies: { name: string; document: { Statement: object[] } }[]; tests: { expect: string }[] }[];
}

describe('leastpriv generate', () => {
  test('--format json prints the contract shape', () => {
    const r = runCliJson<JsonBundle>([...PUSH, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.version).toBe(1);
    expect(r.json.roles[0]!.name).toBe('myapp-ecr-docker-push-dev');
    expect(r.json.roles[0]!.policies[0]!.name).toBe('myapp-ecr-docker-push-dev-policy');
    expect(r.json.roles[0]!.tests.length).toBeGreaterThan(0);
    expect(Object.keys(r.json.roles[0]!)).toEqual(expect.arrayContaining(['name', 'trustPolicy', 'policies', 'tests']));
  });

  test('account defaults to the caller\'s AWS_ACCOUNT_ID (as the AWS SDKs read it); --set account wins', () => {
    const args = ['generate', '--blueprint', 'ecr-docker-push', '--set', 'github_repository=octo-org/octo-repo', '--format', 'json'];
    const fromEnv = runCliJson<JsonBundle>(args, { env: { AWS_ACCOUNT_ID: '444455556666' } });
    expect(fromEnv.status).toBe(0);
    expect(JSON.stringify(fromEnv.json.roles[0]!.trustPolicy)).toContain('arn:aws:iam::444455556666:oidc-provider/');
    const set = runCliJson<JsonBundle>([...args, '--set', 'account=111122223333'], { env: { AWS_ACCOUNT_ID: '444455556666' } });
    expect(JSON.stringify(set.json.roles[0]!.trustPolicy)).toContain('arn:aws:iam::111122223333:oidc-provider/');
  });

  test('a spec file with --set; JSON is the default format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    writeFileSync(join(dir, 'spec.yaml'), 'name: reader\nroles:\n  - name: "{project}-reader"\n    trust: {service: lambda.amazonaws.com}\n    permissions:\n      - actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::{project}-data/*"]\n');
    const r = runCliJson<JsonBundle>(['generate', join(dir, 'spec.yaml'), '--set', 'project=shop']);
    expect(r.status).toBe(0);
    expect(r.json.roles[0]!.name).toBe('shop-reader');
    expect(JSON.stringify(r.json.roles[0]!.policies[0]!.document)).toContain('arn:aws:s3:::shop-data/*');
  });

  test('--format markdown prints the page', () => {
    const r = runCli([...PUSH, '--format', 'markdown']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# ecr-docker-push');
    expect(r.stdout).toContain('| `ecr:PutImage` | Write |');
    expect(r.stdout).toContain('leastpriv test leastpriv-tests.yaml');
  });

  test.each([
    ['unknown --set key', [...PUSH, '--set', 'repo=x'], /^leastpriv: unknown parameter "repo" in --set; ecr-docker-push takes project, .*repository/],
    ['--set without =', [...PUSH, '--set', 'repository'], /^leastpriv: --set takes KEY=VALUE/],
    ['unknown blueprint', ['generate', '--blueprint', 'nope'], /^leastpriv: unknown blueprint "nope"; run leastpriv blueprints list/],
    ['neither spec nor blueprint', ['generate'], /^leastpriv: give a spec file/],
    ['unreadable spec', ['generate', '/nonexistent/spec.yaml'], /^leastpriv: cannot read \/nonexistent\/spec.yaml: no such file or directory\n$/],
    ['bad format', [...PUSH, '--format', 'xml'], /^leastpriv: --format must be one of json, terraform/],
    ['required parameter missing', ['generate', '--blueprint', 'ecr-docker-push', '--set', 'account=111122223333'], /^leastpriv: parameter "github_repository" has no value; add --set github_repository=octo-org\/octo-repo/],
  ])('%s: exit 2, one line on stderr', (_n, args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  test('a spec error names file:line:column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    writeFileSync(join(dir, 'spec.yaml'), 'roles:\n  - name: r\n    trust: {service: ecs-tasks.amazonaws.com}\n    permissions:\n      - actions: [s3:GetObjekt]\n        resources: ["arn:aws:s3:::b/*"]\n');
    const r = runCli(['generate', join(dir, 'spec.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`leastpriv: ${join(dir, 'spec.yaml')}:5:19: unknown action "s3:GetObjekt"; did you mean s3:GetObject?\n`);
  });

  test('a guard rail the permissions break: exit 1, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    writeFileSync(join(dir, 'spec.yaml'), 'roles:\n  - name: r\n    trust: {service: ecs-tasks.amazonaws.com}\n    permissions:\n      - actions: ["s3:*"]\n        resources: ["arn:aws:s3:::b/*"]\n    guardrails:\n      - {name: no deletes, action: s3:DeleteObject, resource: "arn:aws:s3:::b/k"}\n');
    const r = runCli(['generate', join(dir, 'spec.yaml'), '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/spec.yaml:8:9: guard rail "no deletes" must stay denied/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('--out writes the renderer output, the policy documents and leastpriv-tests.yaml in the test format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    const out = join(dir, 'iam');
    const r = runCli([...PUSH, '--format', 'markdown', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const role = 'myapp-ecr-docker-push-dev';
    expect(readdirSync(out).sort()).toEqual(['ecr-docker-push.md', 'leastpriv-tests.yaml', 'policies']);
    expect(readdirSync(join(out, 'policies', role)).sort()).toEqual([`${role}-policy.json`, 'trust-policy.json']);
    const tests = parse(readFileSync(join(out, 'leastpriv-tests.yaml'), 'utf8')) as { policies: { identity: string[] }; principal: string; cases: { name: string; action: string; resource: string; expect: string }[] };
    expect(tests.policies.identity).toEqual([`policies/${role}/${role}-policy.json`]);
    expect(tests.principal).toBe(`arn:aws:iam::111122223333:role/${role}`);
    expect(tests.cases.find((c) => c.name === 'cannot push to another repository')).toEqual({ name: 'cannot push to another repository', action: 'ecr:PutImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/other-myapp', expect: 'implicitDeny' });
    for (const c of tests.cases) expect(['allowed', 'implicitDeny', 'explicitDeny']).toContain(c.expect);
    // every policy file is JSON that the linter accepts at warning
    const lint = runCli(['lint', join(out, 'policies'), '--fail-on', 'warning']);
    expect(lint.status, lint.stdout).toBe(0);
  });

  test('--out into an existing directory replaces the generated files and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    expect(runCli([...PUSH, '--out', dir]).status).toBe(0);
    expect(runCli([...PUSH, '--set', 'project=shop', '--out', dir]).status).toBe(0);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(join(dir, 'policies')).sort()).toEqual(['myapp-ecr-docker-push-dev', 'shop-ecr-docker-push-dev']);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  test('--out creates missing parent directories; a file in the way is exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    expect(runCli([...PUSH, '--out', join(dir, 'a', 'b')]).status).toBe(0);
    expect(existsSync(join(dir, 'a', 'b', 'leastpriv-tests.yaml'))).toBe(true);
    writeFileSync(join(dir, 'file'), 'x');
    const r = runCli([...PUSH, '--out', join(dir, 'file')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leastpriv: cannot write to .*file: it is a file\n$/);
  });

  test('several roles → suites in leastpriv-tests.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-gen-'));
    writeFileSync(join(dir, 'spec.yaml'), 'roles:\n  - name: a\n    trust: {service: ecs-tasks.amazonaws.com}\n    permissions:\n      - {actions: [s3:GetObject], resources: ["arn:aws:s3:::a/*"]}\n  - name: b\n    trust: {service: ecs-tasks.amazonaws.com}\n    permissions:\n      - {actions: [s3:GetObject], resources: ["arn:aws:s3:::b/*"]}\n');
    expect(runCli(['generate', join(dir, 'spec.yaml'), '--out', join(dir, 'out')]).status).toBe(0);
    const tests = parse(readFileSync(join(dir, 'out', 'leastpriv-tests.yaml'), 'utf8')) as { suites: { policies: { identity: string[] }; principal: string; cases: unknown[] }[] };
    expect(tests.suites.map((s) => [s.policies.identity, s.principal])).toEqual([
      [['policies/a/a-policy.json'], 'arn:aws:iam::111122223333:role/a'],
      [['policies/b/b-policy.json'], 'arn:aws:iam::111122223333:role/b'],
    ]);
  });
});

describe('leastpriv blueprints', () => {
  test('list: one line per blueprint', () => {
    const r = runCli(['blueprints', 'list']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(13);
    expect(r.stdout).toMatch(/^ecs-service-deployment +A CI role that deploys a new Docker image to one existing ECS service/m);
  });
  test('list --format json', () => {
    const r = runCliJson<{ version: number; blueprints: { name: string; parameters: string[] }[] }>(['blueprints', 'list', '--format', 'json']);
    expect(r.json.version).toBe(1);
    expect(r.json.blueprints.find((b) => b.name === 'terraform-remote-state-s3')!.parameters).toEqual(['state_bucket', 'state_prefix', 'lock_table', 'kms_key_id', 'github_repository', 'github_ref']);
  });
  test('show: parameters with defaults, required ones, roles and the command to generate', () => {
    const r = runCli(['blueprints', 'show', 'ecs-service-deployment']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cluster +default \{project\}-\{environment\} — ECS cluster name/);
    expect(r.stdout).toMatch(/github_repository +\(required, e\.g\. octo-org\/octo-repo\)/);
    expect(r.stdout).toContain('leastpriv generate --blueprint ecs-service-deployment --set account=123456789012 --set github_repository=octo-org/octo-repo');
  });
  test('show --format json and --format yaml (the spec to start from)', () => {
    const j = runCliJson<{ name: string; parameters: { name: string; required: boolean }[] }>(['blueprints', 'show', 'dstack-aws', '--format', 'json']);
    expect(j.json.parameters.find((p) => p.name === 'bucket')!.required).toBe(true);
    const y = runCli(['blueprints', 'show', 'dstack-aws', '--format', 'yaml']);
    expect(parse(y.stdout).name).toBe('dstack-aws');
  });
  test('show of an unknown blueprint: exit 2', () => {
    const r = runCli(['blueprints', 'show', 'ecs-deploy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leastpriv: unknown blueprint "ecs-deploy"/);
  });
});
