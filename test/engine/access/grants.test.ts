/** accessOf: the allowed set as grants, denies subtracted where exact and kept as exceptions otherwise. */
import { describe, expect, it } from 'vitest';
import { accessOf } from '../../../src/engine/access/index.js';

const pol = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('accessOf', () => {
  it('lists one grant per catalogue action and resource glob, with the conditions', () => {
    const cond = { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } };
    const grants = accessOf(pol({ Effect: 'Allow', Action: ['sqs:SendMessage', 'SQS:receivemessage'], Resource: ['arn:aws:sqs:*:1:a', 'arn:aws:sqs:*:1:b'], Condition: cond }));
    expect(grants.map((g) => `${g.action} ${g.resource}`)).toEqual([
      'sqs:ReceiveMessage arn:aws:sqs:*:1:a',
      'sqs:ReceiveMessage arn:aws:sqs:*:1:b',
      'sqs:SendMessage arn:aws:sqs:*:1:a',
      'sqs:SendMessage arn:aws:sqs:*:1:b',
    ]);
    expect(grants[0]!.conditions).toEqual({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } });
  });

  it('subtracts an unconditional deny that contains the grant', () => {
    const grants = accessOf(pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/tmp/*' }, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }));
    expect(grants).toEqual([]);
  });

  it('an unconditional NotResource deny leaves exactly its globs inside the grant', () => {
    const grants = accessOf(pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', NotResource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*'] }));
    expect(grants.map((g) => g.resource).sort()).toEqual(['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*']);
    expect(grants.every((g) => g.except === undefined)).toBe(true);
  });

  it('keeps a conditional or partial deny as an explicit exception', () => {
    const grants = accessOf(
      pol(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/secret/*' },
        { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]!.except?.map((e) => e.resource).sort()).toEqual(['*', 'arn:aws:s3:::b/secret/*']);
  });

  it('NotAction grants every catalogue action but the listed ones; NotResource excluding everything grants nothing', () => {
    const grants = accessOf(pol({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    expect(grants.some((g) => g.action.startsWith('iam:'))).toBe(false);
    expect(grants.some((g) => g.action === 's3:GetObject')).toBe(true);
    expect(accessOf(pol({ Effect: 'Allow', Action: 's3:*', NotResource: '*' }))).toEqual([]);
  });
});
