import rule from '../../../src/lint/rules/unknown-condition-key.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const cond = (condition: unknown, action = 's3:GetObject') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*', Condition: condition }],
});
const trust = (condition: unknown, federated = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
});

ruleTester(rule, {
  valid: [
    {
      name: 'global and service keys; key names are case-insensitive',
      policy: cond({ StringEquals: { 'aws:SourceVpce': 'vpce-1', 'AWS:SOURCEIP': 'x', 's3:prefix': 'a', 'EC2:InstanceType': 't3.micro' } }),
    },
    {
      name: 'templated keys are known through their template',
      policy: cond({ StringEquals: { 'aws:ResourceTag/team': 'a', 'aws:PrincipalTag/cost-center': 'b', 's3:ExistingObjectTag/c': 'd', 'secretsmanager:ResourceTag/e': 'f' } }),
    },
    {
      name: 'OIDC claims of any issuer are known in a role trust policy',
      type: 'trust',
      policy: trust({
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'gitlab.example.com:sub': 'x' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*', 'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*' },
      }),
    },
    {
      name: 'claims the reference lists for a provider are known',
      type: 'trust',
      policy: trust({ StringEquals: { 'token.actions.githubusercontent.com:job_workflow_ref': 'o/r/.github/workflows/x.yml@refs/heads/main' } }),
    },
    {
      name: 'SAML keys are known in a role trust policy',
      type: 'trust',
      policy: trust({ StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml', 'saml:edupersonorgdn': 'x' } }, 'arn:aws:iam::123456789012:saml-provider/idp'),
    },
    {
      name: 'web identity keys the reference lists are known in any policy (Cognito)',
      policy: cond({ StringEquals: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:abc' } }),
    },
  ],
  invalid: [
    {
      name: 'a misspelt global key gets the one close key as its fix',
      policy: cond({ IpAddress: { 'aws:SourceIpp': '203.0.113.0/24' } }),
      errors: [{ pointer: '/Statement/0/Condition/IpAddress/aws:SourceIpp', fix: 'aws:SourceIp', message: 'no global condition key' }],
    },
    {
      name: 'a misspelt tag key keeps the author\'s tag name in the fix',
      policy: cond({ StringEquals: { 'aws:ResourceTags/team': 'a' } }),
      errors: [{ pointer: '/Statement/0/Condition/StringEquals/aws:ResourceTags~1team', fix: 'aws:ResourceTag/team' }],
    },
    {
      name: 'a misspelt service key gets the service\'s close key',
      policy: cond({ StringEquals: { 'ec2:InstanceTyp': 't3.micro' } }, 'ec2:RunInstances'),
      errors: [{ pointer: '/Statement/0/Condition/StringEquals/ec2:InstanceTyp', fix: 'ec2:InstanceType', message: 'Amazon EC2 has no condition key' }],
    },
    {
      name: 'a key of no service, and a key without a prefix (Invalid condition key format)',
      policy: cond({ StringEquals: { 'nosuchsvc:Key': 'a', username: 'b' } }),
      errors: [
        { pointer: '/Statement/0/Condition/StringEquals/nosuchsvc:Key', message: 'no service has the prefix' },
        { pointer: '/Statement/0/Condition/StringEquals/username', message: 'prefix:name' },
      ],
    },
    {
      name: 'OIDC provider keys are trust-policy keys: not in an identity policy',
      policy: cond({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }),
      errors: [{ pointer: '/Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub', message: 'role trust policies' }],
    },
    {
      name: 'a claim IAM does not pass for a custom issuer',
      type: 'trust',
      policy: trust({ StringEquals: { 'gitlab.example.com:project_path': 'g/p' } }),
      errors: [{ pointer: '/Statement/0/Condition/StringEquals/gitlab.example.com:project_path', message: 'OIDC provider' }],
    },
  ],
});
