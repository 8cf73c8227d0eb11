import { hasElementOrNearMiss } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A statement with neither `Action` nor `NotAction`. "Each statement must include either an Action or NotAction
 * element" ("IAM JSON policy elements: Action"), in every policy type, SCPs and RCPs included.
 */
export default {
  meta: {
    code: 'missing-action',
    severity: 'error',
    summary: 'A statement has neither Action nor NotAction; IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (hasElementOrNearMiss(s, 'Action') || hasElementOrNearMiss(s, 'NotAction')) continue;
      const alt = ctx.policyType === 'rcp' ? '"Action"' : '"Action" (or "NotAction")';
      ctx.report({ pointer: s.pointer, message: `the statement names no actions; add ${alt}` });
    }
  },
} satisfies Rule;
