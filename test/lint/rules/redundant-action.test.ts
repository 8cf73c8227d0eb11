import rule from '../../../src/lint/rules/redundant-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Action: unknown, key = 'Action') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [key]: Action, Resource: '*' }] });

ruleTester(rule, {
  valid: [
    { name: 'distinct actions', policy: p(['s3:GetObject', 's3:PutObject']) },
    { name: 'overlapping but not contained wildcards (s3:Get* and s3:*Object)', policy: p(['s3:Get*', 's3:*Object']) },
    { name: 'the same action in two statements is not this rule\'s', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' }, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
  ],
  invalid: [
    { name: 'listed twice', policy: p(['s3:GetObject', 's3:PutObject', 's3:GetObject']), errors: [{ pointer: '/Statement/0/Action/2', message: 'repeats' }] },
    { name: 'action names are case-insensitive: s3:getobject repeats s3:GetObject', policy: p(['s3:GetObject', 's3:getobject']), errors: [{ pointer: '/Statement/0/Action/1' }] },
    { name: 'covered by a wildcard of the same list, in either order', policy: p(['s3:GetObject', 's3:Get*', 's3:getbucketpolicy']), errors: [{ pointer: '/Statement/0/Action/0', message: '"s3:Get*"' }, { pointer: '/Statement/0/Action/2', message: '"s3:Get*"' }] },
    { name: 'everything is covered by "*"', policy: p(['*', 'iam:PassRole', 'ec2:Describe*']), errors: [{ pointer: '/Statement/0/Action/1' }, { pointer: '/Statement/0/Action/2' }] },
    { name: 'two spellings of one pattern: only the later one', policy: p(['s3:Get*', 's3:Get**']), errors: [{ pointer: '/Statement/0/Action/1' }] },
    { name: 'in NotAction too', policy: p(['iam:*', 'iam:CreateUser'], 'NotAction'), errors: [{ pointer: '/Statement/0/NotAction/1' }] },
    { name: 'a ? wildcard covers one character', policy: p(['ec2:Describe?pcs', 'ec2:DescribeVpcs']), errors: [{ pointer: '/Statement/0/Action/1' }] },
  ],
});
