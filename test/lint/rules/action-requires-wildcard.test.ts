import rule from '../../../src/lint/rules/action-requires-wildcard.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (action: unknown, resource: unknown, effect = 'Allow') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: effect, Action: action, Resource: resource }],
});

ruleTester(rule, {
  valid: [
    { name: 'actions without resource-level permissions on "*"', policy: st(['logs:DescribeLogGroups', 'kms:CreateKey'], '*') },
    { name: 'one "*" among the resources covers them', policy: st('logs:DescribeLogGroups', ['arn:aws:logs:*:*:log-group:/x', '*']) },
    { name: 'actions with resource types are unsupported-resource\'s', policy: st('logs:CreateLogGroup', 'arn:aws:logs:*:*:log-group:/x') },
    {
      name: 'a wildcard pattern with some scoped action is not reported',
      policy: st('logs:Describe*', 'arn:aws:logs:*:*:log-group:/x'),
    },
    {
      name: 'CloudWatch Logs checks DescribeLogGroups against log-group::log-stream:, which log-group:* matches',
      policy: st('logs:DescribeLogGroups', ['arn:aws:logs:*:*:log-group:*']),
    },
    { name: 'arn:aws:s3:::* is AWS\'s documented resource for s3:ListAllMyBuckets', policy: st('s3:ListAllMyBuckets', 'arn:aws:s3:::*') },
    { name: 'iam:ListRoles is checked against role/, which role/* matches', policy: st('iam:ListRoles', 'arn:aws:iam::*:role/*') },
    {
      name: 'a pattern whose names are all wildcards may match the service-wide resource: not judged',
      policy: st('kms:CreateKey', 'arn:aws:kms:*:*:key/*'),
    },
    {
      name: 'a resource of another service says nothing about what the action is checked against',
      policy: st('ssmmessages:OpenDataChannel', 'arn:aws:ssm:*:*:session/*'),
    },
    {
      name: 'services whose reference pages the catalogue merged are not judged',
      policy: st('kinesisanalytics:CreateApplication', 'arn:aws:kinesisanalytics:*:*:application/x'),
    },
    {
      name: 'NotResource statements are not judged',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:CreateKey', NotResource: 'arn:aws:kms:*:*:key/x' }] },
    },
  ],
  invalid: [
    {
      name: 'logs:DescribeLogGroups scoped to named log groups is never allowed (seed: dstack)',
      policy: st(['logs:FilterLogEvents', 'logs:DescribeLogGroups'], ['arn:aws:logs:*:*:log-group:/dstack/jobs/{bucket_name}*:*']),
      errors: [{ pointer: '/Statement/0/Action/1', message: 'move it to a statement with "Resource": "*"' }],
    },
    {
      name: 'ecs:DescribeTaskDefinition supports no resource-level permissions',
      policy: st('ecs:DescribeTaskDefinition', 'arn:aws:ecs:*:*:task-definition/app:*'),
      errors: [{ pointer: '/Statement/0/Action', message: 'ecs:DescribeTaskDefinition supports no resource-level permissions' }],
    },
    {
      name: 'kms:CreateKey on named key ARNs is never allowed',
      policy: st('kms:CreateKey', 'arn:aws:kms:*:*:key/1234abcd-*'),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'in a Deny statement the action is never denied',
      policy: st('kms:CreateKey', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'Deny'),
      errors: [{ pointer: '/Statement/0/Action', message: 'never denies it' }],
    },
    {
      name: 'a wildcard pattern is reported only when every action it matches lacks resource-level permissions',
      policy: st('logs:DescribeQuer*', 'arn:aws:logs:*:*:log-group:/app'),
      errors: [{ pointer: '/Statement/0/Action', message: 'none of the' }],
    },
  ],
});
