import rule from '../../../src/lint/rules/credentials-exposure.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

ruleTester(rule, {
  valid: [
    { name: 'ecr:GetAuthorizationToken needs "*" and is explicitly not credentials exposure', policy: st({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }) },
    { name: 'ecr:* on "*" does not reach a listed action', policy: st({ Action: 'ecr:*', Resource: '*' }) },
    {
      name: 'self-service access keys: ${aws:username} is one user per request, not a wildcard',
      policy: st({ Action: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'], Resource: 'arn:aws:iam::*:user/${aws:username}' }),
    },
    { name: 'named users', policy: st({ Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/ci-bot' }) },
    { name: 'a named Redshift database user', policy: st({ Action: 'redshift:GetClusterCredentials', Resource: 'arn:aws:redshift:eu-west-1:123456789012:dbuser:main/reporter' }) },
  ],
  invalid: [
    { name: 'iam:CreateAccessKey on "*"', policy: st({ Action: 'iam:CreateAccessKey', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'iam:CreateAccessKey is allowed on "*"' }] },
    { name: 'iam:CreateLoginProfile on user/*', policy: st({ Action: 'iam:CreateLoginProfile', Resource: 'arn:aws:iam::*:user/*' }), errors: [{ pointer: '/Statement/0/Action' }] },
    { name: 'sts:GetFederationToken on "*"', policy: st({ Action: ['sts:GetCallerIdentity', 'sts:GetFederationToken'], Resource: '*' }), errors: [{ pointer: '/Statement/0/Action/1' }] },
    { name: 'lightsail:GetInstanceAccessDetails on "*"', policy: st({ Action: 'lightsail:GetInstanceAccessDetails', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action' }] },
    { name: 'redshift:GetClusterCredentials through redshift:Get*', policy: st({ Action: 'redshift:Get*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'redshift:GetClusterCredentials' }] },
  ],
});
