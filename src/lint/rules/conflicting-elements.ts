import type { Rule } from '../rule.js';

/**
 * `Action` with `NotAction`, `Resource` with `NotResource`, or `Principal` with `NotPrincipal` in one statement.
 * Each pair is "one or the other" in the policy grammar ("IAM JSON policy grammar": `action_block`,
 * `resource_block`, `principal_block`), so IAM rejects the statement. Reported at the `Not…` element.
 */
const PAIRS = [
  ['Action', 'NotAction', 'action'],
  ['Resource', 'NotResource', 'resource'],
  ['Principal', 'NotPrincipal', 'principal'],
] as const;

export default {
  meta: {
    code: 'conflicting-elements',
    severity: 'error',
    summary: 'A statement has both Action and NotAction, Resource and NotResource, or Principal and NotPrincipal.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      for (const [pos, neg, what] of PAIRS) {
        const a = s.node.props.some((p) => p.key === pos);
        const b = s.node.props.some((p) => p.key === neg);
        if (!a || !b) continue;
        ctx.report({
          pointer: `${s.pointer}/${neg}`,
          message: `a statement has "${pos}" or "${neg}", not both; split it into two statements or fold the ${what} exclusions into "${pos}"`,
        });
      }
    }
  },
} satisfies Rule;
