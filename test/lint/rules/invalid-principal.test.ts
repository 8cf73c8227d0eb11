import rule from '../../../src/lint/rules/invalid-principal.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const trust = (principal: unknown, key = 'Principal') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [key]: principal, Action: 'sts:AssumeRole' }],
});
const P = '/Statement/0/Principal';

ruleTester(rule, {
  valid: [
    { name: '"*" alone means every principal', type: 'trust', policy: trust('*') },
    {
      name: 'AWS principals: account id, account/root, user, role, assumed-role and federated-user sessions',
      type: 'trust',
      policy: trust({
        AWS: [
          '*',
          '123456789012',
          'arn:aws:iam::123456789012:root',
          'arn:aws:iam::123456789012:user/division/alice',
          'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123',
          'arn:aws:sts::123456789012:assumed-role/deploy/ci-session',
          'arn:aws:sts::123456789012:federated-user/bob',
          'arn:aws-cn:iam::123456789012:root',
        ],
      }),
    },
    { name: 'IAM unique ids are shown in place of deleted principals; Access Analyzer only warns', type: 'trust', policy: trust({ AWS: 'AROAEXAMPLEID12345678' }) },
    {
      name: 'service principals, regional and in other partitions',
      type: 'trust',
      policy: trust({ Service: ['ecs-tasks.amazonaws.com', 'logs.eu-west-1.amazonaws.com', 'ec2.amazonaws.com.cn', 'alexa-appkit.amazon.com'] }),
    },
    {
      name: 'Federated: OIDC and SAML provider ARNs and the four web identity providers',
      type: 'trust',
      policy: trust({
        Federated: [
          'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
          'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC',
          'arn:aws:iam::123456789012:saml-provider/okta',
          'cognito-identity.amazonaws.com',
          'accounts.google.com',
          'graph.facebook.com',
          'www.amazon.com',
        ],
      }),
    },
    { name: 'a canonical user id is 64 hex digits', type: 'resource', policy: trust({ CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' }) },
    { name: 'NotPrincipal values follow the same forms', type: 'resource', policy: trust({ AWS: 'arn:aws:iam::123456789012:root' }, 'NotPrincipal') },
    { name: 'unknown principal keys are unknown-element\'s', type: 'trust', policy: trust({ Aws: 'nonsense' }) },
  ],
  invalid: [
    {
      name: 'a wildcard cannot match part of a principal ARN (arn:aws:iam::*:role/x)',
      type: 'trust',
      policy: trust({ AWS: ['arn:aws:iam::*:role/x', 'arn:aws:sts::123456789012:assumed-role/r/*'] }),
      errors: [
        { pointer: `${P}/AWS/0`, message: 'cannot match part' },
        { pointer: `${P}/AWS/1`, message: 'cannot match part' },
      ],
    },
    {
      name: 'a string Principal can only be "*"',
      type: 'trust',
      policy: trust('arn:aws:iam::123456789012:root'),
      errors: [{ pointer: P, message: 'can only be "*"' }],
    },
    {
      name: 'user groups cannot be principals',
      type: 'trust',
      policy: trust({ AWS: 'arn:aws:iam::123456789012:group/admins' }),
      errors: [{ pointer: `${P}/AWS`, message: 'user group' }],
    },
    {
      name: 'session ARNs use sts, roles and users use iam',
      type: 'trust',
      policy: trust({ AWS: ['arn:aws:iam::123456789012:assumed-role/r/s', 'arn:aws:sts::123456789012:role/r'] }),
      errors: [
        { pointer: `${P}/AWS/0`, fix: 'arn:aws:sts::123456789012:assumed-role/r/s' },
        { pointer: `${P}/AWS/1`, fix: 'arn:aws:iam::123456789012:role/r' },
      ],
    },
    {
      name: 'an account id is 12 digits',
      type: 'trust',
      policy: trust({ AWS: ['1234-5678-9012', 'arn:aws:iam::12345:root'] }),
      errors: [{ pointer: `${P}/AWS/0`, fix: '123456789012' }, { pointer: `${P}/AWS/1`, message: '12-digit' }],
    },
    {
      name: 'each kind under its own key',
      type: 'trust',
      policy: trust({ AWS: 'ec2.amazonaws.com', Service: 'arn:aws:iam::123456789012:root' }),
      errors: [
        { pointer: `${P}/AWS`, message: 'goes under "Service"' },
        { pointer: `${P}/Service`, message: 'not an ARN' },
      ],
    },
    {
      name: 'service principals are lower-case domain names',
      type: 'trust',
      policy: trust({ Service: ['ECS-TASKS.amazonaws.com', 'ecs-tasks', '*.amazonaws.com'] }),
      errors: [
        { pointer: `${P}/Service/0`, fix: 'ecs-tasks.amazonaws.com' },
        { pointer: `${P}/Service/1`, message: 'ecs-tasks.amazonaws.com' },
        { pointer: `${P}/Service/2`, message: 'wildcard' },
      ],
    },
    {
      name: 'an OIDC issuer is trusted through its IAM provider ARN',
      type: 'trust',
      policy: trust({ Federated: 'token.actions.githubusercontent.com' }),
      errors: [{ pointer: `${P}/Federated`, message: 'oidc-provider/token.actions.githubusercontent.com' }],
    },
    {
      name: 'policy variables cannot be used in principals',
      type: 'resource',
      policy: trust({ AWS: 'arn:aws:iam::${aws:PrincipalAccount}:root' }),
      errors: [{ pointer: `${P}/AWS`, message: 'policy variables' }],
    },
    {
      name: 'a canonical user id is 64 hex digits',
      type: 'resource',
      policy: trust({ CanonicalUser: 'abc' }),
      errors: [{ pointer: `${P}/CanonicalUser`, message: '64 hexadecimal' }],
    },
  ],
});
