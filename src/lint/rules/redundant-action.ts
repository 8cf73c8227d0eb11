import { redundantItems } from '../redundant-items.js';
import type { StrList } from '../../policy/model.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * An action listed twice in one `Action`/`NotAction` (action names are case-insensitive: `s3:getobject` repeats
 * `s3:GetObject`), or covered by a wildcard of the same list (`s3:GetObject` next to `s3:Get*`, anything next to
 * `*`). Exact containment of the wildcard patterns, not catalogue expansion, so it holds for future actions too.
 */
export default {
  meta: {
    code: 'redundant-action',
    severity: 'suggestion',
    summary: 'An action is listed twice, or another pattern of the same statement already covers it.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (s.action) report(ctx, s.action);
      if (s.notAction) report(ctx, s.notAction);
    }
  },
} satisfies Rule;

function report(ctx: RuleContext, list: StrList): void {
  for (const r of redundantItems(list, true, true)) {
    ctx.report({
      pointer: r.item.pointer,
      message: r.repeat
        ? `"${r.item.value}" repeats "${r.by.value}" (${r.by.pointer}); action names are case-insensitive`
        : `"${r.item.value}" is already covered by "${r.by.value}" (${r.by.pointer})`,
    });
  }
}
