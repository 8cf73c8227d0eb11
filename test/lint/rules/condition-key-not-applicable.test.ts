import rule from '../../../src/lint/rules/condition-key-not-applicable.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (action: unknown, condition: unknown, effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: action, Resource: '*', Condition: condition }],
});
const C = '/Statement/0/Condition';

ruleTester(rule, {
  valid: [
    { name: 'a service key the action supports', policy: st('ec2:RunInstances', { StringLike: { 'ec2:InstanceType': 't3.*' } }) },
    { name: 'one supporting action is enough', policy: st(['s3:GetObject', 'ec2:RunInstances'], { StringEquals: { 'ec2:InstanceType': 't3.micro' } }) },
    { name: 'global keys apply to every action', policy: st('s3:GetObject', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, Bool: { 'aws:SecureTransport': 'true' } }) },
    { name: 'aws:ResourceTag applies through the resource types the action acts on', policy: st('ec2:StartInstances', { StringEquals: { 'aws:ResourceTag/team': 'a' } }) },
    { name: '…IfExists holds when the key is absent', policy: st('s3:GetObject', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }) },
    { name: 'negated operators hold when the key is absent', policy: st('s3:GetObject', { StringNotEquals: { 'ec2:InstanceType': 't3.micro' } }) },
    { name: 'ForAllValues holds when the key is absent', policy: st('kms:DescribeKey', { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } }) },
    { name: 'Null tests presence itself', policy: st('s3:GetObject', { Null: { 'ec2:InstanceType': 'true' } }) },
    {
      name: 'NotAction statements are skipped',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringEquals: { 'ec2:InstanceType': 'x' } } }] },
    },
    { name: 'identity-provider keys are not per-action keys', policy: st('sts:AssumeRoleWithWebIdentity', { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }) },
    { name: 'keys the reference lists for no action of their service are not judged', policy: st('iottwinmaker:GetEntity', { 'ForAnyValue:StringEquals': { 'iottwinmaker:linkedServices': 'IOTSITEWISE' } }) },
  ],
  invalid: [
    {
      name: 'a key of another service never reaches the action (Allow never grants)',
      policy: st('s3:GetObject', { StringEquals: { 'ec2:InstanceType': 't3.micro' } }),
      errors: [{ pointer: `${C}/StringEquals/ec2:InstanceType`, message: 'never grants' }],
    },
    {
      name: 'in a Deny statement the deny never applies',
      policy: st(['s3:GetObject', 's3:PutObject'], { StringLike: { 'ec2:InstanceType': 't3.*' } }, 'Deny'),
      errors: [{ pointer: `${C}/StringLike/ec2:InstanceType`, message: 'the deny never applies' }],
    },
    {
      name: 'aws:TagKeys is only in requests that carry tags (ForAnyValue is false when it is absent)',
      policy: st('kms:DescribeKey', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }),
      errors: [{ pointer: `${C}/ForAnyValue:StringEquals/aws:TagKeys` }],
    },
    {
      name: 'a service key of the same service that the action does not take',
      policy: st('s3:GetObject', { StringEquals: { 's3:prefix': 'home/' } }),
      errors: [{ pointer: `${C}/StringEquals/s3:prefix` }],
    },
  ],
});
