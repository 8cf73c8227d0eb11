import rule from '../../../src/lint/rules/invalid-sid.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Sid: unknown) => ({ Version: '2012-10-17', Statement: [{ Sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
const bucket = (Sid: unknown) => ({ Version: '2012-10-17', Statement: [{ Sid, Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });

ruleTester(rule, {
  valid: [
    { name: '"The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"', policy: p('ReadObjects2') },
    { name: 'an empty Sid (the IAM console writes "Sid": "" in trust policies)', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Sid: '', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    { name: 'resource-based policies follow their service (S3 accepts spaces and punctuation)', type: 'resource', policy: bucket('Allow public read-only access') },
  ],
  invalid: [
    { name: 'spaces and punctuation in an identity policy; the fix joins the words', policy: p('read objects-v2'), errors: [{ pointer: '/Statement/0/Sid', fix: 'readObjectsV2' }] },
    { name: 'underscore in a permissions boundary', type: 'boundary', policy: p('Read_Only'), errors: [{ pointer: '/Statement/0/Sid', fix: 'ReadOnly' }] },
    { name: 'non-ASCII letters in a trust policy', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Zugriffsüberprüfung', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, errors: [{ pointer: '/Statement/0/Sid' }] },
    { name: 'a Sid that is not a string, in any policy type', type: 'resource', policy: bucket({ name: 'x' }), errors: [{ pointer: '/Statement/0/Sid', message: 'string' }] },
  ],
});
