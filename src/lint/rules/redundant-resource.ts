import type { StrList } from '../../policy/model.js';
import { redundantItems } from '../redundant-items.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * A resource listed twice in one `Resource`/`NotResource`, or covered by a wildcard of the same list
 * (`arn:aws:s3:::bucket/logs/*` next to `arn:aws:s3:::bucket/*`, anything next to `*`). Resource ARNs are
 * compared case-sensitively; values with policy variables (unknown until request time) only for exact repeats.
 */
export default {
  meta: {
    code: 'redundant-resource',
    severity: 'suggestion',
    summary: 'A resource is listed twice, or another pattern of the same statement already covers it.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (s.resource) report(ctx, s.resource);
      if (s.notResource) report(ctx, s.notResource);
    }
  },
} satisfies Rule;

function report(ctx: RuleContext, list: StrList): void {
  for (const r of redundantItems(list, false, false)) {
    ctx.report({
      pointer: r.item.pointer,
      message: r.repeat
        ? `"${r.item.value}" repeats ${r.by.pointer}`
        : `"${r.item.value}" is already covered by "${r.by.value}" (${r.by.pointer})`,
    });
  }
}
