import { isAllow } from '../../policy/model.js';
import type { Rule } from '../rule.js';
import { actionQueryId, narrowsResources, resourceFitsAction, statementAppliesToQuery, unscopedResources } from '../security.js';

/**
 * `iam:PassRole` — written out or through a wildcard (`iam:*`, `iam:Pass*`, `*`, a `NotAction` that leaves it
 * in) — allowed on an unscoped resource (`*`, `arn:aws:iam::*:role/*`) or with `NotResource`. Passing a role is
 * how a principal hands a service (EC2, Lambda, ECS…) a role to run with; passing any role includes the
 * account's administrator roles. A condition on `iam:PassedToService` narrows the services, not the roles, so
 * it does not silence the finding; a condition on the role's tags (`iam:ResourceTag/…`, `aws:ResourceTag/…`)
 * does, since it limits the roles.
 */
export default {
  meta: {
    code: 'passrole-wildcard-resource',
    severity: 'security',
    summary: 'iam:PassRole is allowed on every role; the principal can hand any role, including admin roles, to a service.',
    policyTypes: ['identity'],
  },
  check(ctx) {
    // The name's id once, not a lookup by text per statement.
    const passRole = actionQueryId('iam:PassRole');
    for (const s of ctx.document.statements) {
      if (!isAllow(s)) continue;
      const hit = statementAppliesToQuery(ctx.analysis, s, passRole);
      if (!hit || narrowsResources(s)) continue;
      // Only an unscoped resource that can be a role: `arn:aws:s3:::*` beside a named role leaves PassRole scoped.
      const unscoped = unscopedResources(ctx.analysis, s, ctx.policyType).filter(
        (r) => r.value === 'NotResource' || resourceFitsAction(ctx.catalog, r.value, 'iam:PassRole'),
      );
      if (unscoped.length === 0) continue;
      const how = hit.written.toLowerCase() === 'iam:passrole' ? 'iam:PassRole' : `iam:PassRole (through "${hit.written}")`;
      const where = unscoped[0]!.value === 'NotResource' ? 'with NotResource' : `on "${unscoped[0]!.value}"`;
      ctx.report({
        pointer: hit.pointer,
        message: `${how} is allowed ${where}: the principal can pass any role, including administrator roles, to the services it can start; list the role ARNs it needs to pass`,
      });
    }
  },
} satisfies Rule;
