import { sizeQuota } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A policy over the size quota of its type, counted as IAM counts: characters without white space ("IAM and AWS
 * STS quotas"): a managed policy 6,144; inline policies (all of a principal's together) 10,240 for a role, 2,048
 * for a user, 5,120 for a group (`--inline role|user|group`); a role trust policy 2,048 (default quota); a session
 * policy 2,048; SCPs and RCPs 5,120 ("Quotas for AWS Organizations", where white space counts too unless removed).
 * Resource-based policies have per-service quotas and are not judged.
 */
export default {
  meta: {
    code: 'policy-too-large',
    severity: 'error',
    summary: 'The policy is over the size quota of its type (white space not counted); IAM rejects it.',
  },
  check(ctx) {
    const quota = sizeQuota(ctx.policyType, ctx.inline);
    if (!quota) return;
    const size = ctx.compactLength;
    if (size <= quota.limit) return;
    const orgs = ctx.policyType === 'scp' || ctx.policyType === 'rcp' ? ' (AWS Organizations counts white space too: upload it minified)' : '';
    ctx.report({
      pointer: '',
      message: `the policy is ${thousands(size)} characters without white space, over the ${thousands(quota.limit)} quota of ${quota.what}${orgs}; merge statements, use wildcards in action names, or split it into several policies`,
    });
  },
} satisfies Rule;

/** `n.toLocaleString('en-US')` for a non-negative integer, without starting ICU's number formatting (slow the first time). */
function thousands(n: number): string {
  const digits = String(n);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}
