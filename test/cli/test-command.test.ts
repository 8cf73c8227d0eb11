/**
 * `leastpriv test`: the examples pass, failures say expected vs actual and what decided, malformed files are exit 2
 * with a position, and the files validate against schemas/test.schema.json. Runs the built CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli, runCliJson } from '../helpers/cli.js';

const F = 'test/cli/fixtures/policy-tests';
const EXAMPLES = ['examples/tests/ci-role.test.yaml', 'examples/tests/release-account.test.yaml'];

interface Report {
  version: number;
  results: { file: string; suite?: string; name: string; line?: number; expect: string; actual: string; passed: boolean; decidedBy: { source: string; statement: number; sid?: string; effect: string }[]; denied?: { layer: string }[] }[];
  summary: { files: number; passed: number; failed: number; total: number };
}

beforeAll(() => ensureBuilt(), 120_000);

describe('leastpriv test', () => {
  it('the CI-role examples (guard rails: boundary, SCP levels, bucket policy, cross-account suites) all pass, exit 0', () => {
    const r = runCli(['test', ...EXAMPLES]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ pushes the app image');
    expect(r.stdout).toContain('  release role in account 444455556666\n    ✓ reads builds across accounts');
    expect(r.stdout).toMatch(/Tests {2}14 passed \(14\) in 2 files\n$/);
  });

  it('a directory runs its *.test.yaml files (the policies beside them are not read as tests)', () => {
    const r = runCliJson<Report>(['test', 'examples/tests', '--format', 'json']);
    expect(r.status).toBe(0);
    expect([...new Set(r.json.results.map((x) => x.file))]).toEqual(['examples/tests/ci-role.test.yaml', 'examples/tests/release-account.test.yaml']);
    expect(r.json.summary.files).toBe(2);
  });

  it('JSON: every case with expect, actual and the statements that decided, and a summary', () => {
    const r = runCliJson<Report>(['test', ...EXAMPLES, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.version).toBe(1);
    expect(r.json.summary).toEqual({ files: 2, passed: 14, failed: 0, total: 14 });
    const prod = r.json.results.find((x) => x.name === 'never reads production parameters (boundary)')!;
    expect(prod).toMatchObject({ expect: 'explicitDeny', actual: 'explicitDeny', passed: true, line: 39 });
    expect(prod.decidedBy).toEqual([{ policy: 'boundary', statement: 1, sid: 'NoProductionParameters', effect: 'Deny', source: 'boundary.json' }]);
    expect(r.json.results.filter((x) => x.suite === 'another role of the release account').map((x) => x.name)).toEqual(['is not named by the bucket policy']);
  });

  it('failures: ✗ with the line, expected vs actual, the deciding statement or the implicit-deny layers; exit 1', () => {
    const r = runCli(['test', `${F}/failing.test.yaml`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✓ passes');
    expect(r.stdout).toContain(`✗ wrongly expects production parameters to be readable  ${F}/failing.test.yaml:10`);
    expect(r.stdout).toContain('expected allowed, got explicitDeny');
    expect(r.stdout).toContain('decided by ../../../../examples/tests/boundary.json statement 1 "NoProductionParameters" (Deny)');
    expect(r.stdout).toContain('expected explicitDeny, got implicitDeny');
    expect(r.stdout).toContain('implicit deny: boundary: the permissions boundary does not allow the request');
    expect(r.stdout).toMatch(/Tests {2}2 failed \| 1 passed \(3\) in 1 file\n$/);
  });

  it('inline documents, an SCP level of two documents and a session policy (JSON test file)', () => {
    const r = runCliJson<Report>(['test', `${F}/inline.test.json`, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.json.results.map((x) => x.actual)).toEqual(['allowed', 'implicitDeny', 'explicitDeny']);
    expect(r.json.results[2]!.decidedBy[0]!.source).toBe(`${F}/inline.test.json#/policies/scp/0/1`);
    expect(r.json.results[1]!.denied!.map((d) => d.layer)).toEqual(['session']);
  });

  it.each([
    ['an unknown key (a typo must not pass silently)', 'unknown-key.test.yaml', /unknown-key\.test\.yaml:7:5: unknown key "contxt" in a case/],
    ['an expectation that is not a decision', 'bad-expect.test.yaml', /bad-expect\.test\.yaml:7:13: expect must be one of allowed, explicitDeny, implicitDeny/],
    ['a policy path that does not exist (resolved against the test file)', 'missing-policy.test.yaml', /missing-policy\.test\.yaml:2:14: cannot read .*policy-tests\/nope\.json: no such file/],
    ['YAML that does not parse', 'yaml-syntax.test.yaml', /yaml-syntax\.test\.yaml:\d+:\d+: invalid YAML/],
    ['a principal the evaluator could not recognise (a typo would pass an implicitDeny test for the wrong reason)', 'bad-principal.test.yaml', /bad-principal\.test\.yaml:7:16: principal "arn:aws:iam:111122223333:role\/ci" is not an IAM user/],
    ['a file that does not exist', 'absent.test.yaml', /cannot read .*absent\.test\.yaml: no such file/],
  ])('%s: one stderr line with the position, exit 2, nothing on stdout', (_name, file, message) => {
    const r = runCli(['test', `${F}/${file}`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('the example and fixture test files validate against schemas/test.schema.json; malformed ones do not', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/test.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const load = (f: string): unknown => (f.endsWith('.json') ? JSON.parse(readFileSync(join(ROOT, f), 'utf8')) : parse(readFileSync(join(ROOT, f), 'utf8')));
    for (const f of [...EXAMPLES, `${F}/failing.test.yaml`, `${F}/inline.test.json`]) expect(validate(load(f)), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    for (const f of [`${F}/unknown-key.test.yaml`, `${F}/bad-expect.test.yaml`]) expect(validate(load(f)), f).toBe(false);
  });
});
