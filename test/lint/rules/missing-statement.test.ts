import rule from '../../../src/lint/rules/missing-statement.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'a list of statements', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    { name: 'a single statement object', policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } } },
    { name: '"statement" in the wrong case is unknown-element\'s (with the fix), not reported twice', policy: { Version: '2012-10-17', statement: [] } },
  ],
  invalid: [
    { name: 'no Statement element ("Statement" is required in every policy)', policy: { Version: '2012-10-17' }, errors: [{ pointer: '' }] },
    { name: 'an empty Statement list', policy: { Version: '2012-10-17', Statement: [] }, errors: [{ pointer: '/Statement', message: 'empty' }] },
    { name: 'a Statement that is a string', policy: { Version: '2012-10-17', Statement: 'Allow all' }, errors: [{ pointer: '/Statement' }] },
    { name: 'list items that are not statement objects', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, 'x', [1]] }, errors: [{ pointer: '/Statement/1' }, { pointer: '/Statement/2' }] },
    { name: 'a policy that is not a JSON object', policy: '[1, 2]', errors: [{ pointer: '' }] },
  ],
});
