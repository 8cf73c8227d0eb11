import { describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/invalid-arn.js';
import { lintLoaded } from '../../../src/lint/lint.js';
import { policyFromNode } from '../../../src/policy/loaded.js';
import { fromValue, type JsonNode } from '../../../src/policy/tree.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const on = (resource: unknown, action: unknown = 's3:GetObject') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});

ruleTester(rule, {
  valid: [
    { name: '"*" is every resource', policy: on('*') },
    { name: 'S3 bucket and object ARNs have no region and no account', policy: on(['arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::*']) },
    { name: 'S3 access points have both; multi-Region access points only an account', policy: on(['arn:aws:s3:us-east-1:123456789012:accesspoint/ap', 'arn:aws:s3::123456789012:accesspoint/mrap.mrap']) },
    { name: 'AWS managed policies live in the account "aws"', policy: on('arn:aws:iam::aws:policy/AdministratorAccess', 'iam:GetPolicy') },
    { name: 'role session ARNs use the sts service part', policy: on('arn:aws:sts::123456789012:assumed-role/r/s', 'sts:TagSession') },
    { name: 'sts:AssumeRole acts on arn:…:iam::…:role/… (the ARN service is not always the IAM prefix)', policy: on('arn:aws:iam::123456789012:role/deploy', 'sts:AssumeRole') },
    { name: 'wildcards may stand in any field', policy: on(['arn:*:logs:*:*:log-group:/x:*', 'arn:aws*:s3:::b', 'arn:aws:*', 'arn:aws:ec2:*:*:instance/*']) },
    { name: 'policy variables count as wildcards', policy: on(['arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}', 'arn:${aws:partition}:s3:::b']) },
    { name: 'AWS-owned resources have no account even where the format shows one (public SSM documents)', policy: on('arn:aws:ssm:*::document/AWS-RunShellScript', 'ssm:SendCommand') },
    { name: 'EC2 images have a region but no account', policy: on('arn:aws:ec2:us-east-1::image/ami-12345678', 'ec2:RunInstances') },
    { name: 'other partitions', policy: on(['arn:aws-cn:s3:::b', 'arn:aws-us-gov:iam::123456789012:role/r']) },
    { name: 'placeholders are placeholder-in-policy\'s finding', policy: on(['arn:aws:logs:REGION:ACCOUNT_ID:log-group:x', 'arn:aws:iam::<ACCOUNT_ID>:role/x']) },
    { name: 'a value starting with a wildcard may cover the arn: prefix', policy: on('*/*') },
    {
      name: 'NotResource values are ARNs too',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' }] },
    },
  ],
  invalid: [
    {
      name: 'an S3 URI is not an ARN; its ARN is certain',
      policy: on(['s3://bucket', 's3://bucket/key/*']),
      errors: [
        { pointer: '/Statement/0/Resource/0', fix: 'arn:aws:s3:::bucket', message: 'S3 URI' },
        { pointer: '/Statement/0/Resource/1', fix: 'arn:aws:s3:::bucket/key/*' },
      ],
    },
    {
      name: 'the values of a misspelled Resource element are judged too (unknown-element reports the key)',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resources: ['s3://{bucket_name}', 's3://{bucket_name}*'] }] },
      errors: [
        { pointer: '/Statement/0/Resources/0', fix: 'arn:aws:s3:::{bucket_name}' },
        { pointer: '/Statement/0/Resources/1', fix: 'arn:aws:s3:::{bucket_name}*' },
      ],
    },
    {
      name: 'a resource is "*" or an ARN',
      policy: on(['my-bucket', '']),
      errors: [
        { pointer: '/Statement/0/Resource/0', message: 'not an ARN' },
        { pointer: '/Statement/0/Resource/1', message: 'empty' },
      ],
    },
    {
      name: 'the ARN prefix is lower-case "arn:" and cannot be left out',
      policy: on(['ARN:aws:s3:::b', 'aws:s3:::b']),
      errors: [
        { pointer: '/Statement/0/Resource/0', fix: 'arn:aws:s3:::b' },
        { pointer: '/Statement/0/Resource/1', fix: 'arn:aws:s3:::b', message: 'lacks the "arn:" prefix' },
      ],
    },
    {
      name: 'an ARN has six colon-separated fields (Missing ARN field)',
      policy: on(['arn:aws:s3', 'arn:aws:s3:::']),
      errors: [
        { pointer: '/Statement/0/Resource/0', message: 'too few fields' },
        { pointer: '/Statement/0/Resource/1', message: 'empty resource part' },
      ],
    },
    {
      name: 'partitions are lower-case and known (Invalid partition)',
      policy: on(['arn:AWS:s3:::b', 'arn:awz:s3:::b', 'arn:foo*:s3:::b', 'arn::s3:::b']),
      errors: [
        { pointer: '/Statement/0/Resource/0', fix: 'arn:aws:s3:::b' },
        { pointer: '/Statement/0/Resource/1', message: '"awz" is not an AWS partition' },
        { pointer: '/Statement/0/Resource/2', message: 'matches no AWS partition' },
        { pointer: '/Statement/0/Resource/3', message: 'empty partition' },
      ],
    },
    {
      name: 'the service part is lower-case (Invalid ARN service case)',
      policy: on('arn:aws:S3:::b'),
      errors: [{ pointer: '/Statement/0/Resource', fix: 'arn:aws:s3:::b', message: 'lower-case' }],
    },
    {
      name: 'S3 bucket ARNs take no region and no account (ARN Region/account not allowed)',
      policy: on(['arn:aws:s3:us-east-1::b', 'arn:aws:s3::123456789012:b/*']),
      errors: [
        { pointer: '/Statement/0/Resource/0', fix: 'arn:aws:s3:::b', message: 'have no region' },
        { pointer: '/Statement/0/Resource/1', fix: 'arn:aws:s3:::b/*', message: 'have no account' },
      ],
    },
    {
      name: 'IAM is global: its ARNs take no region',
      policy: on('arn:aws:iam:us-east-1:123456789012:role/x', 'iam:GetRole'),
      errors: [{ pointer: '/Statement/0/Resource', fix: 'arn:aws:iam::123456789012:role/x', message: 'no region' }],
    },
    {
      name: 'CloudWatch Logs ARNs need a region (Missing ARN Region)',
      policy: on('arn:aws:logs::123456789012:log-group:x', 'logs:PutLogEvents'),
      errors: [{ pointer: '/Statement/0/Resource', message: 'have a region' }],
    },
    {
      name: 'an account written in digits is the 12-digit id (Invalid ARN account)',
      policy: on(['arn:aws:iam::12345:role/x', 'arn:aws:iam::1234-5678-9012:role/x'], 'iam:GetRole'),
      errors: [
        { pointer: '/Statement/0/Resource/0', message: 'not a 12-digit' },
        { pointer: '/Statement/0/Resource/1', fix: 'arn:aws:iam::123456789012:role/x' },
      ],
    },
    {
      name: 'regions are lower-case region codes',
      policy: on(['arn:aws:logs:US-EAST-1:123456789012:log-group:x', 'arn:aws:logs:useast1:123456789012:log-group:x'], 'logs:PutLogEvents'),
      errors: [
        { pointer: '/Statement/0/Resource/0', fix: 'arn:aws:logs:us-east-1:123456789012:log-group:x' },
        { pointer: '/Statement/0/Resource/1', message: 'not an AWS region' },
      ],
    },
  ],
});

/** A policy whose marked string values came from unresolvable template references. */
function withUnresolved(value: unknown, unresolved: string[]) {
  const root = fromValue(value);
  const mark = (n: JsonNode): void => {
    if (n.kind === 'string' && unresolved.includes(n.value)) n.unresolved = true;
    else if (n.kind === 'object') n.props.forEach((p) => mark(p.value));
    else if (n.kind === 'array') n.items.forEach(mark);
  };
  mark(root);
  return policyFromNode(root, 'template.yaml', () => undefined, { type: 'identity' });
}

describe('rule invalid-arn on unresolved template values', () => {
  it('does not judge the parts an unresolved reference covers (!Sub "${Bucket.Arn}/*" became "*/*")', () => {
    const p = withUnresolved(on(['*/*', 'arn:aws:s3:::*', 'arn:aws:logs:*:*:log-group:*', '*:role/x']), ['*/*', 'arn:aws:s3:::*', '*:role/x']);
    expect(lintLoaded(p, { rules: [rule] }).findings).toEqual([]);
  });
  it('still judges the literal parts of an unresolved value', () => {
    const p = withUnresolved(on(['arn:aws:iam:us-east-1:*:role/*']), ['arn:aws:iam:us-east-1:*:role/*']);
    expect(lintLoaded(p, { rules: [rule] }).findings.map((f) => f.pointer)).toEqual(['/Statement/0/Resource/0']);
  });
});
