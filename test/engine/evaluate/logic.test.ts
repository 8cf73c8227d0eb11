import { describe } from 'vitest';
import {
  ACCT,
  allow,
  ALLOW_ALL,
  deny,
  doc,
  FEDERATED,
  grant,
  OBJECT,
  OTHER,
  OTHER_ROLE,
  ROLE,
  ROOT,
  runCases,
  SESSION,
  USER,
  type Case,
} from './cases.js';

const ENFORCEMENT = 'How AWS enforcement code logic evaluates requests';
const SAME = 'Policy evaluation for requests within a single account';
const CROSS = 'Cross-account policy evaluation logic';
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRUSTED_ROLE = `arn:aws:iam::${ACCT}:role/deploy`;
const OTHER_BUCKET_OBJECT = 'arn:aws:s3:::partner-bucket/key';

describe('deny and allow (Policy evaluation logic)', () => {
  runCases([
    { name: `every request is implicitly denied by default (${ENFORCEMENT}: "all requests are implicitly denied")`, policies: {}, expect: 'implicitDeny', denied: ['identity'] },
    { name: `an identity-based Allow grants the request (${SAME}: identity-based policies)`, policies: { identity: [doc(allow('s3:GetObject', OBJECT))] }, expect: 'allowed', matched: ['identity[0]#0'] },
    { name: `an Allow for another action leaves the request implicitly denied (${ENFORCEMENT}: "must be explicitly allowed")`, policies: { identity: [doc(allow('s3:PutObject', OBJECT))] }, expect: 'implicitDeny' },
    { name: `an explicit Deny overrides an Allow in the same policy (${ENFORCEMENT}: "An explicit deny overrides an explicit allow")`, policies: { identity: [doc(allow('s3:*'), deny('s3:GetObject'))] }, expect: 'explicitDeny', matched: ['identity[0]#0', 'identity[0]#1'] },
    { name: `an explicit Deny in another identity policy overrides the Allow (${ENFORCEMENT}: deny evaluation covers all policies)`, policies: { identity: [doc(allow('*')), doc(deny('s3:Get*'))] }, expect: 'explicitDeny', matched: ['identity[0]#0', 'identity[1]#0'] },
    { name: `a Deny alone is an explicit deny, not an implicit one (The difference between explicit and implicit denies)`, policies: { identity: [doc(deny('*'))] }, expect: 'explicitDeny' },
    { name: `a Deny that does not apply leaves the Allow in force (${ENFORCEMENT}: a Deny must apply to the request)`, policies: { identity: [doc(allow('*'), deny('s3:PutObject'))] }, expect: 'allowed' },
  ]);
});

describe('resource-based policies within one account', () => {
  runCases([
    { name: `a resource policy naming the IAM user allows without any identity policy (${SAME}: "If either the identity-based policy or the resource-based policy … allows")`, policies: { resource: doc(grant({ AWS: USER })) }, expect: 'allowed', matched: ['resource#0'] },
    { name: `identity and resource Allows together allow (${SAME}: union of both)`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: USER })) }, expect: 'allowed' },
    { name: `a Deny in the resource policy overrides an identity Allow (${ENFORCEMENT}: deny evaluation)`, policies: { identity: [ALLOW_ALL], resource: doc({ ...grant({ AWS: USER }), Effect: 'Deny' }) }, expect: 'explicitDeny' },
    { name: `a resource policy naming only the account delegates to identity policies: alone it does not allow (Principal: "This delegates authority to the account")`, policies: { resource: doc(grant({ AWS: ACCT })) }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `a resource policy naming the account plus an identity Allow allows (Principal: AWS account principals)`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: ROOT })) }, expect: 'allowed' },
    { name: `a resource policy naming the role allows a session of that role without identity policy (${ENFORCEMENT}: IAM role — limited only by boundary or session policy)`, policies: { resource: doc(grant({ AWS: ROLE })) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `a role ARN in a resource policy matches the role's sessions whatever the role path (Principal: IAM role principals)`, policies: { resource: doc(grant({ AWS: `arn:aws:iam::${ACCT}:role/team/ci` })) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `a session ARN in a resource policy grants to that session only, not to a role ARN request whose session is unknown (Principal: role session principals)`, policies: { resource: doc(grant({ AWS: SESSION })) }, request: { principal: ROLE }, expect: 'implicitDeny' },
    { name: `a session ARN in a resource policy does not grant to another session of the same role (Principal: "Principals must always name a specific session")`, policies: { resource: doc(grant({ AWS: SESSION })) }, request: { principal: `arn:aws:sts::${ACCT}:assumed-role/ci/other` }, expect: 'implicitDeny' },
    { name: `"Principal": "*" grants a same-account role session directly: "For IAM users and role principals within your account, no other permissions are required" (Principal: All principals)`, policies: { resource: doc(grant('*')), boundary: doc(allow('ec2:*')) }, request: { principal: ROLE }, expect: 'allowed' },
    { name: `a resource policy grant to a federated-user session ARN is direct (${ENFORCEMENT}: IAM federated user sessions)`, policies: { resource: doc(grant({ AWS: FEDERATED })) }, request: { principal: FEDERATED }, expect: 'allowed' },
    { name: `an S3 ARN has no account: the resource is in the principal's account, so a resource-only grant works (contract: resourceAccount defaults)`, policies: { resource: doc(grant({ AWS: USER })) }, request: { resource: 'arn:aws:s3:::bucket' }, expect: 'allowed' },
  ]);
});

describe('service control policies', () => {
  runCases([
    { name: `an SCP that allows lets the identity Allow through (Service control policies: intersection)`, policies: { identity: [ALLOW_ALL], scp: [[ALLOW_ALL]] }, expect: 'allowed', matched: ['identity[0]#0', 'scp[0][0]#0'] },
    { name: `an SCP without an applicable Allow implicitly denies (${ENFORCEMENT}: Organizations SCPs)`, policies: { identity: [ALLOW_ALL], scp: [[doc(allow('ec2:*'))]] }, expect: 'implicitDeny', denied: ['scp:0'] },
    { name: `an explicit deny in an SCP overrides an identity allow (${ENFORCEMENT}: deny evaluation includes SCPs)`, policies: { identity: [ALLOW_ALL], scp: [[ALLOW_ALL, doc(deny('s3:*'))]] }, expect: 'explicitDeny' },
    { name: `every SCP level must allow: an OU that allows only EC2 blocks S3 though the root allows all (Service control policies: inheritance)`, policies: { identity: [ALLOW_ALL], scp: [[ALLOW_ALL], [doc(allow('ec2:*'))]] }, expect: 'implicitDeny', denied: ['scp:1'] },
    { name: `two SCP levels that both allow let the request through (Service control policies: inheritance)`, policies: { identity: [ALLOW_ALL], scp: [[ALLOW_ALL], [doc(allow('s3:*'))]] }, expect: 'allowed' },
    { name: `any one policy at a level is enough for that level (Service control policies: policies at one level are ORed)`, policies: { identity: [ALLOW_ALL], scp: [[doc(allow('ec2:*')), doc(allow('s3:Get*'))]] }, expect: 'allowed' },
    { name: `an SCP Allow grants nothing by itself (Service control policies: "SCPs … don't grant permissions")`, policies: { scp: [[ALLOW_ALL]] }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `SCPs limit resource-based grants too (${ENFORCEMENT}: SCPs are evaluated before resource-based policies)`, policies: { resource: doc(grant({ AWS: USER })), scp: [[doc(allow('ec2:*'))]] }, expect: 'implicitDeny', denied: ['scp:0'] },
    { name: `an SCP deny overrides a direct resource-policy grant (${ENFORCEMENT}: deny evaluation)`, policies: { resource: doc(grant({ AWS: USER })), scp: [[ALLOW_ALL, doc(deny('*'))]] }, expect: 'explicitDeny' },
    { name: `an empty SCP list means no organization policies (contract: absent or empty scp)`, policies: { identity: [ALLOW_ALL], scp: [] }, expect: 'allowed' },
    { name: `SCPs apply to the account root user (Service control policies: "including each AWS account root user")`, policies: { scp: [[doc(allow('ec2:*'))]] }, request: { principal: ROOT }, expect: 'implicitDeny', denied: ['scp:0'] },
  ]);
});

describe('resource control policies', () => {
  runCases([
    { name: `RCPFullAWSAccess is implied at every RCP level, so an RCP with no matching statement does not deny (${ENFORCEMENT}: Organizations RCPs)`, policies: { identity: [ALLOW_ALL], rcp: [[doc(grant('*', 'ec2:*', '*', { Effect: 'Deny' }))]] }, expect: 'allowed' },
    { name: `an explicit deny in an RCP overrides every allow (${ENFORCEMENT}: deny evaluation includes RCPs)`, policies: { identity: [ALLOW_ALL], rcp: [[doc(grant('*', 's3:*', '*', { Effect: 'Deny' }))]] }, expect: 'explicitDeny', matched: ['identity[0]#0', 'rcp[0][0]#0'] },
    { name: `an RCP deny on external principals denies a cross-account caller (Resource control policies: data perimeter)`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: OTHER })), rcp: [[doc(grant('*', 's3:*', '*', { Effect: 'Deny', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCT } } }))]] }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'explicitDeny' },
    { name: `the same RCP lets the organization's own principal through (Resource control policies: data perimeter)`, policies: { identity: [ALLOW_ALL], rcp: [[doc(grant('*', 's3:*', '*', { Effect: 'Deny', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCT } } }))]] }, expect: 'allowed' },
    { name: `an RCP Allow grants nothing (Resource control policies: "No permissions are granted by an RCP")`, policies: { rcp: [[doc(grant('*', '*'))]] }, expect: 'implicitDeny' },
    { name: `RCPs apply to service principals (Resource control policies: aws:PrincipalIsAWSService in RCP examples)`, policies: { resource: doc(grant({ Service: 'cloudtrail.amazonaws.com' })), rcp: [[doc(grant('*', '*', '*', { Effect: 'Deny', Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } }))]] }, request: { principal: 'cloudtrail.amazonaws.com' }, expect: 'explicitDeny' },
  ]);
});

describe('permissions boundaries', () => {
  runCases([
    { name: `the identity policy and the boundary must both allow (Permissions boundaries: "allowed by both")`, policies: { identity: [ALLOW_ALL], boundary: doc(allow('s3:*')) }, expect: 'allowed' },
    { name: `a boundary that does not allow implicitly denies an identity allow (${ENFORCEMENT}: IAM permissions boundaries)`, policies: { identity: [ALLOW_ALL], boundary: doc(allow('ec2:*')) }, expect: 'implicitDeny', denied: ['boundary'] },
    { name: `a boundary grants nothing by itself (Permissions boundaries: "does not provide permissions on its own")`, policies: { boundary: doc(allow('*')) }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `an explicit deny in the boundary denies (Permissions boundaries: "An explicit deny in either of these policies overrides the allow")`, policies: { identity: [ALLOW_ALL], boundary: doc(allow('*'), deny('s3:GetObject')) }, expect: 'explicitDeny' },
    { name: `a boundary given as a one-element array is the boundary (contract: boundary is one document)`, policies: { identity: [ALLOW_ALL], boundary: [doc(allow('ec2:*'))] }, expect: 'implicitDeny', denied: ['boundary'] },
    { name: `several boundary documents are read as one boundary: an Allow in any of them is the boundary's Allow (extension: a boundary split over files)`, policies: { identity: [ALLOW_ALL], boundary: [doc(allow('ec2:*')), doc(allow('s3:Get*'))] }, expect: 'allowed', matched: ['identity[0]#0', 'boundary[1]#0'] },
    { name: `several boundary documents: a Deny in any of them is an explicit deny (Permissions boundaries: "An explicit deny in either … overrides the allow")`, policies: { identity: [ALLOW_ALL], boundary: [doc(allow('*')), doc(deny('s3:GetObject'))] }, expect: 'explicitDeny' },
    { name: `several boundary documents, none allowing: implicit deny at the boundary (Permissions boundaries: "allowed by both")`, policies: { identity: [ALLOW_ALL], boundary: [doc(allow('ec2:*')), doc(allow('iam:*'))] }, expect: 'implicitDeny', denied: ['boundary'] },
    { name: `a boundary does not limit a same-account resource grant to the IAM user ARN (${ENFORCEMENT}: IAM user — not limited by identity policy or boundary)`, policies: { resource: doc(grant({ AWS: USER })), boundary: doc(allow('ec2:*')) }, expect: 'allowed' },
    { name: `a boundary limits a resource grant to the role ARN (${ENFORCEMENT}: IAM role — "limited by an implicit deny in a permissions boundary")`, policies: { resource: doc(grant({ AWS: ROLE })), boundary: doc(allow('ec2:*')) }, request: { principal: SESSION }, expect: 'implicitDeny', denied: ['boundary'] },
    { name: `a boundary does not limit a resource grant to the assumed-role session ARN (${ENFORCEMENT}: IAM role session)`, policies: { resource: doc(grant({ AWS: SESSION })), boundary: doc(allow('ec2:*')) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `a boundary limits cross-account access even when the resource policy allows (${CROSS}: the identity side must allow)`, policies: { identity: [ALLOW_ALL], boundary: doc(allow('ec2:*')), resource: doc(grant({ AWS: OTHER })) }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['boundary'] },
  ]);
});

describe('session policies', () => {
  runCases([
    { name: `a role session's permissions are the identity policy intersected with the session policy (Session policies)`, policies: { identity: [ALLOW_ALL], session: doc(allow('s3:*')) }, request: { principal: ROLE }, expect: 'allowed' },
    { name: `a session policy that does not allow implicitly denies (${ENFORCEMENT}: session policy present and does not allow)`, policies: { identity: [ALLOW_ALL], session: doc(allow('ec2:*')) }, request: { principal: SESSION }, expect: 'implicitDeny', denied: ['session'] },
    { name: `a session policy grants nothing by itself (Session policies: "cannot use session policies to grant more permissions")`, policies: { session: doc(allow('*')) }, request: { principal: ROLE }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `an explicit deny in a session policy denies (${ENFORCEMENT}: deny evaluation includes session policies)`, policies: { identity: [ALLOW_ALL], session: doc(allow('*'), deny('s3:*')) }, request: { principal: ROLE }, expect: 'explicitDeny' },
    { name: `a role session without a session policy is allowed by its identity policy (${ENFORCEMENT}: "If the principal is a role session, then the request is Allowed")`, policies: { identity: [ALLOW_ALL] }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `a session policy limits a resource grant to the role ARN (${ENFORCEMENT}: IAM role — limited by session policy)`, policies: { resource: doc(grant({ AWS: ROLE })), session: doc(allow('ec2:*')) }, request: { principal: SESSION }, expect: 'implicitDeny', denied: ['session'] },
    { name: `a session policy does not limit a resource grant to the session ARN (${ENFORCEMENT}: "Permissions granted directly to a session are not limited")`, policies: { resource: doc(grant({ AWS: SESSION })), session: doc(allow('ec2:*')) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `a session policy does not apply to an IAM user, which is not a session principal (${ENFORCEMENT}: "If the principal is not a session principal … Allow")`, policies: { identity: [ALLOW_ALL], session: doc(allow('ec2:*')) }, expect: 'allowed' },
    { name: `a federated-user session without a session policy gets nothing from identity policies (${ENFORCEMENT}: "Otherwise, the request is implicitly denied")`, policies: { identity: [ALLOW_ALL] }, request: { principal: FEDERATED }, expect: 'implicitDeny', denied: ['session'] },
    { name: `a federated-user session with an allowing session policy is allowed by its identity policy (${ENFORCEMENT}: session policy present and allows)`, policies: { identity: [ALLOW_ALL], session: doc(allow('s3:*')) }, request: { principal: FEDERATED }, expect: 'allowed' },
  ]);
});

describe('cross-account requests', () => {
  runCases([
    { name: `cross-account: an identity Allow alone is not enough (${CROSS}: "both … must allow")`, policies: { identity: [ALLOW_ALL] }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `cross-account: a resource-policy Allow alone is not enough (${CROSS}: "The principal's identity-based policy must allow")`, policies: { resource: doc(grant({ AWS: OTHER_ROLE })) }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `cross-account: identity and resource Allows together allow (${CROSS})`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: OTHER_ROLE })) }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'allowed' },
    { name: `cross-account: a resource policy naming the caller's account plus an identity Allow allows (${CROSS}: "You can specify the entire account")`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: OTHER })) }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'allowed' },
    { name: `cross-account: a resource policy naming a different account does not allow (${CROSS})`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: '999999999999' })) }, request: { principal: OTHER_ROLE, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `cross-account: a grant to the session ARN still needs the identity Allow (${CROSS})`, policies: { resource: doc(grant({ AWS: `arn:aws:sts::${OTHER}:assumed-role/reader/s1` })) }, request: { principal: `arn:aws:sts::${OTHER}:assumed-role/reader/s1`, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `cross-account: the resource account comes from the resource ARN (contract: resourceAccount defaults to the ARN's account)`, policies: { identity: [ALLOW_ALL] }, request: { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${OTHER}:queue` }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `cross-account: an explicit resourceAccount makes an S3 request cross-account (contract: resourceAccount)`, policies: { identity: [ALLOW_ALL] }, request: { resource: OTHER_BUCKET_OBJECT, resourceAccount: OTHER }, expect: 'implicitDeny' },
  ]);
});

describe('service principals, the root user and anonymous callers', () => {
  runCases([
    { name: `a service principal is allowed by a resource policy that names it (Principal: AWS service principals)`, policies: { resource: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject')) }, request: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expect: 'allowed' },
    { name: `a service principal not named in the resource policy is implicitly denied (Principal: AWS service principals)`, policies: { resource: doc(grant({ Service: 'config.amazonaws.com' }, 's3:PutObject')) }, request: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `identity policies, boundaries and SCPs do not apply to a service principal (Service control policies: they affect IAM principals of member accounts)`, policies: { identity: [doc(deny('*'))], scp: [[doc(allow('ec2:*'))]], resource: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject')) }, request: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expect: 'allowed' },
    { name: `a Deny in the resource policy applies to a service principal (${ENFORCEMENT}: deny evaluation)`, policies: { resource: doc(grant({ Service: 'cloudtrail.amazonaws.com' }, 's3:PutObject'), { ...grant('*', 's3:PutObject'), Effect: 'Deny' }) }, request: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expect: 'explicitDeny' },
    { name: `"Principal": "*" admits service principals (Principal: All principals)`, policies: { resource: doc(grant('*', 's3:PutObject')) }, request: { principal: 'logging.s3.amazonaws.com', action: 's3:PutObject' }, expect: 'allowed' },
    { name: `the account root user has full access in its account without identity policies (${ENFORCEMENT}: "with the exception of the AWS account root user")`, policies: {}, request: { principal: ROOT }, expect: 'allowed' },
    { name: `the root user of another account needs the resource policy to allow (${CROSS})`, policies: {}, request: { principal: `arn:aws:iam::${OTHER}:root`, resourceAccount: ACCT }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `the root user of another account is allowed when the resource policy names its account (${CROSS})`, policies: { resource: doc(grant({ AWS: OTHER })) }, request: { principal: `arn:aws:iam::${OTHER}:root`, resourceAccount: ACCT }, expect: 'allowed' },
    { name: `an unauthenticated caller is allowed only by a resource policy with "Principal": "*" (Principal: "grants access to all users, including anonymous users")`, policies: { resource: doc(grant('*')) }, request: { principal: 'anonymous' }, expect: 'allowed' },
    { name: `an unauthenticated caller gets nothing from identity policies (Policy evaluation logic: authentication)`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: ACCT })) }, request: { principal: 'anonymous' }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `sts:GetCallerIdentity needs no permission, even under an explicit deny (STS API reference: GetCallerIdentity)`, policies: { identity: [doc(deny('*'))] }, request: { action: 'sts:GetCallerIdentity', resource: '*' }, expect: 'allowed' },
  ]);
});

describe('KMS key policies and role trust policies', () => {
  runCases([
    { name: `a KMS key policy must allow: an identity Allow alone does not (${ENFORCEMENT}: "KMS key policies are exceptions")`, policies: { identity: [ALLOW_ALL] }, request: { action: 'kms:Decrypt', resource: KMS_KEY }, expect: 'implicitDeny', denied: ['resource'] },
    { name: `a key policy that names the account enables identity policies (AWS KMS: default key policy)`, policies: { identity: [ALLOW_ALL], resource: doc(grant({ AWS: ROOT }, 'kms:*')) }, request: { action: 'kms:Decrypt', resource: KMS_KEY }, expect: 'allowed' },
    { name: `a key policy that names the account does not allow without an identity Allow (AWS KMS: default key policy)`, policies: { resource: doc(grant({ AWS: ROOT }, 'kms:*')) }, request: { action: 'kms:Decrypt', resource: KMS_KEY }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `a key policy that names the user allows without an identity policy (${ENFORCEMENT}: resource-based policy grants directly)`, policies: { resource: doc(grant({ AWS: USER }, 'kms:Decrypt')) }, request: { action: 'kms:Decrypt', resource: KMS_KEY }, expect: 'allowed' },
    { name: `a role trust policy that names the user allows sts:AssumeRole without an identity policy (${ENFORCEMENT}: role trust policies)`, policies: { resource: doc(grant({ AWS: USER }, 'sts:AssumeRole')) }, request: { action: 'sts:AssumeRole', resource: TRUSTED_ROLE }, expect: 'allowed' },
    { name: `a trust policy naming the account needs the caller's identity Allow too (${ENFORCEMENT}: role trust policies must explicitly allow)`, policies: { resource: doc(grant({ AWS: ROOT }, 'sts:AssumeRole')) }, request: { action: 'sts:AssumeRole', resource: TRUSTED_ROLE }, expect: 'implicitDeny', denied: ['identity'] },
    { name: `a trust policy naming the account plus an identity Allow lets the user assume the role (Principal: AWS account principals)`, policies: { identity: [doc(allow('sts:AssumeRole', TRUSTED_ROLE))], resource: doc(grant({ AWS: ROOT }, 'sts:AssumeRole')) }, request: { action: 'sts:AssumeRole', resource: TRUSTED_ROLE }, expect: 'allowed' },
    { name: `without a trust policy that allows, an identity Allow cannot assume a role (${ENFORCEMENT}: role trust policies must explicitly allow)`, policies: { identity: [ALLOW_ALL] }, request: { action: 'sts:AssumeRole', resource: TRUSTED_ROLE }, expect: 'implicitDeny', denied: ['resource'] },
  ]);
});

describe('keys derived from the principal', () => {
  const when = (Condition: unknown): Case['policies'] => ({ identity: [doc(allow('*', '*', { Condition }))] });
  runCases([
    { name: `aws:PrincipalArn of an assumed-role session is the role ARN (Global condition keys: aws:PrincipalArn)`, policies: when({ ArnEquals: { 'aws:PrincipalArn': ROLE } }), request: { principal: SESSION }, expect: 'allowed' },
    { name: `aws:PrincipalArn of an IAM user is the user ARN (Global condition keys: aws:PrincipalArn)`, policies: when({ StringEquals: { 'aws:PrincipalArn': USER } }), expect: 'allowed' },
    { name: `aws:PrincipalAccount is the principal's account (Global condition keys: aws:PrincipalAccount)`, policies: when({ StringEquals: { 'aws:PrincipalAccount': ACCT } }), expect: 'allowed' },
    { name: `aws:PrincipalType is User for an IAM user (Global condition keys: aws:PrincipalType)`, policies: when({ StringEquals: { 'aws:PrincipalType': 'User' } }), expect: 'allowed' },
    { name: `aws:PrincipalType is AssumedRole for a role session (Global condition keys: aws:PrincipalType)`, policies: when({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }), request: { principal: ROLE }, expect: 'allowed' },
    { name: `aws:username is present for an IAM user (Policy variables: principal key values)`, policies: when({ StringEquals: { 'aws:username': 'alice' } }), expect: 'allowed' },
    { name: `aws:username is not present for a role session (Policy variables: "not present")`, policies: when({ Null: { 'aws:username': 'true' } }), request: { principal: SESSION }, expect: 'allowed' },
    { name: `a context value overrides a derived key (contract: context supplies the keys)`, policies: when({ StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/path/ci` } }), request: { principal: SESSION, context: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/path/ci` } }, expect: 'allowed' },
    { name: `aws:PrincipalIsAWSService is true for a service principal (Global condition keys: aws:PrincipalIsAWSService)`, policies: { resource: doc(grant('*', 's3:PutObject', '*', { Condition: { Bool: { 'aws:PrincipalIsAWSService': 'true' } } })) }, request: { principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject' }, expect: 'allowed' },
  ]);
});
