/**
 * Our decisions against a real authorizer: moto_server with IAM enforcement. As root (the first requests moto lets
 * through unauthenticated) we create a user with an inline policy, an access key and some S3 objects; then, as that
 * user, real AWS SDK v3 calls are allowed or refused, and `simulate` must say the same for the same request and
 * policy. moto answers AccessDenied for both kinds of deny, so explicit vs implicit is checked on our side only.
 *
 * Where moto is known to differ from AWS (so the agreement cases avoid it; moto 5.2): it evaluates identity
 * policies only (no resource policies, boundaries or SCPs), supports a subset of conditions, and computes the
 * request resource only for S3: every other service's action is authorized against the resource `*`, so a statement
 * scoped to an ARN never applies there (the last test pins this down). See docs/simulate.md.
 */
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type Decision } from '../../src/index.js';
import { MOTO_AVAILABLE, MOTO_SKIP_REASON, startMoto, type Moto } from '../helpers/moto.js';

const ACCOUNT = '123456789012'; // moto's default account
const USER = 'alice';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;
const BUCKET = 'leastpriv-moto';

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadPublic', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` },
    { Sid: 'ReadSecretToo', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/secret/*` },
    { Sid: 'NeverSecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/secret/*` },
    { Sid: 'OwnUserOnly', Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` },
    { Sid: 'WriteUploads', Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${BUCKET}/uploads/*` },
  ],
};

// Requests moto lets through before enforcing: create user, put policy, create key, create bucket, three objects.
const SETUP_REQUESTS = 7;

describe.skipIf(!MOTO_AVAILABLE)(`simulate agrees with moto's IAM enforcement${MOTO_AVAILABLE ? '' : ` (skipped: ${MOTO_SKIP_REASON})`}`, () => {
  let moto: Moto;
  let iam: IAMClient;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMoto({ enforceAuth: true, initialNoAuthCount: SETUP_REQUESTS });
    const root = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
    const rootIam = new IAMClient(root);
    const rootS3 = new S3Client({ ...root, forcePathStyle: true });
    await rootIam.send(new CreateUserCommand({ UserName: USER }));
    await rootIam.send(new PutUserPolicyCommand({ UserName: USER, PolicyName: 'app', PolicyDocument: JSON.stringify(POLICY) }));
    const key = (await rootIam.send(new CreateAccessKeyCommand({ UserName: USER }))).AccessKey!;
    await rootS3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const k of ['public/a.txt', 'secret/s.txt', 'other/o.txt']) await rootS3.send(new PutObjectCommand({ Bucket: BUCKET, Key: k, Body: 'x' }));
    const asUser = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
    iam = new IAMClient(asUser);
    s3 = new S3Client({ ...asUser, forcePathStyle: true });
  }, 90_000);

  afterAll(async () => {
    await moto?.stop();
  });

  /** moto's verdict: the call succeeded, or was refused for lack of permission. */
  async function motoAllows(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (e) {
      const name = (e as { name?: string; Code?: string }).name ?? '';
      if (/AccessDenied/.test(name)) return false;
      throw e;
    }
  }

  function ours(action: string, resource: string): Decision {
    return simulate({ identity: [POLICY] }, { principal: USER_ARN, action, resource }).decision;
  }

  it.each([
    ['an identity Allow on the key prefix (allowed)', 's3:GetObject', `arn:aws:s3:::${BUCKET}/public/a.txt`, 'allowed', () => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/a.txt' }))],
    ['an object outside every Allow (implicit deny)', 's3:GetObject', `arn:aws:s3:::${BUCKET}/other/o.txt`, 'implicitDeny', () => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'other/o.txt' }))],
    ['a Deny overriding an Allow on the same objects (explicit deny)', 's3:GetObject', `arn:aws:s3:::${BUCKET}/secret/s.txt`, 'explicitDeny', () => s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/s.txt' }))],
    ['a write under the allowed prefix (allowed)', 's3:PutObject', `arn:aws:s3:::${BUCKET}/uploads/u.txt`, 'allowed', () => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/u.txt', Body: 'u' }))],
    ['a write elsewhere (implicit deny)', 's3:PutObject', `arn:aws:s3:::${BUCKET}/public/w.txt`, 'implicitDeny', () => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/w.txt', Body: 'w' }))],
    ['iam:ListUsers, never granted (implicit deny)', 'iam:ListUsers', '*', 'implicitDeny', () => iam.send(new ListUsersCommand({}))],
  ] as const)('%s: moto and simulate agree', async (_name, action, resource, decision, call) => {
    const expected = ours(action, resource);
    expect(expected).toBe(decision);
    expect(await motoAllows(call)).toBe(expected === 'allowed');
  }, 30_000);

  it('known moto difference: a non-S3 action is authorized against the resource *, so an ARN-scoped Allow does not apply there', async () => {
    // AWS authorizes iam:GetUser on the user's ARN: our simulation of the real request allows it.
    expect(ours('iam:GetUser', USER_ARN)).toBe('allowed');
    // moto asks about the resource *, which the ARN pattern does not match; simulating that request agrees with moto.
    expect(ours('iam:GetUser', '*')).toBe('implicitDeny');
    expect(await motoAllows(() => iam.send(new GetUserCommand({ UserName: USER })))).toBe(false);
  }, 30_000);
});
