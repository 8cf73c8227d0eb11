/**
 * The cli renderer's `apply.sh`, run with the real AWS CLI against a loopback moto_server: the account then holds
 * exactly what `resolveBundle` says; a second run succeeds and changes nothing (same role creation date, same
 * default policy version, no new versions); parameters overridden from the environment with `/`, `&`, quotes and
 * backslashes reach the documents intact; a changed managed document becomes a new default version, and the
 * five-version limit is handled by deleting the oldest non-default version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatePolicyVersionCommand, ListPolicyVersionsCommand } from '@aws-sdk/client-iam';
import { resolveBundle, type GeneratedBundle } from '../../src/generate/model.js';
import { render } from '../../src/render/generate/cli.js';
import { BUNDLES, DATA_PIPELINE } from '../fixtures/generate/bundles.js';
import { MOTO_AVAILABLE, MOTO_SKIP_REASON, startMoto, type Moto } from '../helpers/moto.js';
import { expectedRole, iamClient, MOTO_ACCOUNT, observedRole, readRole } from './generated-iam.js';

const AWS_CLI = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).status === 0;
const skipReason = !MOTO_AVAILABLE ? MOTO_SKIP_REASON : !AWS_CLI ? 'the AWS CLI is not on PATH' : '';

describe.skipIf(skipReason !== '')(`cli renderer (apply.sh) against moto${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let moto: Moto;
  let work: string;
  beforeAll(async () => {
    // moto loads AWS managed policies (attached by ARN in the bundles) only when asked to.
    process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
    moto = await startMoto();
    work = mkdtempSync(join(tmpdir(), 'leastpriv-cli-'));
  });
  afterAll(async () => {
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function apply(bundle: GeneratedBundle, env: Record<string, string> = {}, file = `${bundle.name}.sh`) {
    const [script] = render(bundle);
    expect(script!.path).toBe('apply.sh');
    expect(script!.mode).toBe(0o755);
    const path = join(work, file);
    writeFileSync(path, script!.content, { mode: script!.mode });
    // Run as a user would (./apply.sh, shebang bash); the endpoint comes from AWS_ENDPOINT_URL in moto.env.
    const r = spawnSync(path, [], { env: { ...moto.env, ...env }, encoding: 'utf8', timeout: 280_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stderr).toBe('');
    return r.stdout;
  }

  async function state(bundle: GeneratedBundle) {
    const iam = iamClient(moto.endpoint);
    return Promise.all(resolveBundle(bundle).roles.map((r) => readRole(iam, r.name)));
  }

  function expectMatches(bundle: GeneratedBundle, roles: Awaited<ReturnType<typeof state>>) {
    for (const [i, role] of resolveBundle(bundle).roles.entries()) {
      expect(observedRole(roles[i]!), `${bundle.name}: role ${role.name}`).toEqual(expectedRole(bundle, i));
    }
  }

  it.each(BUNDLES.map((b) => [b.name, b] as const))('%s: creates what the bundle says; a second run changes nothing', async (_name, bundle) => {
    apply(bundle);
    const first = await state(bundle);
    expectMatches(bundle, first);

    const again = apply(bundle);
    expect(again).not.toMatch(/created|updated|new default version/);
    const second = await state(bundle);
    expectMatches(bundle, second);
    // Same role (creation date), same default version, no new versions.
    expect(second).toEqual(first);
  }, 300_000);

  it('parameters overridden from the environment reach names and documents intact (/, &, quotes, backslash)', async () => {
    const overrides = { project: 'env-proj', prefix: 'a/b&c "q" \\ d' };
    const bundle: GeneratedBundle = { ...DATA_PIPELINE, parameters: DATA_PIPELINE.parameters.map((p) => ({ ...p, value: overrides[p.name as keyof typeof overrides] ?? p.value })) };
    apply(DATA_PIPELINE, { PROJECT: overrides.project, PREFIX: overrides.prefix }, 'override.sh');
    expectMatches(bundle, await state(bundle));
  }, 300_000);

  it('a changed managed document becomes a new default version; at five versions the oldest non-default goes', async () => {
    const iam = iamClient(moto.endpoint);
    const arn = `arn:aws:iam::${MOTO_ACCOUNT}:policy/versioned-policy`;
    const base = DATA_PIPELINE.roles[1]!;
    const variant = (n: number): GeneratedBundle => ({
      ...DATA_PIPELINE,
      name: 'versioned',
      roles: [{
        ...base,
        name: 'versioned-role',
        policies: [{ name: 'versioned-policy', kind: 'managed', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${n}/*` }] } }],
      }],
    });
    const versions = async () => ((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? []).map((v) => `${v.VersionId}${v.IsDefaultVersion ? '*' : ''}`).sort();
    apply(variant(1), {}, 'versioned.sh');
    expect(apply(variant(2), {}, 'versioned.sh')).toContain('new default version');
    expect(await versions()).toEqual(['v1', 'v2*']);
    // Fill up to IAM's five versions directly (faster than three more runs); v2 stays the default.
    for (const n of [3, 4, 5]) {
      const document = JSON.stringify(resolveBundle(variant(n)).roles[0]!.policies[0]!.document);
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: document, SetAsDefault: false }));
    }
    expect(await versions()).toEqual(['v1', 'v2*', 'v3', 'v4', 'v5']);
    expect(apply(variant(6), {}, 'versioned.sh')).toContain('new default version');
    expect(await versions()).toEqual(['v2', 'v3', 'v4', 'v5', 'v6*']);
    expectMatches(variant(6), await state(variant(6)));
  }, 400_000);
});
