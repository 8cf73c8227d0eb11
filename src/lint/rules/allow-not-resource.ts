import { isAllow } from '../../policy/model.js';
import type { Rule } from '../rule.js';

/**
 * `Allow` with `NotResource`: the statement allows its actions on every resource except the listed ones, in
 * every account the principal can reach and on resources created later. `Deny` with `NotResource` is the
 * common, safe use and is not reported.
 */
export default {
  meta: {
    code: 'allow-not-resource',
    severity: 'security',
    summary: 'An Allow statement uses NotResource: it allows its actions on every resource except the listed ones.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!isAllow(s) || !s.notResource) continue;
      ctx.report({
        pointer: s.notResource.pointer,
        message: 'Allow with NotResource allows the actions on every resource except the listed ones, including resources created later and in other accounts; list the resources to allow in Resource instead',
      });
    }
  },
} satisfies Rule;
