import rule from '../../../src/lint/rules/invalid-condition-operator.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const cond = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
});

ruleTester(rule, {
  valid: [
    {
      name: 'documented operators, with IfExists and set qualifiers',
      policy: cond({
        StringEquals: { 'aws:PrincipalTag/team': 'a' },
        StringNotLikeIfExists: { 's3:prefix': 'x*' },
        'ForAnyValue:StringLike': { 'aws:TagKeys': 'a*' },
        'ForAllValues:ArnEqualsIfExists': { 'aws:SourceArn': 'arn:aws:sns:*:*:t' },
        NumericLessThanEquals: { 's3:max-keys': '10' },
        DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' },
        Bool: { 'aws:SecureTransport': 'true' },
        BinaryEquals: { 'a:b': 'QmluYXJ5' },
        NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Null: { 'aws:TokenIssueTime': 'true' },
      }),
    },
    {
      name: 'Null with a set qualifier is accepted by IAM (Access Analyzer only suggests against it)',
      policy: cond({ 'ForAnyValue:Null': { 'aws:TagKeys': 'false' } }),
    },
  ],
  invalid: [
    {
      name: 'operator names are case-sensitive: IAM rejects "stringEquals" (Invalid Condition type)',
      policy: cond({ stringEquals: { 'aws:username': 'a' } }),
      errors: [{ pointer: '/Statement/0/Condition/stringEquals', fix: 'StringEquals' }],
    },
    {
      name: 'a misspelt operator gets the one close operator as its fix',
      policy: cond({ StringEqual: { 'aws:username': 'a' }, 'ForAnyValues:StringLike': { 'aws:TagKeys': 'a*' } }),
      errors: [
        { pointer: '/Statement/0/Condition/StringEqual', fix: 'StringEquals' },
        { pointer: '/Statement/0/Condition/ForAnyValues:StringLike', fix: 'ForAnyValue:StringLike' },
      ],
    },
    {
      name: 'IfExists cannot be added to Null',
      policy: cond({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }),
      errors: [{ pointer: '/Statement/0/Condition/NullIfExists', fix: 'Null', message: 'cannot take IfExists' }],
    },
    {
      name: 'an unknown operator far from any real one has no fix',
      policy: cond({ Foo: { 'aws:username': 'a' } }),
      errors: [{ pointer: '/Statement/0/Condition/Foo', message: 'is not a condition operator' }],
    },
    {
      name: 'an unknown operator is reported even with no keys under it',
      policy: cond({ StringEqualz: {} }),
      errors: [{ pointer: '/Statement/0/Condition/StringEqualz', fix: 'StringEquals' }],
    },
  ],
});
