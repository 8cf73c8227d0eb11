import rule from '../../../src/lint/rules/empty-object.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'no empty objects', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] } },
    { name: 'an empty policy is missing-statement\'s', policy: {} },
  ],
  invalid: [
    { name: 'an empty Condition and an empty operator block', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: {} }, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: {} } }] }, errors: [{ pointer: '/Statement/0/Condition' }, { pointer: '/Statement/1/Condition/StringEquals' }] },
    { name: 'an empty statement and an empty Principal', type: 'resource', policy: { Version: '2012-10-17', Statement: [{}, { Effect: 'Allow', Principal: {}, Action: 's3:GetObject', Resource: '*' }] }, errors: [{ pointer: '/Statement/0' }, { pointer: '/Statement/1/Principal', severity: 'suggestion' }] },
  ],
});
