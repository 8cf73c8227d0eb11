import rule from '../../../src/lint/rules/unknown-element.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const stmt = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra }],
});

ruleTester(rule, {
  valid: [
    { name: 'every element IAM knows, at the top and in a statement', policy: { Version: '2012-10-17', Id: 'p1', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] } },
    { name: 'principal kinds AWS, Service, Federated, CanonicalUser', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*', Service: 'ec2.amazonaws.com', Federated: 'accounts.google.com', CanonicalUser: 'x' }, Action: 's3:GetObject', Resource: '*' }] } },
    { name: 'NotAction / NotResource / NotPrincipal are known elements', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' }, NotAction: 's3:GetObject', NotResource: '*' }] } },
    { name: 'condition operators and keys are other rules\' business', policy: stmt({ Condition: { StringEqualz: { 'aws:Foo': 'x' } } }) },
  ],
  invalid: [
    { name: 'element names are case-sensitive: "Resources" and "action" carry the intended key as the fix', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', action: 's3:GetObject', Resources: '*' }] }, errors: [{ pointer: '/Statement/0/action', fix: 'Action' }, { pointer: '/Statement/0/Resources', fix: 'Resource' }] },
    { name: 'top-level keys: "statement" and "version"', policy: { version: '2012-10-17', statement: [] }, errors: [{ pointer: '/version', fix: 'Version' }, { pointer: '/statement', fix: 'Statement' }] },
    { name: 'a principal kind in the wrong case or plural ("Aws", "Services")', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Aws: '123456789012', Services: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, errors: [{ pointer: '/Statement/0/Principal/Aws', fix: 'AWS' }, { pointer: '/Statement/0/Principal/Services', fix: 'Service' }] },
    { name: 'an unknown key without a near miss has no fix', policy: stmt({ Description: 'reads objects' }), errors: [{ pointer: '/Statement/0/Description', message: 'not a statement element' }] },
    { name: 'a policy element inside a statement is misplaced', policy: stmt({ Version: '2012-10-17' }), errors: [{ pointer: '/Statement/0/Version', message: 'top level' }] },
    { name: 'a key with "/" is escaped in the pointer', policy: stmt({ 'a/b': 1 }), errors: [{ pointer: '/Statement/0/a~1b' }] },
    { name: 'a statement written as a single object', policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Principals: '*' } }, errors: [{ pointer: '/Statement/Principals', fix: 'Principal' }] },
  ],
});
