import type { Rule } from '../rule.js';

/**
 * `service:*` in the `Action` of an `Allow` statement (`s3:*`, `iam:*`): every action of the service, including
 * the ones added after the policy was written, where least privilege names the actions used. Only in policies
 * that grant (identity-based, resource-based, trust); in SCPs, RCPs, permissions boundaries and session policies
 * an Allow only sets a ceiling. The bare `*` (full access) is another rule's finding.
 */
export default {
  meta: {
    code: 'service-wildcard',
    severity: 'warning',
    summary: 'An Allow statement grants every action of a service (`s3:*`).',
    policyTypes: ['identity', 'resource', 'trust'],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (s.effect?.value !== 'Allow') continue;
      for (const it of ctx.analysis.actions(s)) {
        const p = it.pattern;
        if (!p || it.item.unresolved || p.name !== '*' || /[*?]/.test(p.service)) continue;
        ctx.report({
          pointer: it.item.pointer,
          message: `"${it.item.value}" grants every ${p.service} action, including ones added later; list the actions the workload calls`,
        });
      }
    }
  },
} satisfies Rule;
