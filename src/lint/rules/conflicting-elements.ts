import type { Statement } from '../../policy/model.js';
import type { Rule, RuleContext } from '../rule.js';

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
      // The model has an element exactly when the statement has its key (build.ts sets it for any value): no scan
      // of the keys, and nothing to do for the usual statement.
      if (s.action && s.notAction) report(ctx, s, 0);
      if (s.resource && s.notResource) report(ctx, s, 1);
      if (s.principal && s.notPrincipal) report(ctx, s, 2);
    }
  },
} satisfies Rule;

function report(ctx: RuleContext, s: Statement, pair: 0 | 1 | 2): void {
  const [pos, neg, what] = PAIRS[pair];
  ctx.report({
    pointer: `${s.pointer}/${neg}`,
    message: `a statement has "${pos}" or "${neg}", not both; split it into two statements or fold the ${what} exclusions into "${pos}"`,
  });
}
