import rule from '../../../src/lint/rules/invalid-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const allow = (action: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

ruleTester(rule, {
  valid: [
    { name: 'service:action is the IAM action syntax', policy: allow(['s3:GetObject', 'ec2:Describe*', 'iam:?etRole']) },
    { name: 'the bare * stands for every action', policy: allow('*') },
    { name: 'prefix and name are case-insensitive in IAM', policy: allow('S3:getobject') },
    { name: 'an unknown service or action is well-formed; other rules judge it', policy: allow(['nosuch:Thing', 's3:Nope']) },
    {
      name: 'NotAction uses the same syntax',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] },
    },
  ],
  invalid: [
    {
      name: 'a missing colon is not service:action; the one real split is the fix',
      policy: allow(['s3GetObject']),
      errors: [{ pointer: '/Statement/0/Action/0', fix: 's3:GetObject', message: 'separated by ":"' }],
    },
    {
      name: 'an action has exactly one colon',
      policy: allow('s3:Get:Object'),
      errors: [{ pointer: '/Statement/0/Action', fix: 's3:GetObject', message: 'exactly one ":"' }],
    },
    {
      name: 'a doubled colon is repaired',
      policy: allow('s3::GetObject'),
      errors: [{ pointer: '/Statement/0/Action', fix: 's3:GetObject' }],
    },
    {
      name: 'actions contain no white space',
      policy: allow(['s3:Get Object', ' s3:PutObject']),
      errors: [
        { pointer: '/Statement/0/Action/0', fix: 's3:GetObject', message: 'white space' },
        { pointer: '/Statement/0/Action/1', fix: 's3:PutObject' },
      ],
    },
    {
      name: 'empty service or action parts are not actions (no fix when nothing real is meant)',
      policy: allow([':GetObject', 's3:', '']),
      errors: [
        { pointer: '/Statement/0/Action/0', message: 'service prefix before ":" is empty' },
        { pointer: '/Statement/0/Action/1', message: 'action name after ":" is empty' },
        { pointer: '/Statement/0/Action/2', message: 'empty' },
      ],
    },
    {
      name: 'characters IAM does not allow in a name',
      policy: allow('s3:Get.Object'),
      errors: [{ pointer: '/Statement/0/Action', message: 'only letters' }],
    },
    {
      name: 'NotAction entries are checked too',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iamGetRole'], Resource: '*' }] },
      errors: [{ pointer: '/Statement/0/NotAction/0', fix: 'iam:GetRole' }],
    },
  ],
});
