import rule from '../../../src/lint/rules/passrole-wildcard-resource.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

ruleTester(rule, {
  valid: [
    { name: 'PassRole on named roles', policy: st({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app-task' }) },
    { name: 'PassRole on a role path prefix is scoped', policy: st({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/service/app-*' }) },
    {
      name: 'an unscoped bucket ARN beside a named role leaves PassRole scoped',
      policy: st({ Action: ['s3:ListBucket', 'iam:PassRole'], Resource: ['arn:aws:s3:::*', 'arn:aws:iam::123456789012:role/app'] }),
    },
    { name: 'Deny of PassRole on "*" is not a grant', policy: st({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'iam:Get* on "*" does not match PassRole', policy: st({ Action: 'iam:Get*', Resource: '*' }) },
    { name: 'NotAction that excludes iam:* leaves PassRole out', policy: st({ NotAction: 'iam:*', Resource: '*' }) },
    {
      name: 'a condition on the role tags limits the roles',
      policy: st({ Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:ResourceTag/team': 'app' } } }),
    },
    { name: 'resource policies are not judged', type: 'resource', policy: st({ Principal: { AWS: '123456789012' }, Action: 'iam:PassRole', Resource: '*' }) },
  ],
  invalid: [
    { name: 'iam:PassRole on "*"', policy: st({ Action: 'iam:PassRole', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'iam:PassRole is allowed on "*"' }] },
    {
      name: 'through iam:* on role/* (every role is unscoped)',
      policy: st({ Action: ['s3:GetObject', 'iam:*'], Resource: 'arn:aws:iam::*:role/*' }),
      errors: [{ pointer: '/Statement/0/Action/1', message: 'through "iam:*"' }],
    },
    { name: 'through iam:Pass* (action names are case-insensitive)', policy: st({ Action: 'IAM:pass*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action' }] },
    { name: 'through "*"', policy: st({ Action: '*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action' }] },
    {
      name: 'with NotResource',
      policy: st({ Action: 'iam:PassRole', NotResource: 'arn:aws:iam::*:role/admin' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'with NotResource' }],
    },
    { name: 'through a NotAction that leaves it in', policy: st({ NotAction: 's3:*', Resource: '*' }), errors: [{ pointer: '/Statement/0/NotAction' }] },
    {
      name: 'iam:PassedToService narrows services, not roles: still reported',
      policy: st({ Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
  ],
});
