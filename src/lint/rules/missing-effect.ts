import { hasElementOrNearMiss } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A statement without `Effect`. "The Effect element is required" ("IAM JSON policy elements: Effect"); a
 * statement means nothing until it says Allow or Deny.
 */
export default {
  meta: {
    code: 'missing-effect',
    severity: 'error',
    summary: 'A statement has no Effect; IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (hasElementOrNearMiss(s, 'Effect')) continue;
      ctx.report({ pointer: s.pointer, message: 'the statement has no "Effect"; add "Effect": "Allow" or "Effect": "Deny"' });
    }
  },
} satisfies Rule;
