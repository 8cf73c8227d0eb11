import { hasElementOrNearMiss, REQUIRES_RESOURCE } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A statement with neither `Resource` nor `NotResource` where the policy type requires one: identity-based
 * policies, permissions boundaries, session policies ("IAM JSON policy elements: Resource": "Statements must
 * include either a Resource or a NotResource element") and RCPs. Trust policies name no resource; resource-based
 * policies of some services (ECR repository policies) and SCPs may leave it out, so they are not judged.
 */
export default {
  meta: {
    code: 'missing-resource',
    severity: 'error',
    summary: 'A statement has neither Resource nor NotResource where the policy type requires one; IAM rejects the policy.',
    policyTypes: [...REQUIRES_RESOURCE],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (hasElementOrNearMiss(s, 'Resource') || hasElementOrNearMiss(s, 'NotResource')) continue;
      ctx.report({
        pointer: s.pointer,
        message: 'the statement names no resources; add "Resource" (the ARNs it applies to, or "*" for actions that take none)',
      });
    }
  },
} satisfies Rule;
