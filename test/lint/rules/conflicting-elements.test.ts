import rule from '../../../src/lint/rules/conflicting-elements.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', ...s }] });

ruleTester(rule, {
  valid: [
    { name: 'Action with Resource', policy: p({ Action: '*', Resource: '*' }) },
    { name: 'NotAction with NotResource', policy: p({ NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b' }) },
    { name: 'Principal with NotAction in a bucket policy', type: 'resource', policy: p({ Principal: '*', NotAction: 's3:GetObject', Resource: '*' }) },
  ],
  invalid: [
    { name: 'Action and NotAction ("action_block" is one or the other)', policy: p({ Action: 's3:*', NotAction: 's3:Delete*', Resource: '*' }), errors: [{ pointer: '/Statement/0/NotAction' }] },
    { name: 'Resource and NotResource', policy: p({ Action: 's3:*', Resource: '*', NotResource: 'arn:aws:s3:::b' }), errors: [{ pointer: '/Statement/0/NotResource' }] },
    { name: 'Principal and NotPrincipal', type: 'resource', policy: p({ Principal: '*', NotPrincipal: { AWS: '123456789012' }, Action: '*', Resource: '*' }), errors: [{ pointer: '/Statement/0/NotPrincipal' }] },
    { name: 'all three at once', type: 'resource', policy: p({ Principal: '*', NotPrincipal: '*', Action: '*', NotAction: '*', Resource: '*', NotResource: '*' }), errors: [{ pointer: '/Statement/0/NotPrincipal' }, { pointer: '/Statement/0/NotAction' }, { pointer: '/Statement/0/NotResource' }] },
  ],
});
