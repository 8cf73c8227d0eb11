import rule from '../../../src/lint/rules/policy-too-large.js';
import { ruleTester } from '../../helpers/rule-tester.js';

/** A policy of exactly `size` characters without white space (the text is indented; indentation is not counted). */
function sized(size: number, extra: Record<string, unknown> = {}): unknown {
  const make = (n: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...extra, Action: 's3:GetObject', Resource: `arn:aws:s3:::${'a'.repeat(n)}` }] });
  const base = JSON.stringify(make(0)).length;
  return make(size - base);
}
const trustExtra = { Principal: { Service: 'ec2.amazonaws.com' } };

ruleTester(rule, {
  valid: [
    { name: 'a managed policy of exactly 6,144 characters', policy: sized(6144) },
    { name: 'white space does not count: 6,000 characters indented', policy: sized(6000) },
    { name: 'an inline role policy of 10,240', type: 'identity', inline: 'role', policy: sized(10240) },
    { name: 'an inline group policy of 5,120', type: 'identity', inline: 'group', policy: sized(5120) },
    { name: 'resource-based policies have per-service quotas and are not judged', type: 'resource', policy: sized(30000, { Principal: '*' }) },
  ],
  invalid: [
    { name: 'a managed policy over 6,144 (the default for identity policies)', policy: sized(6145), errors: [{ pointer: '', message: '6,145 characters' }] },
    { name: '--inline role: over 10,240', inline: 'role', policy: sized(10241), errors: [{ pointer: '', message: '10,240' }] },
    { name: '--inline user: over 2,048', inline: 'user', policy: sized(2049), errors: [{ pointer: '', message: '2,048' }] },
    { name: '--inline group: over 5,120', inline: 'group', policy: sized(5121), errors: [{ pointer: '', message: '5,120' }] },
    { name: 'a role trust policy over 2,048', type: 'trust', policy: sized(2049, trustExtra), errors: [{ pointer: '', message: 'trust policy' }] },
    { name: 'a session policy over 2,048', type: 'session', policy: sized(2049), errors: [{ pointer: '', message: 'session policy' }] },
    { name: 'a permissions boundary over 6,144 (it is a managed policy)', type: 'boundary', policy: sized(6145), errors: [{ pointer: '' }] },
    { name: 'an SCP over 5,120 ("Quotas for AWS Organizations")', type: 'scp', policy: sized(5121), errors: [{ pointer: '', message: 'minified' }] },
    { name: 'an RCP over 5,120', type: 'rcp', policy: sized(5121, { Principal: '*' }), errors: [{ pointer: '' }] },
  ],
});
