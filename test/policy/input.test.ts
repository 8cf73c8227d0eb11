import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, loadInputs, readPolicies } from '../../src/policy/input.js';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

describe('what an input is', () => {
  it('JSON is dispatched on its shape: plan, template, policy', () => {
    expect(readPolicies('{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{}}', 'p.json').kind).toBe('terraform');
    expect(readPolicies('{"Resources":{}}', 't.json').kind).toBe('cloudformation');
    expect(readPolicies(POLICY, 'p.json').kind).toBe('policy');
  });

  it('YAML is a template, or a policy written in YAML', () => {
    expect(readPolicies('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', 't.yaml').kind).toBe('cloudformation');
    expect(readPolicies('Statement: []\n', 'p.yml').kind).toBe('policy');
  });

  it('a .template file in JSON is read as JSON; one in YAML flow style falls back to YAML', () => {
    expect(readPolicies('{"Resources": {}}', 'x.template').kind).toBe('cloudformation');
    expect(readPolicies('{Resources: {}}', 'x.template').kind).toBe('cloudformation');
  });
});

describe('files found by walking a directory that are plainly not policies', () => {
  const named = {};
  const walked = { discovered: true };

  it('package.json is skipped when walked, linted as a policy when named', () => {
    const pkg = '{"name": "app", "version": "1.0.0", "dependencies": {}}';
    expect(readPolicies(pkg, 'package.json', {}, walked)).toEqual({ kind: 'skipped', policies: [] });
    const r = readPolicies(pkg, 'package.json', {}, named);
    expect(r.kind).toBe('policy');
    expect(r.policies).toHaveLength(1);
  });

  it('a walked document with Statement (in any case) or Version is a policy, so its mistakes are reported', () => {
    expect(readPolicies('{"statement": []}', 'p.json', {}, walked).kind).toBe('policy');
    expect(readPolicies('{"Version": "2012-10-17", "Statment": []}', 'p.json', {}, walked).kind).toBe('policy');
  });

  it('walked text that does not parse is reported when it could be a policy, skipped otherwise', () => {
    const broken = readPolicies('{"Statement": [', 'p.json', {}, walked);
    expect(broken.kind).toBe('policy');
    expect(broken.policies[0]!.syntaxError).toBeDefined();
    // tsconfig.json with comments, a multi-document Kubernetes manifest
    expect(readPolicies('{ // comment\n "compilerOptions": {} }', 'tsconfig.json', {}, walked).kind).toBe('skipped');
    expect(readPolicies('kind: A\n---\nkind: B\n', 'k8s.yaml', {}, walked).kind).toBe('skipped');
    // named, the same text is a json-syntax finding
    expect(readPolicies('{ // comment\n "compilerOptions": {} }', 'tsconfig.json', {}, named).policies[0]!.syntaxError).toBeDefined();
  });

  it('a walked YAML file that is neither template nor policy (a CI workflow) is skipped', () => {
    expect(readPolicies('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n', 'ci.yml', {}, walked).kind).toBe('skipped');
  });
});

describe('walking directories', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'leastpriv-input-'));
    mkdirSync(join(dir, 'policies/nested'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, 'policies/a.json'), POLICY);
    writeFileSync(join(dir, 'policies/nested/stack.yaml'), `Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: ${POLICY}\n`);
    writeFileSync(join(dir, 'policies/nested/stack.template'), '{"Resources": {}}');
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    writeFileSync(join(dir, 'README.md'), '# not read');
    writeFileSync(join(dir, 'node_modules/x/policy.json'), POLICY);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('walks recursively (*.json, *.yaml, *.yml, *.template), skipping node_modules; marks walked files', () => {
    expect(expandInputs([dir]).map((f) => [f.path.slice(dir.length + 1), f.discovered])).toEqual([
      ['package.json', true],
      ['policies/a.json', true],
      ['policies/nested/stack.template', true],
      ['policies/nested/stack.yaml', true],
    ]);
    expect(expandInputs([join(dir, 'package.json')])).toEqual([{ path: join(dir, 'package.json'), discovered: false }]);
  });

  it('counts the files it linted (a template without policies counts; a skipped file does not)', () => {
    const r = loadInputs([dir]);
    expect(r.files).toBe(3);
    expect(r.policies.map((p) => [p.path.slice(dir.length + 1), p.location])).toEqual([
      ['policies/a.json', ''],
      ['policies/nested/stack.yaml', 'Resources/P/Properties/PolicyDocument'],
    ]);
  });
});
