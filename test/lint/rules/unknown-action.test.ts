import rule from '../../../src/lint/rules/unknown-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const allow = (action: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*', ...extra }],
});

ruleTester(rule, {
  valid: [
    { name: 'a real action', policy: allow('s3:GetObject') },
    { name: 'action names are case-insensitive in IAM', policy: allow('S3:getobject') },
    { name: 'wildcards are judged by no-matching-action, not here', policy: allow('s3:Gett*') },
    { name: 'an unknown service is unknown-service, not here', policy: allow('nosuchsvc:Get') },
    { name: 'bad syntax is invalid-action, not here', policy: allow('s3GetObject') },
  ],
  invalid: [
    {
      name: 'a typo gets the one close action as its fix',
      policy: allow(['s3:GetObject', 'ecs:DescribeClsuters']),
      errors: [{ pointer: '/Statement/0/Action/1', fix: 'ecs:DescribeClusters' }],
    },
    {
      name: 'a name missing a word is matched by words; two equally close names give no automatic fix',
      policy: allow('ec2:CancelSpotRequests'),
      errors: [{ pointer: '/Statement/0/Action', message: 'ec2:CancelSpotInstanceRequests' }],
    },
    {
      name: 'NotAction entries are checked too',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:GetRoles'], Resource: '*' }] },
      errors: [{ pointer: '/Statement/0/NotAction/0', fix: 'iam:GetRole' }],
    },
  ],
});
