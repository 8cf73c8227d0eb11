import type { Str } from '../../policy/model.js';
import type { Rule } from '../rule.js';

/**
 * The same `Sid` on two statements. "In IAM, the Sid value must be unique within a JSON policy" ("IAM JSON
 * policy elements: Sid"), and SQS and SNS require unique statement ids too. Empty Sids name nothing and are not
 * compared. Every repeat is reported, pointing at the first.
 */
export default {
  meta: {
    code: 'duplicate-sid',
    severity: 'error',
    summary: 'Two statements share a Sid; Sids are unique within a policy.',
  },
  check(ctx) {
    const first = new Map<string, Str>();
    for (const s of ctx.document.statements) {
      const sid = s.sid;
      if (!sid || sid.unresolved || sid.value === '' || sid.node.kind !== 'string') continue;
      const earlier = first.get(sid.value);
      if (!earlier) {
        first.set(sid.value, sid);
        continue;
      }
      ctx.report({ pointer: sid.pointer, message: `Sid "${sid.value}" is already used at ${earlier.pointer}; Sids are unique within a policy` });
    }
  },
} satisfies Rule;
