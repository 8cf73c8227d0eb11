import rule from '../../../src/lint/rules/missing-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*', ...s }] });

ruleTester(rule, {
  valid: [
    { name: 'Action', policy: p({ Action: 's3:GetObject' }) },
    { name: 'NotAction', policy: p({ NotAction: 'iam:*' }) },
    { name: '"Actions" is unknown-element\'s (with the fix), not reported twice', policy: p({ Actions: 's3:GetObject' }) },
  ],
  invalid: [
    { name: '"Each statement must include either an Action or NotAction element" (identity)', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'SCPs too ("SCP syntax": each statement must have Action or NotAction)', type: 'scp', policy: p({}), errors: [{ pointer: '/Statement/0' }] },
    { name: 'RCPs too, where only Action is supported', type: 'rcp', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Resource: '*' }] }, errors: [{ pointer: '/Statement/0', message: 'add "Action"' }] },
  ],
});
