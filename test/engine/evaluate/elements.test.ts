import { describe } from 'vitest';
import { ACCT, allow, deny, doc, grant, OBJECT, ROLE, runCases, SESSION, USER } from './cases.js';

const ACTION = 'IAM JSON policy elements: Action';
const NOT_ACTION = 'IAM JSON policy elements: NotAction';
const RESOURCE = 'IAM JSON policy elements: Resource';
const NOT_RESOURCE = 'IAM JSON policy elements: NotResource';
const PRINCIPAL = 'AWS JSON policy elements: Principal';
const NOT_PRINCIPAL = 'AWS JSON policy elements: NotPrincipal';

describe('Action and NotAction', () => {
  runCases([
    { name: `the request's action name is matched case-insensitively (${ACTION}: "action names are case insensitive")`, policies: { identity: [doc(allow('s3:GetObject'))] }, request: { action: 'S3:getobject' }, expect: 'allowed' },
    { name: `the policy's action pattern is matched case-insensitively (${ACTION})`, policies: { identity: [doc(allow('S3:GET*'))] }, expect: 'allowed' },
    { name: `service:* covers every action of the service (${ACTION}: wildcards)`, policies: { identity: [doc(allow('s3:*'))] }, expect: 'allowed' },
    { name: `* alone covers every action of every service (${ACTION}: wildcards)`, policies: { identity: [doc(allow('*'))] }, request: { action: 'ec2:RunInstances' }, expect: 'allowed' },
    { name: `? matches exactly one character in an action (${ACTION}: wildcards)`, policies: { identity: [doc(allow('s3:GetObjec?'))] }, expect: 'allowed' },
    { name: `a wildcard in the middle of the action name (${ACTION}: "iam:*AccessKey*")`, policies: { identity: [doc(allow('s3:Get*Acl'))] }, request: { action: 's3:GetObjectAcl' }, expect: 'allowed' },
    { name: `a wildcard in the service prefix (${ACTION}: wildcards)`, policies: { identity: [doc(allow('s?:GetObject'))] }, expect: 'allowed' },
    { name: `a list of actions is ORed (${ACTION}: "specify multiple actions")`, policies: { identity: [doc(allow(['ec2:RunInstances', 's3:GetObject']))] }, expect: 'allowed' },
    { name: `an action of another service does not match (${ACTION})`, policies: { identity: [doc(allow('s3express:GetObject'))] }, expect: 'implicitDeny' },
    { name: `a prefix without wildcard does not match a longer action (${ACTION}: exact match)`, policies: { identity: [doc(allow('s3:Get'))] }, expect: 'implicitDeny' },
    { name: `Allow with NotAction allows every action not listed (${NOT_ACTION}: "matches everything except")`, policies: { identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })] }, expect: 'allowed' },
    { name: `Allow with NotAction does not allow the listed actions (${NOT_ACTION})`, policies: { identity: [doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })] }, expect: 'implicitDeny' },
    { name: `Deny with NotAction denies every action not listed (${NOT_ACTION}: deny all except)`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })] }, expect: 'explicitDeny' },
    { name: `Deny with NotAction leaves the listed actions alone (${NOT_ACTION})`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', NotAction: 's3:Get*', Resource: '*' })] }, expect: 'allowed' },
    { name: `NotAction patterns are case-insensitive too (${NOT_ACTION})`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', NotAction: 'S3:GETOBJECT', Resource: '*' })] }, expect: 'allowed' },
  ]);
});

describe('Resource and NotResource', () => {
  runCases([
    { name: `an exact resource ARN matches (${RESOURCE})`, policies: { identity: [doc(allow('s3:GetObject', OBJECT))] }, expect: 'allowed' },
    { name: `* in the resource part matches across slashes (${RESOURCE}: "can expand to replace everything within the segment, including characters like a forward slash")`, policies: { identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/*'))] }, request: { resource: 'arn:aws:s3:::bucket/a/b/c.txt' }, expect: 'allowed' },
    { name: `bucket/* does not match the bucket itself (${RESOURCE})`, policies: { identity: [doc(allow('s3:ListBucket', 'arn:aws:s3:::bucket/*'))] }, request: { action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket' }, expect: 'implicitDeny' },
    { name: `resource ARNs are case-sensitive (${RESOURCE}: "the IAM user name is case sensitive")`, policies: { identity: [doc(allow('iam:GetUser', `arn:aws:iam::${ACCT}:user/Bob`))] }, request: { action: 'iam:GetUser', resource: `arn:aws:iam::${ACCT}:user/bob` }, expect: 'implicitDeny' },
    { name: `? matches one character in a resource (${RESOURCE}: wildcards)`, policies: { identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/ke?'))] }, expect: 'allowed' },
    { name: `a trailing * expands beyond colon boundaries (${RESOURCE}: "If the * wildcard is the last character of a resource ARN segment")`, policies: { identity: [doc(allow('logs:PutLogEvents', `arn:aws:logs:us-east-1:${ACCT}:*`))] }, request: { action: 'logs:PutLogEvents', resource: `arn:aws:logs:us-east-1:${ACCT}:log-group:/app:log-stream:s1` }, expect: 'allowed' },
    { name: `a wildcard account matches any account (${RESOURCE})`, policies: { identity: [doc(allow('sqs:SendMessage', 'arn:aws:sqs:*:*:queue'))] }, request: { action: 'sqs:SendMessage', resource: `arn:aws:sqs:eu-west-1:${ACCT}:queue` }, expect: 'allowed' },
    { name: `Resource * matches a request on no resource (${RESOURCE}: actions without resource-level permissions)`, policies: { identity: [doc(allow('s3:ListAllMyBuckets', '*'))] }, request: { action: 's3:ListAllMyBuckets', resource: '*' }, expect: 'allowed' },
    { name: `an ARN pattern does not match a request on no resource (${RESOURCE}: "use the wildcard character (*) in the Resource element")`, policies: { identity: [doc(allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*'))] }, request: { action: 's3:ListAllMyBuckets', resource: '*' }, expect: 'implicitDeny' },
    { name: `a Deny whose NotResource lists ARN patterns applies to a request on no resource (${NOT_RESOURCE}: the request resource * is none of the listed ARNs; docs/differences.md wildcard-resource)`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', Action: 'ec2:*', NotResource: 'arn:aws:ec2:*:*:instance/*' })] }, request: { action: 'ec2:DescribeInstances', resource: '*' }, expect: 'explicitDeny' },
    { name: `an Allow of an ARN pattern does not grant a wildcard-only action (${RESOURCE}: "use the wildcard character (*) in the Resource element"; docs/differences.md wildcard-resource)`, policies: { identity: [doc(allow('ec2:DescribeInstances', 'arn:aws:ec2:*:*:instance/*'))] }, request: { action: 'ec2:DescribeInstances', resource: '*' }, expect: 'implicitDeny' },
    { name: `a list of resources is ORed (${RESOURCE})`, policies: { identity: [doc(allow('s3:GetObject', ['arn:aws:s3:::other/*', 'arn:aws:s3:::bucket/*']))] }, expect: 'allowed' },
    { name: `Allow with NotResource allows every resource not listed (${NOT_RESOURCE})`, policies: { identity: [doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })] }, expect: 'allowed' },
    { name: `Allow with NotResource does not allow the listed resources (${NOT_RESOURCE})`, policies: { identity: [doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::bucket/*' })] }, expect: 'implicitDeny' },
    { name: `Deny with NotResource denies every resource not listed (${NOT_RESOURCE}: "deny … except")`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::allowed/*' })] }, expect: 'explicitDeny' },
    { name: `Deny with NotResource leaves the listed resources alone (${NOT_RESOURCE})`, policies: { identity: [doc(allow('*'), { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] })] }, expect: 'allowed' },
    { name: `a trust policy without Resource applies to the role it is attached to (decision: a statement without Resource/NotResource applies to every resource)`, policies: { resource: doc({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' }) }, request: { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCT}:role/deploy` }, expect: 'allowed' },
  ]);
});

describe('Principal and NotPrincipal', () => {
  runCases([
    { name: `"Principal": "*" names every principal (${PRINCIPAL}: All principals)`, policies: { resource: doc(grant('*')) }, expect: 'allowed' },
    { name: `{"AWS": "*"} is equivalent to "*" (${PRINCIPAL}: "the following elements are equivalent")`, policies: { resource: doc(grant({ AWS: '*' })) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `the short account id and the root ARN are the same principal (${PRINCIPAL}: "behave the same way")`, policies: { identity: [doc(allow('*'))], resource: doc(grant({ AWS: ACCT }), { ...grant({ AWS: `arn:aws:iam::${ACCT}:root` }), Effect: 'Deny' }) }, expect: 'explicitDeny' },
    { name: `the user name in a principal ARN is case-sensitive (${PRINCIPAL}: "the user name part … is case sensitive")`, policies: { resource: doc(grant({ AWS: `arn:aws:iam::${ACCT}:user/Alice` })) }, expect: 'implicitDeny' },
    { name: `several principals are ORed (${PRINCIPAL}: "This is a logical OR")`, policies: { resource: doc(grant({ AWS: [`arn:aws:iam::${ACCT}:user/bob`, USER] })) }, expect: 'allowed' },
    { name: `a wildcard cannot match part of a principal ARN (${PRINCIPAL}: "You cannot use a wildcard to match part of a principal name or ARN")`, policies: { resource: doc(grant({ AWS: `arn:aws:iam::${ACCT}:user/*` })) }, expect: 'implicitDeny' },
    { name: `a list of service principals (${PRINCIPAL}: AWS service principals)`, policies: { resource: doc(grant({ Service: ['ecs.amazonaws.com', 'elasticloadbalancing.amazonaws.com'] }, 's3:PutObject')) }, request: { principal: 'elasticloadbalancing.amazonaws.com', action: 's3:PutObject' }, expect: 'allowed' },
    { name: `a Federated principal does not name an IAM user (${PRINCIPAL}: web identity and SAML session principals)`, policies: { resource: doc(grant({ Federated: 'accounts.google.com' })) }, expect: 'implicitDeny' },
    { name: `a service principal does not name an IAM user (${PRINCIPAL})`, policies: { resource: doc(grant({ Service: 's3.amazonaws.com' })) }, expect: 'implicitDeny' },
    { name: `Deny with NotPrincipal denies a listed user who has a permissions boundary (Permissions boundaries: "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached")`, policies: { identity: [doc(allow('*'))], boundary: doc(allow('*')), resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: [USER, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: '*' }) }, expect: 'explicitDeny', matched: ['identity[0]#0', 'resource#0', 'boundary#0'] },
    { name: `an Allow with NotPrincipal is not widened by a boundary (Permissions boundaries: the rule is about Deny statements)`, policies: { boundary: doc(allow('*')), resource: doc({ Effect: 'Allow', NotPrincipal: { AWS: [USER, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: '*' }) }, expect: 'implicitDeny' },
    { name: `Deny with NotPrincipal spares a user listed with its account (${NOT_PRINCIPAL}: "include the ARN for a user's account")`, policies: { identity: [doc(allow('*'))], resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: [USER, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: '*' }) }, expect: 'allowed' },
    { name: `Deny with NotPrincipal listing the user but not its account denies the user (${NOT_PRINCIPAL}: "might deny access to the entire account containing the principal")`, policies: { identity: [doc(allow('*'))], resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: USER }, Action: 's3:*', Resource: '*' }) }, expect: 'explicitDeny' },
    { name: `Deny with NotPrincipal denies every other principal (${NOT_PRINCIPAL}: "explicitly denied to all principals except")`, policies: { identity: [doc(allow('*'))], resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: [`arn:aws:iam::${ACCT}:user/bob`, ACCT] }, Action: 's3:*', Resource: '*' }) }, expect: 'explicitDeny' },
    { name: `Deny with NotPrincipal spares a session listed with its role and account (${NOT_PRINCIPAL}: IAM role example)`, policies: { identity: [doc(allow('*'))], resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: [SESSION, ROLE, ACCT] }, Action: 's3:*', Resource: '*' }) }, request: { principal: SESSION }, expect: 'allowed' },
    { name: `Deny with NotPrincipal listing the session and account but not the role denies the session (${NOT_PRINCIPAL}: "If the NotPrincipal element was missing the ARN of the role")`, policies: { identity: [doc(allow('*'))], resource: doc({ Effect: 'Deny', NotPrincipal: { AWS: [SESSION, ACCT] }, Action: 's3:*', Resource: '*' }) }, request: { principal: SESSION }, expect: 'explicitDeny' },
    { name: `Allow with NotPrincipal grants every principal except those listed (${NOT_PRINCIPAL}: NotPrincipal with Allow)`, policies: { resource: doc({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCT}:user/bob` }, Action: 's3:GetObject', Resource: '*' }) }, expect: 'allowed' },
    { name: `a resource policy statement without Principal names no one (${PRINCIPAL}: "You must use the Principal element in resource-based policies")`, policies: { resource: doc(allow('s3:GetObject')) }, expect: 'implicitDeny' },
  ]);
});

describe('Effect and Sid', () => {
  runCases([
    { name: `matched statements carry their Sid, in policy order (IAM JSON policy elements: Sid)`, policies: { identity: [doc({ ...allow('s3:*'), Sid: 'ReadAll' }, { ...deny('s3:Put*'), Sid: 'NoWrites' }, { ...allow('s3:GetObject'), Sid: 'Get' })] }, expect: 'allowed', matched: ['identity[0]#0', 'identity[0]#2'] },
    { name: `a single statement object is statement 0 (IAM JSON policy elements: Statement)`, policies: { identity: [{ Version: '2012-10-17', Statement: allow('s3:GetObject') }] }, expect: 'allowed', matched: ['identity[0]#0'] },
  ]);
});
