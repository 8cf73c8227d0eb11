import rule from '../../../src/lint/rules/trust-any-principal.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const trust = (statement: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }],
});
const bucket = (statement: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...statement }],
});

ruleTester(rule, {
  valid: [
    { name: 'a named account', type: 'trust', policy: trust({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } }) },
    { name: 'a service principal', type: 'trust', policy: trust({ Principal: { Service: 'ecs-tasks.amazonaws.com' } }) },
    {
      name: '"*" restricted to the organization (aws:PrincipalOrgID)',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }),
    },
    {
      name: '"*" with sts:ExternalId',
      type: 'trust',
      policy: trust({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'sts:ExternalId': 'x-123' } } }),
    },
    {
      name: '"*" restricted to a VPC endpoint',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
    },
    {
      name: '"*" restricted to a network range',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
    },
    { name: 'Deny to "*" is a guard rail', type: 'resource', policy: bucket({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
    { name: 'identity policies are not judged', type: 'identity', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
  ],
  invalid: [
    { name: 'Principal "*" in a trust policy', type: 'trust', policy: trust({ Principal: '*' }), errors: [{ pointer: '/Statement/0/Principal', message: 'assume this role' }] },
    { name: '{"AWS": "*"} on a bucket', type: 'resource', policy: bucket({ Principal: { AWS: ['123456789012', '*'] } }), errors: [{ pointer: '/Statement/0/Principal/AWS/1', message: 'use this resource' }] },
    {
      name: 'aws:SecureTransport restricts how, not who',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      errors: [{ pointer: '/Statement/0/Principal' }],
    },
    {
      name: 'StringNotEquals on aws:PrincipalAccount still admits every other account',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalAccount': '123456789012' } } }),
      errors: [{ pointer: '/Statement/0/Principal' }],
    },
    {
      name: 'a wildcard value of aws:PrincipalOrgID restricts nothing',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }),
      errors: [{ pointer: '/Statement/0/Principal' }],
    },
    {
      name: 'aws:SourceIp 0.0.0.0/0 admits every address',
      type: 'resource',
      policy: bucket({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '0.0.0.0/0'] } } }),
      errors: [{ pointer: '/Statement/0/Principal' }],
    },
    {
      name: 'Allow with NotPrincipal admits everyone but the listed',
      type: 'resource',
      policy: bucket({ NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }),
      errors: [{ pointer: '/Statement/0/NotPrincipal', message: 'NotPrincipal' }],
    },
  ],
});
