import rule from '../../../src/lint/rules/allow-not-resource.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });

ruleTester(rule, {
  valid: [
    { name: 'Allow with Resource', policy: st({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) },
    { name: 'Deny with NotResource (deny everything but)', policy: st({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' }) },
  ],
  invalid: [
    {
      name: 'Allow with NotResource',
      policy: st({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }),
      errors: [{ pointer: '/Statement/0/NotResource', message: 'every resource except the listed ones' }],
    },
  ],
});
