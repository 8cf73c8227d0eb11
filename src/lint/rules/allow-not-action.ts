import { isAllow } from '../../policy/model.js';
import type { Rule } from '../rule.js';

/**
 * `Allow` with `NotAction`: the statement allows every action of every service except the listed ones,
 * including actions AWS adds later. AWS's guidance ("NotAction with Allow") is to use it with care, because it
 * grants far more than it reads as granting. `Deny` with `NotAction` is the common, safe use and is not reported.
 */
export default {
  meta: {
    code: 'allow-not-action',
    severity: 'security',
    summary: 'An Allow statement uses NotAction: it allows every action except the listed ones, including future ones.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!isAllow(s) || !s.notAction) continue;
      const n = s.notAction.items.length;
      ctx.report({
        pointer: s.notAction.pointer,
        message: `Allow with NotAction allows every action except ${n === 1 ? `"${s.notAction.items[0]!.value}"` : `these ${n}`}, across all services and including actions added later; list the actions to allow in Action instead`,
      });
    }
  },
} satisfies Rule;
