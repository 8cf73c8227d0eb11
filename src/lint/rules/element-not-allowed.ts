import { POLICY_TYPE_NAMES } from '../../policy/model.js';
import { escapePointer } from '../../policy/tree.js';
import { FORBIDDEN_ELEMENTS, type StatementElement } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * An element the policy type forbids (the table and its sources are in `lint/elements.ts`): `Principal` and
 * `NotPrincipal` in identity-based policies, permissions boundaries, session policies and SCPs; `NotPrincipal`,
 * `Resource` and `NotResource` in role trust policies; `NotPrincipal` and `NotAction` in RCPs.
 */
export default {
  meta: {
    code: 'element-not-allowed',
    severity: 'error',
    summary: 'A statement uses an element this policy type forbids (Principal in an identity policy, NotPrincipal in an SCP…).',
  },
  check(ctx) {
    const forbidden = FORBIDDEN_ELEMENTS[ctx.policyType];
    for (const s of ctx.document.statements) {
      for (const p of s.node.props) {
        const reason = Object.hasOwn(forbidden, p.key) ? forbidden[p.key as StatementElement] : undefined;
        if (!reason) continue;
        ctx.report({
          pointer: `${s.pointer}/${escapePointer(p.key)}`,
          message: `"${p.key}" is not allowed in a ${POLICY_TYPE_NAMES[ctx.policyType]}: ${reason}`,
        });
      }
    }
  },
} satisfies Rule;
