import rule from '../../../src/lint/rules/full-admin.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

ruleTester(rule, {
  valid: [
    { name: 'a service wildcard is not every action', policy: st({ Action: 's3:*', Resource: '*' }) },
    { name: '"*" on named resources', policy: st({ Action: '*', Resource: 'arn:aws:s3:::b/*' }) },
    { name: 'Deny of "*" on "*"', policy: st({ Effect: 'Deny', Action: '*', Resource: '*' }) },
    {
      name: 'a condition on the requested region narrows it',
      policy: st({ Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    },
    { name: 'a boundary of "*" on "*" grants nothing by itself', type: 'boundary', policy: st({ Action: '*', Resource: '*' }) },
  ],
  invalid: [
    { name: 'AdministratorAccess', policy: st({ Action: '*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'full administrator access' }] },
    { name: '"*:*" among other actions', policy: st({ Action: ['s3:GetObject', '*:*'], Resource: ['*'] }), errors: [{ pointer: '/Statement/0/Action/1' }] },
    {
      name: 'MFA-only conditions leave it administrator access',
      policy: st({ Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'a negated condition does not narrow it',
      policy: st({ Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
  ],
});
