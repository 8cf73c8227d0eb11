import rule from '../../../src/lint/rules/condition-type-mismatch.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const cond = (condition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }],
});
const C = '/Statement/0/Condition';

ruleTester(rule, {
  valid: [
    {
      name: 'each family on a key of its type, with valid values',
      policy: cond({
        NumericLessThanEquals: { 's3:max-keys': '10' },
        DateGreaterThan: { 'aws:CurrentTime': ['2024-01-01', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.5+01:00'] },
        Bool: { 'aws:SecureTransport': 'false', 'aws:MultiFactorAuthPresent': true },
        IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64', '198.51.100.7'] },
        ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic' },
        Null: { 'aws:TokenIssueTime': 'true' },
      }),
    },
    {
      name: 'String operators work on ARN keys (AWS: a string operator may match where an ARN operator would not)',
      policy: cond({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*' }, StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/r' } }),
    },
    { name: 'dates may be epoch seconds; aws:EpochTime takes Numeric operators too', policy: cond({ DateLessThan: { 'aws:EpochTime': '1700000000' }, NumericLessThan: { 'aws:EpochTime': 1700000000 } }) },
    { name: 'ArrayOf keys take the operators of their element type', policy: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }) },
    { name: 'Arn operators accept String keys that hold ARNs', policy: cond({ ArnLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b/*' } }) },
    { name: 'values with policy variables are not judged', policy: cond({ StringEquals: { 'aws:SecureTransport': '${aws:x}' } }) },
    { name: 'unknown keys are unknown-condition-key\'s; only their values are judged', policy: cond({ StringEquals: { 'nosuch:key': 'x' } }) },
    { name: 'JSON numbers and booleans are their text', policy: cond({ NumericEquals: { 's3:max-keys': 10 }, Bool: { 'aws:SecureTransport': true } }) },
  ],
  invalid: [
    {
      name: 'NumericEquals on a String key can never compare',
      policy: cond({ NumericEquals: { 'aws:username': '1' } }),
      errors: [{ pointer: `${C}/NumericEquals/aws:username`, message: 'is a String key' }],
    },
    {
      name: 'Bool on an ARN key',
      policy: cond({ Bool: { 'aws:SourceArn': 'true' } }),
      errors: [{ pointer: `${C}/Bool/aws:SourceArn`, message: 'use an Arn operator' }],
    },
    {
      name: 'IpAddress on a Date key',
      policy: cond({ IpAddress: { 'aws:CurrentTime': '203.0.113.1' } }),
      errors: [{ pointer: `${C}/IpAddress/aws:CurrentTime`, message: 'is a Date key' }],
    },
    {
      name: 'a Numeric value must be a number',
      policy: cond({ NumericLessThan: { 's3:max-keys': 'abc' } }),
      errors: [{ pointer: `${C}/NumericLessThan/s3:max-keys`, message: 'not a number' }],
    },
    {
      name: 'a Date value is ISO 8601 or epoch seconds, without wildcards',
      policy: cond({ DateGreaterThan: { 'aws:CurrentTime': ['yesterday', '2024-13-01', '2024-*'] } }),
      errors: [
        { pointer: `${C}/DateGreaterThan/aws:CurrentTime/0`, message: 'not a date' },
        { pointer: `${C}/DateGreaterThan/aws:CurrentTime/1` },
        { pointer: `${C}/DateGreaterThan/aws:CurrentTime/2` },
      ],
    },
    {
      name: 'an IpAddress value is an address or CIDR range',
      policy: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.300/8', '10.0.0.0/33'] } }),
      errors: [{ pointer: `${C}/IpAddress/aws:SourceIp/0` }, { pointer: `${C}/IpAddress/aws:SourceIp/1` }],
    },
    {
      name: 'Bool and Null values are true or false',
      policy: cond({ Bool: { 'aws:SecureTransport': 'yes' }, Null: { 'aws:TokenIssueTime': 'maybe' } }),
      errors: [
        { pointer: `${C}/Bool/aws:SecureTransport`, message: 'not true or false' },
        { pointer: `${C}/Null/aws:TokenIssueTime` },
      ],
    },
    {
      name: 'an Arn operator value is an ARN',
      policy: cond({ ArnEquals: { 'aws:SourceArn': '123456789012' } }),
      errors: [{ pointer: `${C}/ArnEquals/aws:SourceArn`, message: 'not an ARN' }],
    },
    {
      name: 'a BinaryEquals value is base64',
      policy: cond({ BinaryEquals: { 'aws:SourceIdentity': 'not base64!' } }),
      errors: [{ pointer: `${C}/BinaryEquals/aws:SourceIdentity`, message: 'base64' }],
    },
    {
      name: 'a Bool key never holds anything but true or false, whatever the String operator',
      policy: cond({ StringEquals: { 'aws:ViaAWSService': 'amplify.amazonaws.com' } }),
      errors: [{ pointer: `${C}/StringEquals/aws:ViaAWSService`, message: 'Bool key' }],
    },
  ],
});
