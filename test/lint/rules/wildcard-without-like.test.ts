import rule from '../../../src/lint/rules/wildcard-without-like.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const cond = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: condition }],
});
const C = '/Statement/0/Condition';

ruleTester(rule, {
  valid: [
    { name: 'Like operators take wildcards', policy: cond({ StringLike: { 's3:prefix': 'home/*' }, StringNotLike: { 's3:prefix': 'tmp/?' } }) },
    { name: 'Arn operators take wildcards', policy: cond({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:*:t' } }) },
    { name: 'exact values without wildcards', policy: cond({ StringEquals: { 's3:prefix': 'home/' } }) },
    { name: '${*} and ${?} are policy variables for a literal * and ?', policy: cond({ StringEquals: { 's3:prefix': 'a${*}b${?}' } }) },
    { name: 'other policy variables are not wildcards', policy: cond({ StringEquals: { 's3:prefix': 'home/${aws:username}/' } }) },
  ],
  invalid: [
    {
      name: 'StringEquals compares exactly: a * is a literal star',
      policy: cond({ StringEquals: { 's3:prefix': ['home/', 'home/*'] } }),
      errors: [{ pointer: `${C}/StringEquals/s3:prefix/1`, message: 'use StringLike' }],
    },
    {
      name: 'the Like form keeps the negation, IfExists and set qualifier',
      policy: cond({ 'ForAnyValue:StringNotEqualsIfExists': { 'aws:TagKeys': 'team-?' } }),
      errors: [{ pointer: `${C}/ForAnyValue:StringNotEqualsIfExists/aws:TagKeys`, message: 'ForAnyValue:StringNotLikeIfExists' }],
    },
    {
      name: 'IgnoreCase operators compare exactly too; the Like operator is case-sensitive',
      policy: cond({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'dev*' } }),
      errors: [{ pointer: `${C}/StringEqualsIgnoreCase/aws:PrincipalTag~1team`, message: 'no case-insensitive Like' }],
    },
  ],
});
