import rule from '../../../src/lint/rules/missing-principal.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...s }] });

ruleTester(rule, {
  valid: [
    { name: 'a bucket policy with Principal', type: 'resource', policy: p({ Principal: { AWS: '123456789012' } }) },
    { name: 'a bucket policy with NotPrincipal', type: 'resource', policy: p({ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' } }) },
    { name: 'identity-based policies name no principal', type: 'identity', policy: p({}) },
    { name: 'SCPs name no principal', type: 'scp', policy: p({}) },
    { name: '"principal" in the wrong case is unknown-element\'s', type: 'resource', policy: p({ principal: '*' }) },
  ],
  invalid: [
    { name: '"You must use the Principal element in resource-based policies"', type: 'resource', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'a role trust policy', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }, errors: [{ pointer: '/Statement/0', message: 'assume the role' }] },
    { name: 'an RCP ("RCP syntax": Principal "*")', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }, errors: [{ pointer: '/Statement/0', message: '"Principal": "*"' }] },
  ],
});
