/**
 * `leastpriv simulate` as users run it: one request from flags (text and JSON, --expect for CI), and --batch JSON
 * lines (flag policies, per-line policies, bad lines). Runs the built CLI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, runCliJson } from '../helpers/cli.js';

const F = 'test/cli/fixtures/simulate';
const ACCT = '111122223333';
const CI = `arn:aws:iam::${ACCT}:role/ci`;
const REPO = `arn:aws:ecr:us-east-1:${ACCT}:repository/app`;

interface Single {
  version: number;
  decision: string;
  matched: { policy: string; statement: number; sid?: string; effect: string; source: string }[];
  denied?: { layer: string; level?: number; message: string }[];
  request: Record<string, unknown>;
}

beforeAll(() => ensureBuilt(), 120_000);

const guarded = ['--policy', `${F}/ci.json`, '--boundary', `${F}/boundary.json`, '--scp', `${F}/scp-root.json`, '--scp', `${F}/scp-ou.json`];

describe('leastpriv simulate: one request', () => {
  it.each([
    ['the CI policy lets the role push to its repository (identity Allow within boundary and SCPs)', ['--action', 'ecr:PutImage', '--resource', REPO], 'allowed'],
    ['another repository is implicitly denied (no identity statement covers it)', ['--action', 'ecr:PutImage', '--resource', `arn:aws:ecr:us-east-1:${ACCT}:repository/other`], 'implicitDeny'],
    ['the boundary Deny on secret objects is an explicit deny', ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::artifacts/secret/k'], 'explicitDeny'],
    ['the OU SCP region lock denies another region', ['--action', 'ecr:PutImage', '--resource', REPO, '--context', 'aws:RequestedRegion=ap-south-1'], 'explicitDeny'],
    ['an IPv6 source inside the CIDR satisfies IpAddress', ['--action', 'ssm:GetParameter', '--resource', '*', '--context', 'aws:SourceIp=2001:db8::7'], 'allowed'],
    ['a source outside the CIDRs does not', ['--action', 'ssm:GetParameter', '--resource', '*', '--context', 'aws:SourceIp=192.0.2.1'], 'implicitDeny'],
    ['an OU SCP level that allows no EC2 implicitly denies though the identity policy allows', ['--action', 'ec2:CreateTags', '--resource', '*'], 'implicitDeny'],
  ])('%s', (_name, args, decision) => {
    const r = runCliJson<Single>(['simulate', ...guarded, '--principal', CI, ...args, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.version).toBe(1);
    expect(r.json.decision).toBe(decision);
  });

  it.each([
    ['a repeated --context key is a multivalued key (ForAllValues: every tag key allowed)', ['--context', 'aws:TagKeys=team', '--context', 'aws:TagKeys=env'], 'allowed'],
    ['a JSON list in --context is a multivalued key (one disallowed tag key fails ForAllValues)', ['--context', 'aws:TagKeys=["team","owner"]'], 'implicitDeny'],
    ['a one-element JSON list is still multivalued (ForAllValues over one allowed key)', ['--context', 'aws:TagKeys=["team"]'], 'allowed'],
  ])('%s', (_name, args, decision) => {
    const r = runCliJson<Single>(['simulate', '--policy', `${F}/ci.json`, '--principal', CI, '--action', 'ec2:CreateTags', '--resource', '*', ...args, '--format', 'json']);
    expect(r.json.decision).toBe(decision);
  });

  it('JSON names the deciding statement with its file, Sid and the label of the contract', () => {
    const r = runCliJson<Single>(['simulate', ...guarded, '--principal', CI, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::artifacts/secret/k', '--format', 'json']);
    expect(r.json.matched).toContainEqual({ policy: 'boundary', statement: 1, sid: 'NoSecrets', effect: 'Deny', source: `${F}/boundary.json` });
    expect(r.json.matched).toContainEqual({ policy: 'identity[0]', statement: 1, sid: 'ReadArtifacts', effect: 'Allow', source: `${F}/ci.json` });
  });

  it('a JSON array file given to --scp is one level of several documents (labels scp[1][0], scp[1][1])', () => {
    const r = runCliJson<Single>(['simulate', ...guarded, '--principal', CI, '--action', 'ecr:PutImage', '--resource', REPO, '--context', 'aws:RequestedRegion=ap-south-1', '--format', 'json']);
    expect(r.json.matched.filter((m) => m.policy.startsWith('scp')).map((m) => `${m.policy}:${m.effect}:${m.source}`)).toEqual([
      `scp[0][0]:Allow:${F}/scp-root.json`,
      `scp[1][0]:Allow:${F}/scp-ou.json#0`,
      `scp[1][1]:Deny:${F}/scp-ou.json#1`,
    ]);
  });

  it('text output: decision, the statements that applied with the deciding one marked, and the reason', () => {
    const r = runCli(['simulate', ...guarded, '--principal', CI, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::artifacts/secret/k']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^explicitDeny {2}s3:GetObject on arn:aws:s3:::artifacts\/secret\/k\n/);
    expect(r.stdout).toContain(`✗ Deny  ${F}/boundary.json (boundary) statement 1 "NoSecrets"`);
    expect(r.stdout).toContain('an explicit Deny overrides every Allow');
  });

  it('text output of an implicit deny names the failing layer (an SCP level)', () => {
    const r = runCli(['simulate', ...guarded, '--principal', CI, '--action', 'ec2:CreateTags', '--resource', '*']);
    expect(r.stdout).toContain('implicit deny: scp level 1: no statement of the SCPs at level 1 allows the request');
  });

  it('cross-account: the bucket policy naming the partner role plus its identity policy allow; without the identity Allow it is denied', () => {
    const partner = 'arn:aws:iam::444455556666:role/reader';
    const base = ['simulate', '--resource-policy', `${F}/bucket.json`, '--principal', partner, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::artifacts/k', '--resource-account', ACCT, '--format', 'json'];
    expect(runCliJson<Single>([...base, '--policy', `${F}/session.json`]).json.decision).toBe('allowed');
    const alone = runCliJson<Single>(base).json;
    expect(alone.decision).toBe('implicitDeny');
    expect(alone.denied!.map((d) => d.layer)).toEqual(['identity']);
    expect(runCliJson<Single>([...base, '--policy', `${F}/session.json`, '--context', 'aws:SecureTransport=false']).json.decision).toBe('explicitDeny');
  });

  it('--principal anonymous is an unsigned request: only a resource policy naming "*" lets it in', () => {
    const base = ['simulate', '--principal', 'anonymous', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::artifacts/k', '--format', 'json'];
    expect(runCliJson<Single>([...base, '--resource-policy', `${F}/bucket.json`]).json.decision).toBe('implicitDeny');
    expect(runCliJson<Single>([...base, '--resource-policy', `${F}/public-bucket.json`]).json.decision).toBe('allowed');
  });

  it('a session policy limits a role session', () => {
    const session = `arn:aws:sts::${ACCT}:assumed-role/ci/build`;
    const r = runCliJson<Single>(['simulate', '--policy', `${F}/ci.json`, '--session-policy', `${F}/session.json`, '--principal', session, '--action', 'ecr:PutImage', '--resource', REPO, '--format', 'json']);
    expect(r.json.decision).toBe('implicitDeny');
    expect(r.json.denied!.map((d) => d.layer)).toEqual(['session']);
  });

  it('policies embedded in a CloudFormation template are read (--policy takes its identity policies)', () => {
    const r = runCliJson<Single>(['simulate', '--policy', 'test/fixtures/cloudformation/template.yaml#Resources/DeployRole/Properties/Policies/0/PolicyDocument', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::anything/k', '--format', 'json']);
    expect(r.json.decision).toBe('allowed');
    expect(r.json.matched[0]!.source).toBe('test/fixtures/cloudformation/template.yaml#Resources/DeployRole/Properties/Policies/0/PolicyDocument');
  });

  it.each([
    ['allowed', 0],
    ['implicitDeny', 1],
    ['explicitDeny', 1],
  ])('--expect %s exits %i for an allowed request (CI assertion)', (expected, code) => {
    const r = runCli(['simulate', ...guarded, '--principal', CI, '--action', 'ecr:PutImage', '--resource', REPO, '--expect', expected]);
    expect(r.status).toBe(code);
    if (code === 1) expect(r.stdout).toContain(`expected ${expected}, got allowed`);
  });

  it.each([
    ['a missing policy file', ['--policy', `${F}/nope.json`, '--action', 's3:GetObject', '--resource', '*'], /cannot read .*nope\.json: no such file/],
    ['a policy that is not JSON (with its position)', ['--policy', `${F}/broken.json`, '--action', 's3:GetObject', '--resource', '*'], /broken\.json:2:\d+: /],
    ['a policy IAM refuses (with the file and pointer)', ['--policy', `${F}/bad-effect.json`, '--action', 's3:GetObject', '--resource', '*'], /bad-effect\.json at \/Statement\/0\/Effect: Effect must be "Allow" or "Deny"/],
    ['no --action', ['--policy', `${F}/ci.json`, '--resource', '*'], /needs --action/],
    ['a malformed action', ['--policy', `${F}/ci.json`, '--action', 'GetObject', '--resource', '*'], /--action must be service:Action/],
    ['a principal that is no recognisable form', ['--policy', `${F}/ci.json`, '--action', 's3:GetObject', '--resource', '*', '--principal', 'arn:aws:iam:111122223333:role/ci'], /--principal "arn:aws:iam:111122223333:role\/ci" is not a user, role/],
    ['a bad --context', ['--policy', `${F}/ci.json`, '--action', 's3:GetObject', '--resource', '*', '--context', 'novalue'], /--context needs KEY=VALUE/],
    ['a bad --expect', ['--policy', `${F}/ci.json`, '--action', 's3:GetObject', '--resource', '*', '--expect', 'deny'], /--expect must be one of/],
    ['two files after one --scp', ['--scp', `${F}/scp-root.json`, `${F}/scp-ou.json`, '--action', 's3:GetObject', '--resource', '*'], /each --scp\/--rcp flag takes one file/],
    ['a template with two resource policies for --resource-policy', ['--resource-policy', 'test/fixtures/cloudformation/template.yaml', '--action', 's3:GetObject', '--resource', '*'], /holds \d+ policies, and a resource policy is one/],
  ])('%s: one line on stderr, exit 2', (_name, args, message) => {
    const r = runCli(['simulate', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('leastpriv simulate --batch', () => {
  const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

  it('one result line per input line, in order; flag policies for bare requests, own policies replace them; bad lines are errors in place and exit 1', () => {
    const lines = [
      JSON.stringify({ principal: CI, action: 'ecr:PutImage', resource: REPO }),
      JSON.stringify({ request: { principal: CI, action: 'ecr:PutImage', resource: REPO, context: { 'aws:RequestedRegion': 'ap-south-1' } } }),
      'not json',
      JSON.stringify({ policies: { identity: [allowAll] }, request: { principal: CI, action: 'iam:CreateUser', resource: '*' } }),
      JSON.stringify({ principal: CI, action: 'iam:CreateUser', resource: '*' }),
      JSON.stringify({ policies: { identity: [{ Statement: [{ Effect: 'Maybe', Action: '*' }] }] }, request: { action: 's3:GetObject', resource: '*' } }),
      JSON.stringify({ action: 's3:GetObject' }),
      '',
    ];
    const r = runCli(['simulate', '--batch', '-', ...guarded], { input: `${lines.join('\n')}\n` });
    expect(r.status).toBe(1);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { decision?: string; error?: string; matched?: unknown[] });
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.decision ?? 'error')).toEqual(['allowed', 'explicitDeny', 'error', 'allowed', 'implicitDeny', 'error', 'error', 'error']);
    expect(out[0]!.matched).toEqual(expect.arrayContaining([{ policy: 'identity[0]', statement: 0, sid: 'Push', effect: 'Allow' }]));
    expect(out[2]!.error).toMatch(/^line 3: not valid JSON/);
    expect(out[5]!.error).toMatch(/^line 6: identity\[0\] at \/Statement\/0\/Effect/);
    expect(out[6]!.error).toMatch(/^line 7: .*"resource"/);
  });

  it('a batch of valid lines exits 0, and --expect makes any other decision exit 1', () => {
    const lines = [JSON.stringify({ principal: CI, action: 'ecr:PutImage', resource: REPO }), JSON.stringify({ principal: CI, action: 'ecr:InitiateLayerUpload', resource: REPO })].join('\n');
    expect(runCli(['simulate', '--batch', '-', ...guarded], { input: lines }).status).toBe(0);
    expect(runCli(['simulate', '--batch', '-', ...guarded, '--expect', 'allowed'], { input: lines }).status).toBe(0);
    expect(runCli(['simulate', '--batch', '-', ...guarded, '--expect', 'implicitDeny'], { input: lines }).status).toBe(1);
  });

  it.each([
    ['a missing batch file', ['--batch', 'nope.jsonl'], /cannot read nope\.jsonl: no such file/],
    ['a request flag with --batch', ['--batch', '-', '--action', 's3:GetObject'], /--action is for one request/],
    ['--format text with --batch', ['--batch', '-', '--format', 'text'], /--format must be one of json/],
    ['stdin as both the batch and a policy', ['--batch', '-', '--policy', '-'], /stdin cannot be both the batch and a policy/],
  ])('%s: exit 2', (_name, args, message) => {
    const r = runCli(['simulate', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
