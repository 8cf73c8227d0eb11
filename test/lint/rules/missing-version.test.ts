import rule from '../../../src/lint/rules/missing-version.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const statement = [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }];

ruleTester(rule, {
  valid: [
    { name: 'Version 2012-10-17', policy: { Version: '2012-10-17', Statement: statement } },
    { name: 'a bad Version is invalid-version\'s', policy: { Version: '2020-01-01', Statement: statement } },
    { name: '"version" in the wrong case is unknown-element\'s', policy: { version: '2012-10-17', Statement: statement } },
  ],
  invalid: [
    { name: 'no Version: IAM uses 2008-10-17, where policy variables are literal text', policy: { Statement: statement }, errors: [{ pointer: '', message: 'policy variables', severity: 'warning' }] },
    { name: 'in an SCP too', type: 'scp', policy: { Statement: statement }, errors: [{ pointer: '' }] },
  ],
});
