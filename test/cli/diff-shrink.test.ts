/** `leastpriv diff` and `leastpriv shrink` as a user runs them: formats, exit codes, inputs, bad input. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, runCliJson } from '../helpers/cli.js';

const OLD = 'examples/diff/old.json';
const NEW = 'examples/diff/new.json';
const FIX = 'examples/diff';

interface DiffJson {
  version: number;
  newAccess: boolean;
  added: { action: string; resource: string; conditions: object; uncertain?: boolean; reason?: string }[];
  removed: { action: string; resource: string }[];
}

let tmp: string;
beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'leastpriv-diff-'));
}, 120_000);

describe('leastpriv diff', () => {
  it('--format json follows the contract: version, newAccess, added and removed entries', () => {
    const r = runCliJson<DiffJson>(['diff', OLD, NEW, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.version).toBe(1);
    expect(r.json.newAccess).toBe(true);
    const added = r.json.added.map((e) => `${e.action} ${e.resource}`);
    expect(added).toContain('lambda:UpdateFunctionConfiguration arn:aws:lambda:eu-west-1:111122223333:function:acme-*');
    expect(added).toContain('s3:GetObject arn:aws:s3:::acme-artifacts/*');
    const pass = r.json.added.find((e) => e.action === 'iam:PassRole');
    expect(pass).toMatchObject({ uncertain: true });
    expect(pass?.reason).toMatch(/conditions/);
  });

  it('--fail-on-new-access exits 1 when NEW grants more, 0 when it does not', () => {
    expect(runCli(['diff', OLD, NEW, '--fail-on-new-access']).status).toBe(1);
    const back = runCliJson<DiffJson>(['diff', NEW, OLD, '--format', 'json', '--fail-on-new-access']);
    // NEW → OLD drops the Deny carve-out on secrets/, which OLD never granted anyway: no new access.
    expect(back.json.newAccess).toBe(false);
    expect(back.status).toBe(0);
    expect(runCli(['diff', OLD, OLD, '--fail-on-new-access']).status).toBe(0);
  });

  it('text output groups by service and resource and marks what is unproven', () => {
    const r = runCli(['diff', OLD, NEW]);
    expect(r.stdout).toMatch(/^NEW grants access that OLD does not\./);
    expect(r.stdout).toMatch(/\n {2}lambda\n {4}\+ arn:aws:lambda:eu-west-1:111122223333:function:acme-\*\n {8}UpdateFunctionConfiguration\n/);
    expect(r.stdout).toMatch(/\? arn:aws:iam::111122223333:role\/acme-lambda-\* \(may grant new access\)/);
    expect(runCli(['diff', OLD, OLD]).stdout).toBe('No change in effective access.\n');
  });

  it('--format markdown is a PR comment with one table per direction', () => {
    const r = runCli(['diff', OLD, NEW, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^## 🔴 leastpriv: this change grants new access/);
    expect(r.stdout).toContain('| service | resource | actions | conditions | note |');
    expect(r.stdout).toContain('| lambda | `arn:aws:lambda:eu-west-1:111122223333:function:acme-*` | UpdateFunctionConfiguration |');
  });

  it('--old and --new take several files: a role\'s policies are one union', () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    const both = join(tmp, 'both.json');
    const doc = (actions: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    writeFileSync(a, doc(['sqs:SendMessage']));
    writeFileSync(b, doc(['sqs:ReceiveMessage']));
    writeFileSync(both, doc(['sqs:SendMessage', 'sqs:ReceiveMessage']));
    expect(runCliJson<DiffJson>(['diff', '--old', a, b, '--new', both, '--format', 'json']).json).toMatchObject({ newAccess: false, added: [], removed: [] });
    expect(runCliJson<DiffJson>(['diff', '--old', a, '--new', both, '--format', 'json']).json.added.map((e) => e.action)).toEqual(['sqs:ReceiveMessage']);
  });

  it('reads CloudFormation templates: the role\'s identity policies, not its trust policy', () => {
    const r = runCliJson<DiffJson>(['diff', `${FIX}/role-old.yaml`, `${FIX}/role-new.yaml`, '--format', 'json']);
    expect(r.json).toMatchObject({ newAccess: false, added: [], removed: [] });
  });

  it.each([
    [['diff', OLD], /needs OLD and NEW/],
    [['diff', OLD, 'no-such-file.json'], /cannot read no-such-file\.json/],
    [['diff', OLD, NEW, '--format', 'xml'], /--format must be one of/],
  ])('bad input %j: one line on stderr, exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('a policy IAM would refuse is bad input, not a silently dropped statement', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Resource: '*' }] }));
    const r = runCli(['diff', OLD, bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/neither Action nor NotAction/);
  });
});

describe('leastpriv shrink', () => {
  const file = (name: string) => join(tmp, name);

  it('prints the smaller equivalent policy as JSON', () => {
    const p = file('s.json');
    writeFileSync(
      p,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
          { Sid: 'B', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
        ],
      }),
    );
    const r = runCliJson<{ Statement: unknown[] }>(['shrink', p]);
    expect(r.status).toBe(0);
    expect(r.json.Statement).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }]);
    // The output lints clean.
    const out = file('s-out.json');
    writeFileSync(out, r.stdout);
    expect(runCli(['lint', out]).status).toBe(0);
  });

  it('--format text says how much smaller, then the policy', () => {
    const ok = runCli(['shrink', OLD, '--format', 'text']);
    expect(ok.stdout).toMatch(/^shrunk from \d+ to \d+ characters \(\d+% smaller/);
  });

  it('exits 1 with one stderr line when it cannot get under --max-chars, and --split makes policies that fit', () => {
    const over = runCli(['shrink', OLD, '--max-chars', '300']);
    expect(over.status).toBe(1);
    expect(over.stderr.trim().split('\n')).toHaveLength(1);
    expect(over.stderr).toMatch(/over --max-chars 300/);
    const split = runCliJson<object[]>(['shrink', OLD, '--max-chars', '300', '--split']);
    expect(split.status).toBe(0);
    expect(Array.isArray(split.json)).toBe(true);
    for (const d of split.json) expect(JSON.stringify(d).length).toBeLessThanOrEqual(300);
  });

  it('--split --out DIR writes one file per policy and prints their paths', () => {
    const dir = join(tmp, 'out');
    const r = runCli(['shrink', OLD, '--max-chars', '300', '--split', '--out', dir]);
    expect(r.status).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(1);
    expect(r.stdout.trim().split('\n')).toEqual(files.map((f) => join(dir, f)));
    for (const f of files) expect(JSON.parse(readFileSync(join(dir, f), 'utf8'))).toHaveProperty('Statement');
  });

  it.each([
    [['shrink', OLD, '--max-chars', '0'], /--max-chars must be a positive whole number/],
    [['shrink', 'no-such.json'], /cannot read no-such\.json/],
    [['shrink', OLD, '--out', 'x'], /add --split/],
    [['shrink', `${FIX}/role-old.yaml`], /shrink takes one policy/],
  ])('bad input %j: one line on stderr, exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
