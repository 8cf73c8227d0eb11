import { isAllow, type Statement } from '../../policy/model.js';
import type { Rule } from '../rule.js';
import { isPositive } from '../security.js';

/**
 * Keys that tie a request to known callers: the caller's organization, account or ARN, the resource or
 * account a service acts for (the confused-deputy keys), the network it comes from, a shared external id.
 * A positive condition on one of them (not `StringNotEquals`, not a `*` value) makes a `*` principal safe;
 * AWS's own examples use exactly these ("AWS global condition context keys", "The confused deputy problem").
 */
const RESTRICTING = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:userid',
  'aws:username',
  'sts:externalid',
  'kms:calleraccount',
  'kms:viaservice',
]);

/**
 * An `Allow` statement of a trust or resource-based policy that lets everyone in: `"Principal": "*"`,
 * `{"AWS": "*"}`, or `NotPrincipal` (everyone but the listed), with no condition on a key that identifies the
 * caller. Every AWS account — and for many services anonymous callers — can then use the resource or assume
 * the role.
 */
export default {
  meta: {
    code: 'trust-any-principal',
    severity: 'security',
    summary: 'A trust or resource policy allows any principal ("*") without a condition that restricts who.',
    policyTypes: ['trust', 'resource'],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!isAllow(s) || restricted(s)) continue;
      const pointer = anyone(s);
      if (pointer === undefined) continue;
      const what = ctx.policyType === 'trust' ? 'assume this role' : 'use this resource';
      ctx.report({
        pointer,
        message: s.notPrincipal
          ? `Allow with NotPrincipal lets every principal except the listed ones ${what}; name the principals in Principal`
          : `any principal in any AWS account can ${what}: add a condition on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceArn/aws:SourceAccount, aws:SourceVpce or sts:ExternalId, or name the principals`,
      });
    }
  },
} satisfies Rule;

function anyone(s: Statement): string | undefined {
  if (s.notPrincipal) return s.notPrincipal.pointer;
  const p = s.principal;
  if (!p) return undefined;
  if (p.wildcard) return p.wildcard.unresolved || p.wildcard.value !== '*' ? undefined : p.wildcard.pointer;
  for (const e of p.entries) {
    if (e.type !== 'AWS') continue;
    const star = e.values.items.find((v) => v.value === '*');
    if (star) return star.pointer;
  }
  return undefined;
}

/** Address ranges that admit every caller: an `IpAddress` condition on them restricts nothing. */
const EVERY_ADDRESS = new Set(['0.0.0.0/0', '::/0']);

function restricted(s: Statement): boolean {
  return (s.condition?.clauses ?? []).some(
    (c) => isPositive(c) && RESTRICTING.has(c.key.toLowerCase()) && !c.values.items.some((v) => EVERY_ADDRESS.has(v.value)),
  );
}
