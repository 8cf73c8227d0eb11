import rule from '../../../src/lint/rules/redundant-statement.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const cond = { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } };

ruleTester(rule, {
  valid: [
    { name: 'different resources', policy: policy(allow('s3:GetObject', 'arn:aws:s3:::a/*'), allow('s3:GetObject', 'arn:aws:s3:::b/*')) },
    { name: 'different effects', policy: policy(allow('s3:*', '*'), { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }) },
    { name: 'the container has a condition the other lacks (the other grants more)', policy: policy(allow('s3:*', '*', { Condition: cond }), allow('s3:GetObject', '*')) },
    { name: 'different conditions are not compared (conservative)', policy: policy(allow('s3:*', '*', { Condition: cond }), allow('s3:GetObject', '*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) },
    { name: 'Action against NotAction is not compared', policy: policy(allow('*', '*'), { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) },
    { name: 'a statement with a misspelled element is not compared', policy: policy(allow('s3:*', '*'), { Effect: 'Allow', Action: 's3:GetObject', Resources: 'arn:aws:s3:::b/*' }) },
    { name: 'different principals in a bucket policy', type: 'resource', policy: policy(allow('s3:GetObject', '*', { Principal: { AWS: '111111111111' } }), allow('s3:GetObject', '*', { Principal: { AWS: '222222222222' } })) },
  ],
  invalid: [
    { name: 'actions and resources covered by another Allow', policy: policy(allow(['s3:Get*', 's3:List*'], 'arn:aws:s3:::b*'), allow('s3:GetObject', 'arn:aws:s3:::b/*')), errors: [{ pointer: '/Statement/1', message: '/Statement/0' }] },
    { name: 'the container has no condition', policy: policy(allow('s3:GetObject', '*', { Condition: cond }), allow('s3:*', '*')), errors: [{ pointer: '/Statement/0' }] },
    { name: 'identical conditions (keys in another order)', policy: policy(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1', 'aws:PrincipalAccount': '123456789012' } } }), allow('s3:PutObject', '*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012', 'aws:RequestedRegion': 'eu-west-1' } } })), errors: [{ pointer: '/Statement/1', message: 'same conditions' }] },
    { name: 'identical statements: the later one', policy: policy(allow('s3:GetObject', '*'), allow('s3:getobject', '*')), errors: [{ pointer: '/Statement/1' }] },
    { name: 'Deny statements too', policy: policy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }), errors: [{ pointer: '/Statement/1', message: 'denies' }] },
    { name: 'NotAction: excluding more is contained in excluding less', policy: policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }), errors: [{ pointer: '/Statement/1' }] },
    { name: 'the same principal in a bucket policy', type: 'resource', policy: policy(allow('s3:Get*', '*', { Principal: { AWS: '111111111111' } }), allow('s3:GetObject', '*', { Principal: { AWS: '111111111111' } })), errors: [{ pointer: '/Statement/1' }] },
  ],
});
