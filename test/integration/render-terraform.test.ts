/**
 * The terraform renderer's files, applied for real: `terraform init` offline from the provider mirror in
 * /opt/tf-plugins, `validate`, `apply` against a loopback moto_server (with the generated terraform.tfvars), then
 * the account is read back and compared with `resolveBundle`. A second `plan` must show no changes. The roles'
 * descriptions and conditions carry quotes, `$`, `&`, `/`, newlines and IAM policy variables, so escaping is checked
 * by the real parser and the real API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBundle } from '../../src/generate/model.js';
import { render } from '../../src/render/generate/terraform.js';
import { BUNDLES } from '../fixtures/generate/bundles.js';
import { MOTO_AVAILABLE, startMoto, type Moto } from '../helpers/moto.js';
import { expectedRole, iamClient, observedRole, readRole } from './generated-iam.js';

const MIRROR = '/opt/tf-plugins';
const TERRAFORM = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).status === 0;
const skipReason = !TERRAFORM
  ? 'terraform is not on PATH'
  : !existsSync(MIRROR)
    ? `no provider mirror at ${MIRROR}`
    : !MOTO_AVAILABLE
      ? 'moto_server is not on PATH'
      : '';

/** The AWS provider version in the mirror, so the test pins exactly what it can install offline. */
function mirroredAwsVersion(): string {
  const versions = readdirSync(join(MIRROR, 'registry.terraform.io/hashicorp/aws'));
  return versions.sort().pop()!;
}

function providerBlock(endpoint: string): string {
  return `provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    iam = "${endpoint}"
    sts = "${endpoint}"
  }
}
`;
}

describe.skipIf(skipReason !== '')(`terraform renderer applied to moto${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let moto: Moto;
  let work: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    // moto loads AWS managed policies (attached by ARN in the bundles) only when asked to.
    process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
    moto = await startMoto();
    work = mkdtempSync(join(tmpdir(), 'leastpriv-tf-'));
    const cliConfig = join(work, 'terraformrc');
    writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`);
    env = { ...moto.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  });
  afterAll(async () => {
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function terraform(dir: string, args: string[]) {
    const r = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
  }

  it('every fixture bundle as a module of one root: init offline, validate, apply, read back, plan shows no changes', async () => {
    // One root with a module per bundle: one init and one provider start-up per phase keeps this test fast. The
    // module arguments are the generated terraform.tfvars values.
    const root = [providerBlock(moto.endpoint)];
    for (const bundle of BUNDLES) {
      const dir = join(work, bundle.name);
      mkdirSync(dir);
      const files = render(bundle);
      expect(files.map((f) => f.path).sort()).toEqual(['main.tf', 'outputs.tf', 'terraform.tfvars', 'variables.tf']);
      for (const f of files) writeFileSync(join(dir, f.path), f.content);
      const tfvars = files.find((f) => f.path === 'terraform.tfvars')!.content.split('\n').filter((l) => /^\w/.test(l));
      root.push(`module "${bundle.name.replace(/-/g, '_')}" {\n  source = "./${bundle.name}"\n${tfvars.map((l) => `  ${l}`).join('\n')}\n}\n`);
    }
    writeFileSync(join(work, 'main.tf'), root.join('\n'));

    const init = terraform(work, ['init', '-backend=false', '-input=false', '-no-color']);
    expect(init.status, init.out).toBe(0);
    expect(init.out).toContain(`hashicorp/aws v${mirroredAwsVersion()}`);
    const validate = terraform(work, ['validate', '-no-color']);
    expect(validate.status, validate.out).toBe(0);
    const apply = terraform(work, ['apply', '-auto-approve', '-input=false', '-no-color']);
    expect(apply.status, apply.out).toBe(0);

    const iam = iamClient(moto.endpoint);
    for (const bundle of BUNDLES) {
      const resolved = resolveBundle(bundle);
      for (const [i, role] of resolved.roles.entries()) {
        const { managedDocuments, ...expected } = expectedRole(bundle, i);
        const { managedDocuments: observedDocuments, ...observed } = observedRole(await readRole(iam, role.name));
        expect(observed, `${bundle.name}: role ${role.name}`).toEqual(expected);
        expect(observedDocuments, `${bundle.name}: managed policies of ${role.name}`).toEqual(managedDocuments);
      }
    }

    // Idempotent: what was applied is what the configuration says (exit code 0 = no changes).
    const plan = terraform(work, ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
    expect(plan.status, plan.out).toBe(0);
  }, 600_000);
});
