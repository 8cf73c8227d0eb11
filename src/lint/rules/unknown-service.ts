import type { Catalog, Service } from '../../catalog/catalog.js';
import { CatalogMemo } from '../../catalog/memo.js';
import { suggestService } from '../../catalog/suggest.js';
import { expandActionPattern } from '../../engine/actions.js';
import type { Rule } from '../rule.js';

/**
 * An action whose service prefix (written without wildcards) is not a service in the Service Authorization
 * Reference. IAM accepts the policy, but the entry matches nothing; Access Analyzer calls it "Invalid service
 * in action". A service pattern with wildcards that matches no service is `no-matching-action`.
 */
export default {
  meta: {
    code: 'unknown-service',
    severity: 'error',
    summary: 'The service prefix of an action is not an AWS service; the entry matches nothing.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      for (const it of ctx.analysis.allItems(s)) {
        const p = it.pattern;
        if (!p || it.service || p.service === '*' || /[*?]/.test(p.service)) continue;
        const text = it.item.value;
        const colon = text.indexOf(':');
        const written = text.slice(0, colon);
        const near = nearestService(ctx.catalog, written);
        // Offer the fix only when the corrected entry names something real.
        const fixed = near ? `${near.prefix}${text.slice(colon)}` : undefined;
        const fix = fixed && expandActionPattern(ctx.catalog, fixed).length > 0 ? canonical(ctx.catalog, fixed) : undefined;
        const hint = near ? `; did you mean "${near.prefix}" (${near.name})?` : '';
        ctx.report({
          pointer: it.item.pointer,
          message: `no AWS service has the prefix "${written}"${hint}`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
} satisfies Rule;

/** Canonical spelling for a literal action; patterns are kept as written. */
function canonical(catalog: Catalog, text: string): string {
  return catalog.action(text)?.fullName ?? text;
}

/** Suggestions by prefix: a misspelt prefix recurs across statements and policies, and the search is costly. */
const suggestions = new CatalogMemo<Service | undefined>();

function nearestService(catalog: Catalog, prefix: string): Service | undefined {
  return suggestions.get(catalog, prefix, () => suggestService(catalog, prefix));
}
