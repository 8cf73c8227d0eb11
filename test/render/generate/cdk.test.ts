/**
 * The cdk renderer's construct, checked by the real tools: every bundle's construct type-checks with `tsc`
 * (strict, no unused locals) against the installed aws-cdk-lib, and synthesizes in a real `App`/`Stack`, whose
 * template must hold exactly the resolved bundle's roles, trust policies and documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBundle, type GeneratedBundle, type JsonValue } from '../../../src/generate/model.js';
import { constructName, render } from '../../../src/render/generate/cdk.js';
import { BUNDLES, DATA_PIPELINE, GITHUB_OIDC } from '../../fixtures/generate/bundles.js';
import { ROOT } from '../../helpers/cli.js';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const ESBUILD = join(ROOT, 'node_modules/esbuild/bin/esbuild');
const source = (bundle: GeneratedBundle) => render(bundle)[0]!.content;

describe.each(BUNDLES.map((b) => [b.name, b] as const))('cdk renderer on %s', (_name, bundle) => {
  it('writes construct.ts, the same every time, with one optional string prop per parameter', () => {
    const files = render(bundle);
    expect(files.map((f) => f.path)).toEqual(['construct.ts']);
    expect(render(bundle)).toEqual(files);
    for (const p of bundle.parameters) expect(files[0]!.content).toContain(`  readonly ${p.name}?: string;`);
    expect(files[0]!.content).toContain(`export class ${constructName(bundle)} extends Construct {`);
  });
  it('leaves no {param} marker in code: each became ${params.…}', () => {
    const code = source(bundle).split('\n').filter((l) => !/^\s*(\/\/|\/\*\*|\*)/.test(l)).join('\n');
    for (const p of bundle.parameters) expect(code).not.toContain(`{${p.name}}`);
  });
});

describe('cdk renderer specifics', () => {
  it('escapes a literal IAM policy variable in a template literal as \\${aws:username}', () => {
    expect(source(DATA_PIPELINE)).toContain('Resource: `arn:aws:s3:::${params.project}-data/home/\\${aws:username}/*`');
  });
  it('maps a web-identity trust to FederatedPrincipal with its conditions and action', () => {
    expect(source(GITHUB_OIDC)).toMatch(/assumedBy: new iam\.FederatedPrincipal\(`arn:aws:iam::\$\{params\.accountId\}:oidc-provider\/token\.actions\.githubusercontent\.com`, \{[\s\S]*\}, 'sts:AssumeRoleWithWebIdentity'\)/);
  });
  it('keeps a trust policy no single principal can express by overriding the exact document', () => {
    const bundle: GeneratedBundle = {
      ...DATA_PIPELINE,
      roles: [{ ...DATA_PIPELINE.roles[0]!, trustPolicy: { Version: '2012-10-17', Statement: [{ Sid: 'Tagged', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] } }],
    };
    expect(source(bundle)).toContain('(this.pipelineRole.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = {');
  });
});

type CfnTemplate = { Resources: Record<string, { Type: string; Properties: Record<string, JsonValue> }> };

/** Resolves what a synthesized template leaves to deploy time here: `Fn::Join` and the partition. */
function deployTime(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(deployTime);
  if (value && typeof value === 'object') {
    if ('Ref' in value && value.Ref === 'AWS::Partition') return 'aws';
    if ('Fn::Join' in value) {
      const [sep, parts] = value['Fn::Join'] as [string, JsonValue[]];
      return parts.map(deployTime).join(sep);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deployTime(v)]));
  }
  return value;
}

describe('cdk renderer output with the real aws-cdk-lib', () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    dir = mkdtempSync(join(ROOT, '.tmp', 'cdk-'));
    const synth: string[] = ["import { App, Stack } from 'aws-cdk-lib';", 'const app = new App();', 'const stacks: Record<string, Stack> = {};'];
    for (const [i, bundle] of BUNDLES.entries()) {
      mkdirSync(join(dir, bundle.name));
      writeFileSync(join(dir, bundle.name, 'construct.ts'), source(bundle));
      synth.unshift(`import { ${constructName(bundle)} as C${i} } from './${bundle.name}/construct.js';`);
      synth.push(`stacks[${JSON.stringify(bundle.name)}] = new Stack(app, 'S${i}');`, `new C${i}(stacks[${JSON.stringify(bundle.name)}]!, 'Roles');`);
    }
    synth.push('const assembly = app.synth();', 'const out: Record<string, unknown> = {};', 'for (const [name, stack] of Object.entries(stacks)) out[name] = assembly.getStackArtifact(stack.artifactId).template;', 'process.stdout.write(JSON.stringify(out));');
    writeFileSync(join(dir, 'synth.ts'), synth.join('\n'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUnusedLocals: true, noUnusedParameters: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true, types: ['node'] },
        include: ['**/*.ts'],
      }),
    );
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every construct type-checks with tsc --strict against aws-cdk-lib', () => {
    const r = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 240_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 240_000);

  it('synthesizes in an App: roles, trust policies, inline and managed documents and attachments are the resolved bundle', () => {
    const bundled = join(dir, 'synth.mjs');
    const b = spawnSync(ESBUILD, [join(dir, 'synth.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${bundled}`, '--log-level=error'], { encoding: 'utf8' });
    expect(b.status, b.stderr).toBe(0);
    const r = spawnSync(process.execPath, [bundled], { cwd: dir, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const templates = JSON.parse(r.stdout) as Record<string, CfnTemplate>;

    for (const bundle of BUNDLES) {
      const resources = Object.entries(templates[bundle.name]!.Resources);
      const roles = resources.filter(([, res]) => res.Type === 'AWS::IAM::Role');
      const managed = resources.filter(([, res]) => res.Type === 'AWS::IAM::ManagedPolicy');
      const resolved = resolveBundle(bundle);
      expect(roles).toHaveLength(resolved.roles.length);
      for (const [i, role] of resolved.roles.entries()) {
        const [logicalId, res] = roles.find(([, r]) => r.Properties.RoleName === role.name)!;
        const props = deployTime(res.Properties) as Record<string, JsonValue>;
        const source = bundle.roles[i]!;
        expect(props.AssumeRolePolicyDocument, `${bundle.name}: trust of ${role.name}`).toEqual(role.trustPolicy);
        expect(props.Path).toEqual(source.path);
        expect(props.Description).toEqual(role.description);
        expect(props.MaxSessionDuration).toEqual(source.maxSessionDuration);
        expect(props.PermissionsBoundary).toEqual(source.permissionsBoundaryArn);
        expect(props.ManagedPolicyArns ?? []).toEqual(role.managedPolicyArns);
        const inline = role.policies.filter((p) => p.kind === 'inline').map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));
        expect(props.Policies ?? []).toEqual(inline);
        const attached = managed.filter(([, m]) => JSON.stringify(m.Properties.Roles) === JSON.stringify([{ Ref: logicalId }]));
        const expected = role.policies.filter((p) => p.kind === 'managed');
        expect(attached.map(([, m]) => ({ name: m.Properties.ManagedPolicyName, document: m.Properties.PolicyDocument }))).toEqual(
          expected.map((p) => ({ name: p.name, document: p.document })),
        );
      }
    }
  }, 240_000);
});
