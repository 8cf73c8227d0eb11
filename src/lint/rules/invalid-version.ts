import { getProperty } from '../../policy/tree.js';
import { validVersions } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A `Version` that is not one IAM knows: "2012-10-17" (current) or "2008-10-17" (legacy, no policy variables).
 * "Every SCP must include a Version element with the value 2012-10-17", and so must every RCP ("SCP syntax",
 * "RCP syntax"). The version is a fixed string, not the date the policy was written.
 */
export default {
  meta: {
    code: 'invalid-version',
    severity: 'error',
    summary: 'Version is not "2012-10-17" (or the legacy "2008-10-17"); IAM rejects the policy.',
  },
  check(ctx) {
    const root = ctx.document.root;
    if (root.kind !== 'object') return;
    const prop = getProperty(root, 'Version');
    if (!prop) return;
    const allowed = validVersions(ctx.policyType);
    const v = ctx.document.version;
    if (v && (v.unresolved || (prop.value.kind === 'string' && allowed.includes(v.value)))) return;
    const shown = prop.value.kind === 'string' ? `"${prop.value.value}"` : 'not a string';
    const only = allowed.length === 1 ? `a ${ctx.policyType.toUpperCase()} must say "2012-10-17"` : 'IAM knows "2012-10-17" (current) and "2008-10-17" (legacy)';
    ctx.report({ pointer: '/Version', message: `Version ${shown} is not a policy language version: ${only}; it is not the date the policy was written`, fix: '2012-10-17' });
  },
} satisfies Rule;
