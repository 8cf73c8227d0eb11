import { getProperty } from '../../policy/tree.js';
import { IAM_POLICY_TYPES } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A `Sid` IAM rejects. In policies IAM stores (identity-based, permissions boundaries, session and role trust
 * policies) "the Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"
 * ("IAM JSON policy elements: Sid"); resource-based policies follow their service's rules (S3 and SQS accept
 * spaces and punctuation), so only the type of the value is judged there. An empty Sid is accepted (the IAM
 * console writes `"Sid": ""` in trust policies).
 */
export default {
  meta: {
    code: 'invalid-sid',
    severity: 'error',
    summary: 'A Sid holds characters IAM rejects (only A-Z, a-z and 0-9 in IAM policies), or is not a string.',
  },
  check(ctx) {
    const alnumOnly = IAM_POLICY_TYPES.includes(ctx.policyType);
    for (const s of ctx.document.statements) {
      const prop = getProperty(s.node, 'Sid');
      if (!prop) continue;
      const pointer = `${s.pointer}/Sid`;
      if (prop.value.kind !== 'string') {
        ctx.report({ pointer, message: 'Sid is a string' });
        continue;
      }
      if (!alnumOnly || s.sid?.unresolved) continue;
      const sid = prop.value.value;
      if (/^[A-Za-z0-9]*$/.test(sid)) continue;
      const fix = sid.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
      ctx.report({
        pointer,
        message: `Sid "${sid}" holds characters IAM rejects: only ASCII letters and digits (A-Z, a-z, 0-9)`,
        ...(fix !== '' && /^[A-Za-z0-9]+$/.test(fix) ? { fix } : {}),
      });
    }
  },
} satisfies Rule;
