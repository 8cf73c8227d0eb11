import type { Str } from '../../policy/model.js';
import { redundantItems } from '../redundant-items.js';
import type { Rule } from '../rule.js';

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
    const comparable = (i: Str): boolean => !i.unresolved && i.node.kind === 'string';
    const containable = (i: Str): boolean => !i.value.includes('${');
    for (const s of ctx.document.statements) {
      for (const list of [s.resource, s.notResource]) {
        if (!list) continue;
        for (const r of redundantItems(list, false, comparable, containable)) {
          ctx.report({
            pointer: r.item.pointer,
            message: r.repeat
              ? `"${r.item.value}" repeats ${r.by.pointer}`
              : `"${r.item.value}" is already covered by "${r.by.value}" (${r.by.pointer})`,
          });
        }
      }
    }
  },
} satisfies Rule;
