import rule from '../../../src/lint/rules/duplicate-sid.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const s = (Sid: string) => ({ Sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

ruleTester(rule, {
  valid: [
    { name: 'distinct Sids', policy: { Version: '2012-10-17', Statement: [s('A'), s('B')] } },
    { name: 'Sids differing in case are distinct', policy: { Version: '2012-10-17', Statement: [s('Read'), s('read')] } },
    { name: 'empty Sids name nothing', policy: { Version: '2012-10-17', Statement: [s(''), s('')] } },
  ],
  invalid: [
    { name: '"In IAM, the Sid value must be unique within a JSON policy"', policy: { Version: '2012-10-17', Statement: [s('A'), s('B'), s('A'), s('A')] }, errors: [{ pointer: '/Statement/2/Sid', message: '/Statement/0/Sid' }, { pointer: '/Statement/3/Sid', message: '/Statement/0/Sid' }] },
    { name: 'in resource-based policies too (SQS and SNS require unique Sids)', type: 'resource', policy: { Version: '2012-10-17', Statement: [{ ...s('X'), Principal: '*' }, { ...s('X'), Principal: '*' }] }, errors: [{ pointer: '/Statement/1/Sid' }] },
  ],
});
