import rule from '../../../src/lint/rules/missing-resource.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', ...s }] });

ruleTester(rule, {
  valid: [
    { name: 'Resource', policy: p({ Resource: '*' }) },
    { name: 'NotResource', policy: p({ NotResource: 'arn:aws:s3:::secret/*' }) },
    { name: 'a role trust policy names no resource', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    { name: 'resource-based policies of some services name none (ECR repository policies)', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'ecr:BatchGetImage' }] } },
    { name: 'SCP syntax does not state that Resource is required', type: 'scp', policy: p({}) },
    { name: '"resource" in the wrong case is unknown-element\'s', policy: p({ resource: '*' }) },
  ],
  invalid: [
    { name: 'identity: "Statements must include either a Resource or a NotResource element"', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'permissions boundary', type: 'boundary', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'session policy', type: 'session', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'RCP ("RCP syntax": Resource or NotResource)', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*' }] }, errors: [{ pointer: '/Statement/0' }] },
  ],
});
