import rule from '../../../src/lint/rules/invalid-effect.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Effect: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect, Action: 's3:GetObject', Resource: '*' }] });

ruleTester(rule, {
  valid: [
    { name: 'Allow', policy: p('Allow') },
    { name: 'Deny', policy: p('Deny') },
    { name: 'RCPFullAWSAccess, the one RCP that may Allow ("RCP syntax")', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } },
    { name: 'an RCP that denies', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
    { name: 'a missing Effect is missing-effect\'s', policy: { Version: '2012-10-17', Statement: [{ Action: '*', Resource: '*' }] } },
  ],
  invalid: [
    { name: '"The Effect value is case sensitive": allow → Allow', policy: p('allow'), errors: [{ pointer: '/Statement/0/Effect', fix: 'Allow' }] },
    { name: 'DENY → Deny', policy: p('DENY'), errors: [{ pointer: '/Statement/0/Effect', fix: 'Deny' }] },
    { name: 'a value that is neither', policy: p('Permit'), errors: [{ pointer: '/Statement/0/Effect', message: '"Permit"' }] },
    { name: 'not a string', policy: p(true), errors: [{ pointer: '/Statement/0/Effect', message: 'the string' }] },
    { name: 'a list', policy: p(['Allow']), errors: [{ pointer: '/Statement/0/Effect' }] },
    { name: '"The effect of Allow is only supported for the RCPFullAWSAccess policy"', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] }, errors: [{ pointer: '/Statement/0/Effect', message: 'RCPs only deny' }] },
  ],
});
