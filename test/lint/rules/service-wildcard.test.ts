import rule from '../../../src/lint/rules/service-wildcard.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Action: unknown, Effect = 'Allow') => ({ Version: '2012-10-17', Statement: [{ Effect, Action, Resource: '*' }] });

ruleTester(rule, {
  valid: [
    { name: 'named actions and partial wildcards', policy: p(['s3:GetObject', 's3:Get*', 'ec2:Describe*']) },
    { name: 'the bare "*" is full access, another rule\'s finding', policy: p('*') },
    { name: 'a Deny of s3:* restricts', policy: p('s3:*', 'Deny') },
    { name: 'a service pattern with a wildcard (s3*:*) is not one service', policy: p('s3*:*') },
    { name: 'an SCP Allow only sets a ceiling', type: 'scp', policy: p('s3:*') },
    { name: 'a permissions boundary only sets a ceiling', type: 'boundary', policy: p('s3:*') },
  ],
  invalid: [
    { name: 's3:* in an Allow', policy: p(['s3:*', 'sqs:SendMessage']), errors: [{ pointer: '/Statement/0/Action/0', severity: 'warning' }] },
    { name: 'service prefixes are case-insensitive (IAM:*)', policy: p('IAM:*'), errors: [{ pointer: '/Statement/0/Action', message: 'every iam action' }] },
    { name: 'in a bucket policy', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, errors: [{ pointer: '/Statement/0/Action' }] },
  ],
});
