import { CatalogMemo } from '../../catalog/memo.js';
import { suggestActions } from '../../catalog/suggest.js';
import type { Action, Catalog } from '../../catalog/catalog.js';
import type { Rule } from '../rule.js';

/**
 * An action with no wildcard that the service does not have. IAM accepts the policy but the entry grants (or
 * denies) nothing, which in a "minimal permissions" page usually means a misremembered name.
 */
export default {
  meta: {
    code: 'unknown-action',
    severity: 'error',
    summary: 'The action does not exist in the service; the entry grants nothing.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      for (const it of ctx.analysis.allItems(s)) {
        const p = it.pattern;
        // Most entries name something: that test first, the pattern test only for the rest.
        if (!p || !it.service || it.actions.length > 0 || /[*?]/.test(p.name)) continue;
        const written = it.item.value.slice(it.item.value.indexOf(':') + 1);
        const near = nearestActions(ctx.catalog, it.service.prefix, written);
        const hint = near.length > 0 ? `; did you mean ${near.map((a) => `"${a.fullName}"`).join(' or ')}?` : '';
        ctx.report({
          pointer: it.item.pointer,
          message: `${it.service.name} has no action "${written}"${hint}`,
          // Offer a fix only when one action is clearly meant.
          ...(near.length === 1 ? { fix: near[0]!.fullName } : {}),
        });
      }
    }
  },
} satisfies Rule;

/** Suggestions by written action: a misspelt action recurs across statements and policies. */
const suggestions = new CatalogMemo<readonly Action[]>();

function nearestActions(catalog: Catalog, service: string, name: string): readonly Action[] {
  return suggestions.get(catalog, `${service}:${name}`, () => suggestActions(catalog, service, name).slice(0, 3));
}
