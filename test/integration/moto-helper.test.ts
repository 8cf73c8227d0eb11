import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { MOTO_AVAILABLE, MOTO_SKIP_REASON, startMoto, type Moto } from '../helpers/moto.js';

describe.skipIf(!MOTO_AVAILABLE)(`moto helper${MOTO_AVAILABLE ? '' : ` (skipped: ${MOTO_SKIP_REASON})`}`, () => {
  let moto: Moto;
  beforeAll(async () => { moto = await startMoto(); }, 60_000);
  afterAll(async () => { await moto?.stop(); });
  it('the AWS CLI creates and reads a role on the loopback moto_server', () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const c = spawnSync('aws', ['iam', 'create-role', '--role-name', 'smoke', '--assume-role-policy-document', trust], { env: moto.env, encoding: 'utf8' });
    expect(c.stderr).toBe('');
    const g = spawnSync('aws', ['iam', 'get-role', '--role-name', 'smoke', '--output', 'json'], { env: moto.env, encoding: 'utf8' });
    expect(JSON.parse(g.stdout).Role.RoleName).toBe('smoke');
  }, 60_000);
});
