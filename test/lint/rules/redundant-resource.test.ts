import rule from '../../../src/lint/rules/redundant-resource.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Resource: unknown, key = 'Resource') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', [key]: Resource }] });

ruleTester(rule, {
  valid: [
    { name: 'a bucket and its objects are different resources', policy: p(['arn:aws:s3:::b', 'arn:aws:s3:::b/*']) },
    { name: 'resource ARNs are case-sensitive', policy: p(['arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/*']) },
    { name: 'a policy variable is not a wildcard: only exact repeats are compared', policy: p(['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:username}/x']) },
  ],
  invalid: [
    { name: 'listed twice', policy: p(['arn:aws:s3:::b/*', 'arn:aws:s3:::b/*']), errors: [{ pointer: '/Statement/0/Resource/1', message: 'repeats' }] },
    { name: 'a prefix covered by a wildcard', policy: p(['arn:aws:s3:::b/logs/*', 'arn:aws:s3:::b/*']), errors: [{ pointer: '/Statement/0/Resource/0', message: '"arn:aws:s3:::b/*"' }] },
    { name: 'anything next to "*"', policy: p(['*', 'arn:aws:s3:::b/*']), errors: [{ pointer: '/Statement/0/Resource/1' }] },
    { name: 'region and account wildcards', policy: p(['arn:aws:sqs:*:*:queue-*', 'arn:aws:sqs:us-east-1:123456789012:queue-a']), errors: [{ pointer: '/Statement/0/Resource/1' }] },
    { name: 'in NotResource too', policy: p(['arn:aws:s3:::b/*', 'arn:aws:s3:::b/x'], 'NotResource'), errors: [{ pointer: '/Statement/0/NotResource/1' }] },
    { name: 'an exact repeat with a policy variable', policy: p(['arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}']), errors: [{ pointer: '/Statement/0/Resource/1' }] },
  ],
});
