import rule from '../../../src/lint/rules/missing-effect.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'Allow and Deny statements', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] } },
    { name: '"effect" in the wrong case is unknown-element\'s', policy: { Version: '2012-10-17', Statement: [{ effect: 'Allow', Action: '*', Resource: '*' }] } },
    { name: 'a bad Effect value is invalid-effect\'s', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: '*', Resource: '*' }] } },
  ],
  invalid: [
    { name: '"The Effect element is required"', policy: { Version: '2012-10-17', Statement: [{ Action: '*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }] }, errors: [{ pointer: '/Statement/0' }] },
    { name: 'in every policy type (trust)', type: 'trust', policy: { Version: '2012-10-17', Statement: { Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } }, errors: [{ pointer: '/Statement' }] },
  ],
});
