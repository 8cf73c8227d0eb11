import rule from '../../../src/lint/rules/element-not-allowed.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', ...s }] });
const trust = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', ...s }] });

ruleTester(rule, {
  valid: [
    { name: 'an identity policy without principals', type: 'identity', policy: p({}) },
    { name: 'a bucket policy may use Principal and NotPrincipal ("supported in resource-based policies for some services")', type: 'resource', policy: p({ NotPrincipal: { AWS: '123456789012' } }) },
    { name: 'a trust policy names its principal and no resource', type: 'trust', policy: trust({}) },
    { name: 'SCP syntax: NotAction, NotResource and Condition are supported', type: 'scp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] } },
    { name: 'RCP syntax: Principal "*", Action, NotResource and Condition are supported', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', NotResource: 'arn:aws:s3:::b', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
    { name: 'a key named "constructor" is not an element (and unknown-element\'s)', type: 'scp', policy: p({ constructor: 1 }) },
  ],
  invalid: [
    { name: 'Principal in an identity policy ("Has prohibited field Principal")', type: 'identity', policy: p({ Principal: '*' }), errors: [{ pointer: '/Statement/0/Principal' }] },
    { name: 'Principal and NotPrincipal in a permissions boundary', type: 'boundary', policy: p({ Principal: '*', NotPrincipal: '*' }), errors: [{ pointer: '/Statement/0/Principal' }, { pointer: '/Statement/0/NotPrincipal' }] },
    { name: 'Principal in a session policy', type: 'session', policy: p({ Principal: '*' }), errors: [{ pointer: '/Statement/0/Principal' }] },
    { name: 'NotPrincipal: "You cannot use the NotPrincipal element in ... an IAM role trust policy"', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }] }, errors: [{ pointer: '/Statement/0/NotPrincipal' }] },
    { name: 'Resource in a trust policy ("Has prohibited field Resource")', type: 'trust', policy: trust({ Resource: '*' }), errors: [{ pointer: '/Statement/0/Resource' }] },
    { name: 'SCP syntax lists no Principal or NotPrincipal', type: 'scp', policy: p({ Principal: '*', NotPrincipal: { AWS: '123456789012' } }), errors: [{ pointer: '/Statement/0/Principal' }, { pointer: '/Statement/0/NotPrincipal' }] },
    { name: 'RCP syntax: NotPrincipal and NotAction are not supported', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, NotAction: 's3:GetObject', Resource: '*' }] }, errors: [{ pointer: '/Statement/0/NotPrincipal' }, { pointer: '/Statement/0/NotAction' }] },
  ],
});
