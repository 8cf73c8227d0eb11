import { describe, expect, it } from 'vitest';
import {
  compileArnFormat,
  fieldIntersectsFormat,
  parseArn,
  patternIntersectsFormat,
  variablesAsWildcards,
} from '../../src/engine/arn.js';

describe('ARN parsing', () => {
  it('splits the five fixed fields and keeps colons in the resource part', () => {
    expect(parseArn('arn:aws:logs:us-east-1:111122223333:log-group:/ecs/app:*')).toEqual({
      partition: 'aws',
      service: 'logs',
      region: 'us-east-1',
      account: '111122223333',
      resource: 'log-group:/ecs/app:*',
    });
  });
  it('rejects text that is not an ARN (s3://bucket)', () => {
    expect(parseArn('s3://bucket')).toBeUndefined();
    expect(parseArn('arn:aws:s3')).toBeUndefined();
  });
});

describe('ARN pattern against a resource type ARN format', () => {
  const role = compileArnFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}');
  const policy = compileArnFormat('arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}');
  const bucket = compileArnFormat('arn:${Partition}:s3:::${BucketName}');
  const object = compileArnFormat('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
  const logStream = compileArnFormat('arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}');

  it.each([
    ['a role ARN pattern is a role', 'arn:aws:iam::*:role/dstack_role_x*', role, true],
    ['a role ARN pattern is never a managed policy (iam:CreatePolicy on a role ARN)', 'arn:aws:iam::*:role/dstack_policy_x*', policy, false],
    ['`*` is every resource type', '*', policy, true],
    ['a bucket pattern is a bucket', 'arn:aws:s3:::my-bucket', bucket, true],
    ['a bucket without a key is not an object', 'arn:aws:s3:::my-bucket', object, false],
    ['an object pattern is an object', 'arn:aws:s3:::my-bucket/*', object, true],
    ['the account field holds no colon: a wildcard account cannot swallow the resource part', 'arn:aws:iam::*:role/x', policy, false],
    ['a trailing * on a log group reaches its log streams', 'arn:aws:logs:*:*:log-group:/ecs/*', logStream, true],
    ['a log group without wildcard is not a log stream', 'arn:aws:logs:*:*:log-group:/ecs/app', logStream, false],
    ['another service never matches', 'arn:aws:s3:::*', role, false],
    ['? stands for one character', 'arn:aws:iam::?:role/x', role, true],
  ])('%s', (_name, pattern, format, expected) => {
    expect(patternIntersectsFormat(variablesAsWildcards(pattern), format)).toBe(expected);
  });

  it('reads the literal resource prefix and which fields a format has', () => {
    expect(role.resourcePrefix).toBe('role/');
    expect(role.hasRegion).toBe(false);
    expect(role.hasAccount).toBe(true);
    expect(bucket.hasAccount).toBe(false);
    expect(logStream.regionIsVariable).toBe(true);
    expect(role.regionIsVariable).toBe(false);
    expect(compileArnFormat('arn:aws:s3:us-east-1::x').regionIsVariable).toBe(false);
  });

  it('builds the whole-text tokens of a format when a pattern is not a five-field ARN', () => {
    expect(patternIntersectsFormat('arn:aws:iam::*', role)).toBe(true);
    expect(patternIntersectsFormat('arn:aws:s3', role)).toBe(false);
    expect(patternIntersectsFormat('*role/x', role)).toBe(true);
  });

  // One field tested alone answers as the whole pattern with `*` in every other field.
  it.each([
    [4, 'role/dstack*', role, true],
    [4, 'policy/x', role, false],
    [4, '*', policy, true],
    [4, 'my-bucket', object, false],
    [4, 'my-bucket/*', object, true],
    [4, 'log-group:/ecs/*', logStream, true],
    [2, '', logStream, false],
    [2, 'us-east-1', logStream, true],
    [2, 'us-east-1', role, false],
    [2, '', role, true],
    [3, '123456789012', bucket, false],
    [3, '12345678901?', role, true],
  ] as const)('field %i "%s" alone', (index, field, format, expected) => {
    const fields = ['*', '*', '*', '*', '*'];
    fields[index] = field;
    expect(patternIntersectsFormat(`arn:${fields.join(':')}`, format)).toBe(expected);
    expect(fieldIntersectsFormat(field, index, format)).toBe(expected);
  });

  it('treats policy variables as wildcards', () => {
    expect(variablesAsWildcards('arn:aws:iam::*:user/${aws:username}')).toBe('arn:aws:iam::*:user/*');
  });
});
