import rule from '../../../src/lint/rules/resource-exposure.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

ruleTester(rule, {
  valid: [
    { name: 'PutBucketPolicy on a named bucket', policy: st({ Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::my-bucket' }) },
    { name: 'PutKeyPolicy on one key', policy: st({ Action: 'kms:PutKeyPolicy', Resource: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) },
    { name: 'a bucket-name prefix is scoped', policy: st({ Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::app-*' }) },
    { name: 'read-only permissions-management is not exposure', policy: st({ Action: ['kms:GetKeyPolicy', 's3:GetBucketPolicy'], Resource: '*' }) },
    {
      name: 'in a resource policy "*" is the resource the policy is attached to',
      type: 'resource',
      policy: st({ Principal: { AWS: 'arn:aws:iam::123456789012:role/admin' }, Action: 'kms:PutKeyPolicy', Resource: '*' }),
    },
    {
      name: 'a condition on the resource account scopes it',
      policy: st({ Action: 'sqs:SetQueueAttributes', Resource: '*', Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } } }),
    },
    { name: 'Deny statements are not grants', policy: st({ Effect: 'Deny', Action: 's3:PutBucketPolicy', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'kms:PutKeyPolicy on key/* (all-wildcard key ARN is unscoped; seed: Terraform ECS module)',
      policy: st({ Action: ['kms:DescribeKey', 'kms:PutKeyPolicy'], Resource: 'arn:aws:kms:*:*:key/*' }),
      errors: [{ pointer: '/Statement/0/Action/1', message: 'kms:PutKeyPolicy is allowed on "arn:aws:kms:*:*:key/*"' }],
    },
    {
      name: 's3:PutBucket* on "*" names the exposure actions it covers',
      policy: st({ Action: 's3:PutBucket*', Resource: '*' }),
      errors: [{ pointer: '/Statement/0/Action', message: 's3:PutBucketAcl, s3:PutBucketPolicy, s3:PutBucketPublicAccessBlock' }],
    },
    {
      name: 'secretsmanager:PutResourcePolicy on secret:*',
      policy: st({ Action: 'secretsmanager:PutResourcePolicy', Resource: 'arn:aws:secretsmanager:*:*:secret:*' }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'one finding per item: lambda:AddPermission and iam:UpdateAssumeRolePolicy',
      policy: st({ Action: ['lambda:AddPermission', 'iam:UpdateAssumeRolePolicy'], Resource: '*' }),
      errors: [{ pointer: '/Statement/0/Action/0' }, { pointer: '/Statement/0/Action/1' }],
    },
    {
      name: 'NotResource is unscoped',
      policy: st({ Action: 'sns:SetTopicAttributes', NotResource: 'arn:aws:sns:*:*:internal' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'on NotResource' }],
    },
    {
      name: 'a negated resource-account condition does not scope it',
      policy: st({ Action: 'ecr:SetRepositoryPolicy', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceAccount': '123456789012' } } }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
  ],
});
