import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type Tags } from 'yaml';
import { resolveBundle, type GeneratedBundle } from '../../../src/generate/model.js';
import { policiesFromText } from '../../../src/policy/input.js';
import { toValue } from '../../../src/policy/tree.js';
import { cloudFormationNames, render } from '../../../src/render/generate/cloudformation.js';
import { BUNDLES, DATA_PIPELINE } from '../../fixtures/generate/bundles.js';
import { ensureBuilt, runCli } from '../../helpers/cli.js';

const CFN_LINT = spawnSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' }).status === 0;

/** Short-form intrinsics as plain objects, the way CloudFormation reads them. */
const CFN_TAGS: Tags = ['Sub', 'Ref', 'GetAtt'].map((name) => ({
  tag: `!${name}`,
  resolve: (value: string) => ({ [name === 'Ref' ? 'Ref' : `Fn::${name}`]: value }),
}));

type Template = {
  AWSTemplateFormatVersion: string;
  Parameters?: Record<string, { Type: string; Default: string; Description: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Value: unknown }>;
};

const templateOf = (bundle: GeneratedBundle): string => render(bundle)[0]!.content;
const parsed = (bundle: GeneratedBundle) => parse(templateOf(bundle), { customTags: CFN_TAGS }) as Template;

describe.each(BUNDLES.map((b) => [b.name, b] as const))('cloudformation renderer on %s', (_name, bundle) => {
  it('writes one template.yaml, the same every time', () => {
    const files = render(bundle);
    expect(files.map((f) => f.path)).toEqual(['template.yaml']);
    expect(render(bundle)).toEqual(files);
  });

  it('declares a String parameter per bundle parameter the template uses, alphanumeric name, the value in effect as Default', () => {
    const t = parsed(bundle);
    const text = templateOf(bundle);
    const params = Object.entries(t.Parameters ?? {});
    const names = cloudFormationNames(bundle);
    const used = bundle.parameters.filter((p) => text.includes(`\${${names.get(p.name)!}}`));
    expect(params.map(([name]) => name)).toEqual(used.map((p) => names.get(p.name)));
    for (const [i, [name, p]] of params.entries()) {
      expect(name).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
      expect(p).toMatchObject({ Type: 'String', Default: used[i]!.value });
    }
  });

  it('has an AWS::IAM::Role per role with its inline policies and ARNs, an AWS::IAM::ManagedPolicy per managed one, and ARN outputs', () => {
    const t = parsed(bundle);
    const resources = Object.values(t.Resources);
    const roles = resources.filter((r) => r.Type === 'AWS::IAM::Role');
    const managed = resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
    expect(roles).toHaveLength(bundle.roles.length);
    expect(managed).toHaveLength(bundle.roles.flatMap((r) => r.policies).filter((p) => p.kind === 'managed').length);
    for (const [i, role] of bundle.roles.entries()) {
      const props = roles[i]!.Properties;
      expect(props.AssumeRolePolicyDocument).toBeDefined();
      expect((props.Policies as unknown[] | undefined)?.length ?? 0).toBe(role.policies.filter((p) => p.kind === 'inline').length);
      expect((props.ManagedPolicyArns as unknown[] | undefined)?.length ?? 0).toBe(role.managedPolicyArns.length);
    }
    for (const m of managed) expect(m.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/Role$/) }]);
    expect(Object.keys(t.Outputs)).toHaveLength(roles.length + managed.length);
  });

  it('our CloudFormation loader reads back every document: the bundle with each parameter unknown (`*`), policy variables intact', () => {
    // The loader treats template parameters as unknown at lint time and resolves `${Name}` in a Sub to `*`.
    const unknown = { ...bundle, parameters: bundle.parameters.map((p) => ({ ...p, value: '*' })) };
    const resolved = resolveBundle(unknown);
    const loaded = policiesFromText(templateOf(bundle), 'template.yaml');
    const documents = loaded.map((p) => toValue(p.root!));
    const expected = resolved.roles.flatMap((r) => [r.trustPolicy, ...r.policies.map((p) => p.document)]);
    expect(documents).toHaveLength(expected.length);
    for (const d of expected) expect(documents).toContainEqual(d);
  });
});

/**
 * What CloudFormation makes of a value at deploy time with every parameter at its Default: `Fn::Sub` replaces
 * `${Name}` by the parameter and writes `${!Literal}` as `${Literal}` (AWS Fn::Sub documentation).
 */
function deployed(value: unknown, defaults: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => deployed(v, defaults));
  if (value && typeof value === 'object') {
    const sub = (value as Record<string, unknown>)['Fn::Sub'];
    if (typeof sub === 'string') return sub.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) => (bang ? `\${${name}}` : defaults[name]!));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deployed(v, defaults)]));
  }
  return value;
}

describe.each(BUNDLES.map((b) => [b.name, b] as const))('cloudformation renderer deploys %s as resolved', (_name, bundle) => {
  it('with Fn::Sub evaluated at the Defaults, names, descriptions and documents equal resolveBundle', () => {
    const t = parsed(bundle);
    const defaults = Object.fromEntries(Object.entries(t.Parameters ?? {}).map(([k, p]) => [k, p.Default]));
    const resources = Object.values(t.Resources).map((r) => ({ Type: r.Type, Properties: deployed(r.Properties, defaults) as Record<string, unknown> }));
    const resolved = resolveBundle(bundle);
    const roles = resources.filter((r) => r.Type === 'AWS::IAM::Role');
    for (const [i, role] of resolved.roles.entries()) {
      const props = roles[i]!.Properties;
      expect(props.RoleName).toBe(role.name);
      expect(props.Description).toBe(role.description);
      expect(props.PermissionsBoundary).toBe(bundle.roles[i]!.permissionsBoundaryArn);
      expect(props.AssumeRolePolicyDocument).toEqual(role.trustPolicy);
      expect(props.ManagedPolicyArns ?? []).toEqual(role.managedPolicyArns);
      const inline = role.policies.filter((p) => p.kind === 'inline').map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));
      expect(props.Policies ?? []).toEqual(inline);
    }
    const managed = resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy').map((r) => ({ name: r.Properties.ManagedPolicyName, document: r.Properties.PolicyDocument }));
    expect(managed).toEqual(resolved.roles.flatMap((r) => r.policies.filter((p) => p.kind === 'managed').map((p) => ({ name: p.name, document: p.document }))));
  });
});

describe('cloudformation renderer specifics', () => {
  it('cuts a template Description to CloudFormation\'s 1024-byte limit', () => {
    const description = (parse(templateOf({ ...DATA_PIPELINE, description: 'é'.repeat(800) }), { customTags: CFN_TAGS }) as { Description: string }).Description;
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(1024);
    expect(description.endsWith('…')).toBe(true);
  });
  it('a JSON key with a marker gets the value in effect (CloudFormation keys cannot hold intrinsics)', () => {
    const bundle: GeneratedBundle = {
      ...DATA_PIPELINE,
      roles: [{ ...DATA_PIPELINE.roles[1]!, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'x' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { '{project}:sub': 'a' } } }] } }],
    };
    expect(templateOf(bundle)).toContain('acme:sub: "a"');
  });
  it('a literal IAM policy variable inside !Sub is written ${!aws:username} (Fn::Sub escape)', () => {
    expect(templateOf(DATA_PIPELINE)).toContain('Resource: !Sub "arn:aws:s3:::${Project}-data/home/${!aws:username}/*"');
  });
  it('maps parameter names to PascalCase (table_name → TableName, accountId → AccountId)', () => {
    expect(Object.keys(parsed(DATA_PIPELINE).Parameters!)).toEqual(['Project', 'AccountId', 'Prefix', 'TableName']);
  });
  it('keeps a string without markers plain (no !Sub), so ${…} in it needs no escape', () => {
    const bundle: GeneratedBundle = { ...DATA_PIPELINE, parameters: [] };
    expect(templateOf(bundle)).toContain('Resource: "arn:aws:s3:::{project}-data/home/${aws:username}/*"');
  });
  it('quotes descriptions with quotes, backslashes and newlines so YAML reads them back unchanged', () => {
    const t = parsed(DATA_PIPELINE);
    expect(t.Resources.PipelineRole!.Properties.Description).toEqual({ 'Fn::Sub': 'Runs the ${Project} pipeline.\nSecond line with a backslash \\ and a `backtick`.' });
  });
});

describe('cloudformation renderer output through `leastpriv lint`', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'leastpriv-cfn-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });
  it.each(BUNDLES.map((b) => [b.name, b] as const))('%s: lint-clean at --fail-on warning (contract: every generated document)', (_name, bundle) => {
    const file = join(dir, `${bundle.name}.yaml`);
    writeFileSync(file, templateOf(bundle));
    const r = runCli(['lint', file, '--fail-on', 'warning']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no problems');
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!CFN_LINT)(`cloudformation renderer output through cfn-lint${CFN_LINT ? '' : ' (skipped: cfn-lint is not on PATH)'}`, () => {
  it('every template passes AWS\'s cfn-lint (resource schemas, Sub syntax, parameter use) with no finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leastpriv-cfnlint-'));
    try {
      const files = BUNDLES.map((bundle) => {
        const file = join(dir, `${bundle.name}.yaml`);
        writeFileSync(file, templateOf(bundle));
        return file;
      });
      // W3037 (unknown action) is left to `leastpriv lint`: cfn-lint's action list lags AWS's service reference
      // (it lacks s3:AllowVendedLogDeliveryForResource, which the catalogue and AWS's reference have).
      const r = spawnSync('cfn-lint', ['--ignore-checks', 'W3037', '--', ...files], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
