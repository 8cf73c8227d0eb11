import rule from '../../../src/lint/rules/unknown-service.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const allow = (action: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

ruleTester(rule, {
  valid: [
    { name: 'real service prefixes', policy: allow(['s3:GetObject', 'ecs:*', 'execute-api:Invoke']) },
    { name: 'service prefixes are case-insensitive in IAM', policy: allow('EC2:DescribeInstances') },
    { name: 'a wildcard service part is judged by no-matching-action', policy: allow('s4*:Get*') },
    { name: 'an unknown action of a real service is unknown-action', policy: allow('s3:Gett') },
    { name: 'bad syntax is invalid-action', policy: allow('s3GetObject') },
  ],
  invalid: [
    {
      name: 'a typo in the prefix gets the one close service as its fix',
      policy: allow(['s3:GetObject', 'ecss:DescribeClusters']),
      errors: [{ pointer: '/Statement/0/Action/1', fix: 'ecs:DescribeClusters', message: '"ecss"' }],
    },
    {
      name: 'the fix keeps a wildcard name when the corrected pattern matches actions',
      policy: allow('lgos:Describe*'),
      errors: [{ pointer: '/Statement/0/Action', fix: 'logs:Describe*' }],
    },
    {
      name: 'no fix when the corrected entry would name no action',
      policy: allow('ecss:NoSuchThing'),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'a prefix that is nothing like a service has no suggestion',
      policy: allow('nosuchservicezzz:Get'),
      errors: [{ pointer: '/Statement/0/Action', message: 'no AWS service has the prefix "nosuchservicezzz"' }],
    },
    {
      name: 'NotAction entries are checked too',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iamm:*'], Resource: '*' }] },
      errors: [{ pointer: '/Statement/0/NotAction/0', fix: 'iam:*' }],
    },
  ],
});
