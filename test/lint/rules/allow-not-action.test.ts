import rule from '../../../src/lint/rules/allow-not-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });

ruleTester(rule, {
  valid: [
    { name: 'Allow with Action', policy: st({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
    { name: 'Deny with NotAction (the usual guard rail)', policy: st({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'Allow with NotAction of one action',
      policy: st({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }),
      errors: [{ pointer: '/Statement/0/NotAction', message: 'every action except "iam:*"' }],
    },
    {
      name: 'Allow with NotAction list (PowerUserAccess shape), also in a trust policy',
      type: 'resource',
      policy: st({ Effect: 'Allow', Principal: { AWS: '123456789012' }, NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
      errors: [{ pointer: '/Statement/0/NotAction', message: 'except these 2' }],
    },
  ],
});
