import { POLICY_TYPE_NAMES } from '../../policy/model.js';
import { hasElementOrNearMiss, REQUIRES_PRINCIPAL } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A statement with neither `Principal` nor `NotPrincipal` in a policy attached to a resource: "You must use the
 * Principal element in resource-based policies" ("IAM JSON policy elements: Principal"), a role trust policy is
 * the role's resource-based policy, and RCPs require "Principal": "*" ("RCP syntax").
 */
export default {
  meta: {
    code: 'missing-principal',
    severity: 'error',
    summary: 'A statement of a resource-based, trust or resource control policy names no principal; the service rejects the policy.',
    policyTypes: [...REQUIRES_PRINCIPAL],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (hasElementOrNearMiss(s, 'Principal') || hasElementOrNearMiss(s, 'NotPrincipal')) continue;
      const hint =
        ctx.policyType === 'rcp'
          ? 'RCP statements say "Principal": "*" and narrow it with a Condition'
          : ctx.policyType === 'trust'
            ? 'name who may assume the role, e.g. "Principal": {"Service": "lambda.amazonaws.com"}'
            : 'name who the statement applies to, e.g. "Principal": {"AWS": "arn:aws:iam::123456789012:root"}';
      ctx.report({ pointer: s.pointer, message: `a ${POLICY_TYPE_NAMES[ctx.policyType]} statement must have "Principal"; ${hint}` });
    }
  },
} satisfies Rule;
