import { getProperty } from '../../policy/tree.js';
import type { Statement } from '../../policy/model.js';
import type { Rule } from '../rule.js';

/**
 * An `Effect` other than exactly `Allow` or `Deny` ("IAM JSON policy elements: Effect": "Valid values for Effect
 * are Allow and Deny. The Effect value is case sensitive."). The fix carries the value when only the case is off.
 * In an RCP, "the effect of Allow is only supported for the RCPFullAWSAccess policy" ("RCP syntax"), which AWS
 * attaches itself (`Allow` of `*` on `*` to `*`); an RCP of one's own denies.
 */
export default {
  meta: {
    code: 'invalid-effect',
    severity: 'error',
    summary: 'Effect is not exactly "Allow" or "Deny" (values are case-sensitive); IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      const prop = getProperty(s.node, 'Effect');
      if (!prop) continue;
      const e = s.effect;
      if (e?.unresolved) continue;
      if (prop.value.kind === 'string' && e?.value === 'Allow' && ctx.policyType === 'rcp' && !isFullAccess(s)) {
        ctx.report({
          pointer: `${s.pointer}/Effect`,
          message: 'RCPs only deny: "Allow" is supported only in the RCPFullAWSAccess policy AWS attaches itself',
        });
        continue;
      }
      if (prop.value.kind === 'string' && (e?.value === 'Allow' || e?.value === 'Deny')) continue;
      const text = prop.value.kind === 'string' ? prop.value.value : undefined;
      const trimmed = text?.trim().toLowerCase();
      const fix = trimmed === 'allow' ? 'Allow' : trimmed === 'deny' ? 'Deny' : undefined;
      ctx.report({
        pointer: `${s.pointer}/Effect`,
        message:
          text === undefined
            ? 'Effect is the string "Allow" or "Deny"'
            : `Effect "${text}" is not "Allow" or "Deny"${fix ? ` (the value is case-sensitive: "${fix}")` : ''}`,
        ...(fix ? { fix } : {}),
      });
    }
  },
} satisfies Rule;

/** RCPFullAWSAccess: `"Principal": "*", "Action": "*", "Resource": "*"`, no condition. */
function isFullAccess(s: Statement): boolean {
  const only = (l: { items: { value: string }[] } | undefined) => l?.items.length === 1 && l.items[0]!.value === '*';
  return s.principal?.wildcard?.value === '*' && only(s.action) && only(s.resource) && !s.condition && !s.notAction && !s.notResource;
}
