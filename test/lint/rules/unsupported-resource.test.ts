import rule from '../../../src/lint/rules/unsupported-resource.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (action: unknown, resource: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }],
});

ruleTester(rule, {
  valid: [
    { name: 'an action on a resource type it acts on', policy: st('iam:CreatePolicy', 'arn:aws:iam::123456789012:policy/deploy-*') },
    { name: '"Resource": "*" applies to every action', policy: st(['iam:CreatePolicy', 's3:GetObject'], '*') },
    {
      name: 'one resource that fits is enough for the entry to apply',
      policy: st('iam:GetRole', ['arn:aws:s3:::b', 'arn:aws:iam::123456789012:role/x']),
    },
    { name: 'a wildcard pattern applies when some action it matches fits', policy: st('iam:*', 'arn:aws:iam::*:role/x') },
    {
      name: 'sts:AssumeRole acts on iam role ARNs: the ARN service of a type is in its format, not the IAM prefix',
      policy: st('sts:AssumeRole', 'arn:aws:iam::123456789012:role/deploy'),
    },
    {
      name: 'a log-group ARN written with its :* suffix names the group (and its streams)',
      policy: st(['logs:CreateLogGroup', 'logs:PutLogEvents'], 'arn:aws:logs:*:*:log-group:/app/*:*'),
    },
    {
      name: "a wildcard that ends an ARN segment may cross colons (IAM User Guide, Resource element)",
      policy: st('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:sqlworkbench!*'),
    },
    {
      name: 'AWS-owned resources have no account (public SSM documents)',
      policy: st('ssm:SendCommand', 'arn:aws:ssm:*::document/AWS-RunShellScript'),
    },
    {
      name: 'resource-type tokens are compared without case (the reference writes vpcConnection)',
      policy: st('quicksight:DescribeVPCConnection', 'arn:aws:quicksight:*:*:vpcconnection/*'),
    },
    {
      name: 'a service whose reference pages the catalogue merged is judged against all of its types',
      policy: st('elasticloadbalancing:AddTags', 'arn:aws:elasticloadbalancing:*:*:targetgroup/*/*'),
    },
    {
      name: 'a resource that is no known type may be newer than the catalogue: not judged',
      policy: st('iam:GetRole', 'arn:aws:iam::123456789012:brand-new-type/x'),
    },
    {
      name: 'a newer type another service owns in the ARN namespace the action uses may be the action\'s: not judged',
      policy: st('sagemaker-mlflow:CreateExperiment', 'arn:aws:sagemaker:*:*:mlflow-app/*'),
    },
    {
      name: 'actions without resource types are action-requires-wildcard\'s',
      policy: st('logs:DescribeLogGroups', 'arn:aws:logs:*:*:log-group:/app/*'),
    },
    {
      name: 'NotResource statements are not judged',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:CreatePolicy', NotResource: 'arn:aws:iam::*:role/x' }] },
    },
    { name: 'policy variables count as wildcards', policy: st('iam:GetUser', 'arn:aws:iam::*:user/${aws:username}') },
    { name: 'statements with only malformed resources are invalid-arn\'s', policy: st('s3:GetObject', 's3://bucket/*') },
  ],
  invalid: [
    {
      name: 'iam:CreatePolicy acts on policy ARNs, not role ARNs (seed: dstack)',
      policy: st(['iam:CreatePolicy'], 'arn:aws:iam::*:role/dstack_policy_{bucket_name}*'),
      errors: [{ pointer: '/Statement/0/Action/0', message: 'iam:CreatePolicy acts on policy' }],
    },
    {
      name: 'instance-profile actions act on instance profiles, not roles',
      policy: st(['iam:GetInstanceProfile', 'iam:CreateInstanceProfile', 'iam:GetRole'], 'arn:aws:iam::*:role/app*'),
      errors: [
        { pointer: '/Statement/0/Action/0', message: 'instance-profile' },
        { pointer: '/Statement/0/Action/1', message: 'instance-profile' },
      ],
    },
    {
      name: 'a wildcard pattern is reported when no action it matches can apply',
      policy: st('iam:*InstanceProfile', 'arn:aws:iam::*:role/app'),
      errors: [{ pointer: '/Statement/0/Action', message: 'none of the' }],
    },
    {
      name: 'Deny statements are judged too: the deny never applies',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket' }] },
      errors: [{ pointer: '/Statement/0/Action', message: 'object' }],
    },
  ],
});
