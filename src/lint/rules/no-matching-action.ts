import { servicesMatching } from '../../engine/actions.js';
import type { Rule } from '../rule.js';

/**
 * A wildcard action pattern that matches no action (`s3:Gett*`), or whose service part matches no service
 * (`s4*:Get*`). IAM accepts it, but the entry grants or denies nothing: usually a typo in the fixed part.
 * Literal names are judged by `unknown-action`, literal unknown prefixes by `unknown-service`.
 */
export default {
  meta: {
    code: 'no-matching-action',
    severity: 'error',
    summary: 'A wildcard action pattern matches no action; the entry grants nothing.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      for (const it of ctx.analysis.allItems(s)) {
        const p = it.pattern;
        if (!p || it.actions.length > 0) continue;
        const serviceWild = /[*?]/.test(p.service);
        const nameWild = /[*?]/.test(p.name);
        if (!serviceWild && !nameWild) continue;
        if (serviceWild) {
          const services = servicesMatching(ctx.catalog, p.service);
          const written = it.item.value.slice(0, it.item.value.indexOf(':'));
          ctx.report({
            pointer: it.item.pointer,
            message:
              services.length === 0
                ? `the service pattern "${written}" matches no AWS service`
                : `"${it.item.value}" matches no action of the ${services.length} services "${written}" matches`,
          });
          continue;
        }
        // A literal prefix that is not a service is unknown-service's finding.
        if (!it.service) continue;
        ctx.report({
          pointer: it.item.pointer,
          message: `"${it.item.value}" matches no action of ${it.service.name}`,
        });
      }
    }
  },
} satisfies Rule;
