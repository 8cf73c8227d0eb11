import type { Rule } from '../rule.js';

/**
 * A `*` or `?` in a value of `StringEquals`, `StringNotEquals` or their IgnoreCase, `IfExists` and set forms:
 * these operators compare exactly, so the wildcard is a literal character and the value almost certainly meant a
 * pattern (Access Analyzer: "Wildcard without like operator"). `Arn…` operators accept wildcards and are not
 * judged; nor are `${*}` and `${?}`, the policy variables that stand for a literal `*` and `?`.
 *
 * The finding points at the value and carries no fix: the fix belongs to the operator (the message names the
 * `…Like` operator to use), and changing it changes how every value under it is compared.
 */
export default {
  meta: {
    code: 'wildcard-without-like',
    severity: 'warning',
    summary: 'A wildcard in a value of an exact-match String operator is a literal character; use the Like operator.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      // Most statements have no condition: skipped without a fresh empty list each.
      if (!s.condition) continue;
      for (const clause of s.condition.clauses) {
        const op = clause.op;
        if (!op || op.base.family !== 'String') continue;
        if (op.base.comparison !== 'equals' && op.base.comparison !== 'equalsIgnoreCase') continue;
        for (const v of clause.values.items) {
          if (v.unresolved) continue;
          // `${*}`, `${?}` and other policy variables are not wildcards (most values hold no `*` or `?` at all,
          // so that test comes first).
          if (!/[*?]/.test(v.value)) continue;
          const literal = v.value.replace(/\$\{[^}]*\}/g, '');
          if (!/[*?]/.test(literal)) continue;
          // The suggestion's text only for a finding (most clauses have none).
          const like = `${op.set ? `${op.set}:` : ''}${op.base.negated ? 'StringNotLike' : 'StringLike'}${op.ifExists ? 'IfExists' : ''}`;
          const caseNote = op.base.comparison === 'equalsIgnoreCase' ? ' (which is case-sensitive: there is no case-insensitive Like)' : '';
          ctx.report({
            pointer: v.pointer,
            message: `${clause.operator} compares exactly, so "${v.value}" matches only that literal text; for a pattern use ${like}${caseNote}`,
          });
        }
      }
    }
  },
} satisfies Rule;
