import { isAllow, type Statement } from '../../policy/model.js';
import type { Rule } from '../rule.js';
import { isAllActions, isPositive } from '../security.js';

/**
 * `Allow` of every action (`*` or `*:*`) on every resource (`*`), with no condition that narrows it: the
 * AdministratorAccess grant. Conditions that only describe how the caller signed in (`aws:MultiFactorAuthPresent`,
 * `aws:MultiFactorAuthAge`, `aws:SecureTransport`, `aws:TokenIssueTime`) leave it full administrator access;
 * any other positive condition is taken to narrow it.
 */
export default {
  meta: {
    code: 'full-admin',
    severity: 'security',
    summary: 'The policy allows every action on every resource (administrator access).',
    policyTypes: ['identity'],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!isAllow(s)) continue;
      const all = s.action?.items.find(isAllActions);
      if (!all) continue;
      if (!s.resource?.items.some((r) => r.value === '*')) continue;
      if (narrowed(s)) continue;
      ctx.report({
        pointer: all.pointer,
        message: `"${all.value}" on "*" grants full administrator access: every action of every service on every resource; grant the actions the principal uses`,
      });
    }
  },
} satisfies Rule;

const SESSION_ONLY = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:securetransport', 'aws:tokenissuetime']);

function narrowed(s: Statement): boolean {
  return (s.condition?.clauses ?? []).some((c) => isPositive(c) && !SESSION_ONLY.has(c.key.toLowerCase()));
}
