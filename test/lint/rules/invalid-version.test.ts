import rule from '../../../src/lint/rules/invalid-version.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Version: unknown) => ({ Version, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

ruleTester(rule, {
  valid: [
    { name: '2012-10-17, the current language', policy: p('2012-10-17') },
    { name: '2008-10-17, the legacy language, in an identity policy', policy: p('2008-10-17') },
    { name: '2008-10-17 in a bucket policy', type: 'resource', policy: { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
    { name: 'no Version is missing-version\'s', policy: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
  ],
  invalid: [
    { name: 'a date that is not a language version', policy: p('2024-01-15'), errors: [{ pointer: '/Version', fix: '2012-10-17' }] },
    { name: 'a near miss', policy: p('2012-10-17 '), errors: [{ pointer: '/Version', fix: '2012-10-17' }] },
    { name: 'not a string', policy: p(2012), errors: [{ pointer: '/Version', message: 'not a string' }] },
    { name: '"Every SCP must include a Version element with the value 2012-10-17"', type: 'scp', policy: p('2008-10-17'), errors: [{ pointer: '/Version', message: 'SCP' }] },
    { name: 'RCPs likewise ("RCP syntax")', type: 'rcp', policy: { Version: '2008-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }, errors: [{ pointer: '/Version' }] },
  ],
});
