import rule from '../../../src/lint/rules/empty-array.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'no empty lists', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] } },
    { name: 'an empty Statement is missing-statement\'s', policy: { Version: '2012-10-17', Statement: [] } },
  ],
  invalid: [
    { name: 'an empty Resource and an empty condition value', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: [], Condition: { StringEquals: { 'aws:SourceVpc': [] } } }] }, errors: [{ pointer: '/Statement/0/Resource' }, { pointer: '/Statement/0/Condition/StringEquals/aws:SourceVpc' }] },
    { name: 'an empty principal list', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [] }, Action: 's3:GetObject', Resource: '*' }] }, errors: [{ pointer: '/Statement/0/Principal/AWS', severity: 'suggestion' }] },
  ],
});
