/**
 * The cloudformation renderer's template, deployed: `aws cloudformation create-stack` against a loopback
 * moto_server (its CloudFormation implementation creates the IAM resources), then the account is read back and
 * compared with `resolveBundle`, as for terraform and apply.sh.
 *
 * Two things moto's CloudFormation does not do as AWS does, so they are left to cfn-lint, our loader and the
 * Fn::Sub evaluation in the unit test: it ignores `ManagedPolicyArns` on `AWS::IAM::Role` (AWS managed attachments
 * are missing) and stores inline `Policies` documents as Python reprs (only their names are compared here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBundle } from '../../src/generate/model.js';
import { render } from '../../src/render/generate/cloudformation.js';
import { BUNDLES } from '../fixtures/generate/bundles.js';
import { MOTO_AVAILABLE, MOTO_SKIP_REASON, startMoto, type Moto } from '../helpers/moto.js';
import { expectedRole, iamClient, observedRole, readRole } from './generated-iam.js';

const AWS_CLI = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).status === 0;
const skipReason = !MOTO_AVAILABLE ? MOTO_SKIP_REASON : !AWS_CLI ? 'the AWS CLI is not on PATH' : '';

describe.skipIf(skipReason !== '')(`cloudformation renderer deployed to moto${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let moto: Moto;
  let work: string;
  beforeAll(async () => {
    // moto loads AWS managed policies (attached by ARN in the bundles) only when asked to.
    process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
    moto = await startMoto();
    work = mkdtempSync(join(tmpdir(), 'leastpriv-cfn-'));
  });
  afterAll(async () => {
    await moto?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(BUNDLES.map((b) => [b.name, b] as const))('%s: create-stack completes and the account holds the resolved bundle', async (_name, bundle) => {
    const file = join(work, `${bundle.name}.yaml`);
    writeFileSync(file, render(bundle)[0]!.content);
    const aws = (args: string[]) => spawnSync('aws', args, { env: moto.env, encoding: 'utf8', timeout: 120_000 });
    const create = aws(['cloudformation', 'create-stack', '--stack-name', bundle.name, '--template-body', `file://${file}`, '--capabilities', 'CAPABILITY_NAMED_IAM']);
    expect(create.status, create.stderr).toBe(0);
    const status = aws(['cloudformation', 'describe-stacks', '--stack-name', bundle.name, '--query', 'Stacks[0].StackStatus', '--output', 'text']);
    expect(status.stdout.trim()).toBe('CREATE_COMPLETE');

    const iam = iamClient(moto.endpoint);
    for (const [i, role] of resolveBundle(bundle).roles.entries()) {
      const { attached, inline, ...observed } = observedRole(await readRole(iam, role.name, { inlineDocuments: false }));
      const { attached: expectedAttached, inline: expectedInline, ...expected } = expectedRole(bundle, i);
      expect(observed, `${bundle.name}: role ${role.name}`).toEqual(expected);
      expect(Object.keys(inline)).toEqual(Object.keys(expectedInline));
      const customerManaged = (arns: string[]) => arns.filter((a) => !a.includes(':aws:policy/'));
      expect(attached).toEqual(customerManaged(expectedAttached));
    }
  }, 180_000);
});
