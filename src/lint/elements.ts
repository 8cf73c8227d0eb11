/**
 * Which policy elements each policy type requires, allows and forbids, and the quotas that go with the type: one
 * table for the structural rules, following "IAM JSON policy element reference", "SCP syntax" and "RCP syntax"
 * (AWS Organizations) and "IAM and AWS STS quotas".
 */
import {
  KNOWN_POLICY_ELEMENTS,
  KNOWN_STATEMENT_ELEMENTS,
  PRINCIPAL_TYPES,
  type InlineKind,
  type PolicyType,
  type Statement,
} from '../policy/model.js';

export type StatementElement = (typeof KNOWN_STATEMENT_ELEMENTS)[number];

/** Policy types that IAM itself stores and validates (its grammar for `Sid`, its prohibited fields). */
export const IAM_POLICY_TYPES: readonly PolicyType[] = ['identity', 'boundary', 'session', 'trust'];

/**
 * Elements a policy type forbids, with the reason a user needs to fix it.
 *
 * - Identity-based policies, permissions boundaries and session policies apply to the principal that holds them,
 *   so IAM rejects `Principal` and `NotPrincipal` ("Has prohibited field Principal").
 * - Role trust policies: `NotPrincipal` cannot be used in "an IAM role trust policy" (NotPrincipal element page);
 *   the resource is the role itself, so IAM rejects `Resource`/`NotResource` ("Has prohibited field Resource").
 * - SCPs: "SCP syntax" lists Action, NotAction, Resource, NotResource, Condition, Effect, Sid, Statement and
 *   Version, all with both effects since SCPs gained the full IAM language (19 September 2025; before, Condition,
 *   NotAction and resource ARNs were Deny-only); SCPs govern the principals of the accounts they are attached to,
 *   so `Principal` and `NotPrincipal` are unsupported.
 * - RCPs: "RCP syntax" lists Principal, Action, Resource, NotResource and Condition; `NotPrincipal` and
 *   `NotAction` are not supported.
 */
export const FORBIDDEN_ELEMENTS: Record<PolicyType, Partial<Record<StatementElement, string>>> = {
  identity: {
    Principal: 'an identity-based policy applies to the user, group or role it is attached to; it names no principal',
    NotPrincipal: 'an identity-based policy applies to the user, group or role it is attached to; it names no principal',
  },
  boundary: {
    Principal: 'a permissions boundary applies to the user or role it is set on; it names no principal',
    NotPrincipal: 'a permissions boundary applies to the user or role it is set on; it names no principal',
  },
  session: {
    Principal: 'a session policy applies to the session it is passed to; it names no principal',
    NotPrincipal: 'a session policy applies to the session it is passed to; it names no principal',
  },
  trust: {
    NotPrincipal: 'NotPrincipal cannot be used in an IAM role trust policy',
    Resource: 'a trust policy is attached to the role it protects; IAM rejects a Resource element in it',
    NotResource: 'a trust policy is attached to the role it protects; IAM rejects a NotResource element in it',
  },
  scp: {
    Principal: 'SCPs do not support Principal: they apply to every IAM user and role of the accounts they are attached to (use a Condition on aws:PrincipalArn)',
    NotPrincipal: 'SCPs do not support NotPrincipal (use a Condition on aws:PrincipalArn)',
  },
  rcp: {
    NotPrincipal: 'RCPs do not support NotPrincipal (use "Principal": "*" with a Condition on aws:PrincipalArn)',
    NotAction: 'RCPs do not support NotAction; list the actions in Action',
  },
  resource: {},
};

/**
 * Policy types whose statements must name a resource (Resource or NotResource). Role trust policies name none;
 * resource-based policies of some services name none either (ECR repository policies: the repository is the
 * resource); SCPs are left out because the "SCP syntax" page does not state that Resource is required.
 */
export const REQUIRES_RESOURCE: ReadonlySet<PolicyType> = new Set<PolicyType>(['identity', 'boundary', 'session', 'rcp']);

/** Policy types whose statements must name a principal (Principal or NotPrincipal). */
export const REQUIRES_PRINCIPAL: ReadonlySet<PolicyType> = new Set<PolicyType>(['resource', 'trust', 'rcp']);

/** "Version": IAM knows the current 2012-10-17 and the legacy 2008-10-17; SCPs and RCPs must say 2012-10-17. */
export function validVersions(type: PolicyType): readonly string[] {
  return type === 'scp' || type === 'rcp' ? ['2012-10-17'] : ['2012-10-17', '2008-10-17'];
}

/**
 * Size quotas in characters, white space not counted ("IAM and AWS STS quotas": managed policy 6,144; inline
 * policies in total per role 10,240, per user 2,048, per group 5,120; role trust policy 2,048 by default; session
 * policies 2,048. "Quotas for AWS Organizations": SCP and RCP 5,120). Resource-based policies have one quota per
 * service (S3 20 KB, SQS 8 KB, KMS 32 KB…), so none is checked.
 */
export function sizeQuota(type: PolicyType, inline: InlineKind | undefined): { limit: number; what: string } | undefined {
  switch (type) {
    case 'identity':
      if (inline === 'role') return { limit: 10_240, what: 'the inline policies of a role (together)' };
      if (inline === 'user') return { limit: 2_048, what: 'the inline policies of a user (together)' };
      if (inline === 'group') return { limit: 5_120, what: 'the inline policies of a group (together)' };
      return { limit: 6_144, what: 'a managed policy' };
    case 'boundary':
      return { limit: 6_144, what: 'a managed policy (permissions boundaries are managed policies)' };
    case 'session':
      return { limit: 2_048, what: 'a session policy' };
    case 'trust':
      return { limit: 2_048, what: 'a role trust policy (the default quota; it can be raised to 8,192)' };
    case 'scp':
      return { limit: 5_120, what: 'a service control policy' };
    case 'rcp':
      return { limit: 5_120, what: 'a resource control policy' };
    default:
      return undefined;
  }
}

/**
 * The known key `key` was meant as, when it differs only in case or by a trailing plural `s` (`Resources`,
 * `action`, `Services`); undefined when it is no near miss.
 */
export function intendedKey(key: string, known: readonly string[]): string | undefined {
  // By key per known list: every statement's keys are asked about by several rules, and they recur.
  let byKey = intended.get(known);
  if (!byKey) intended.set(known, (byKey = new Map()));
  let r = byKey.get(key);
  if (r === undefined) {
    r = computeIntendedKey(key, known) ?? null;
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, r);
  }
  return r ?? undefined;
}

const intended = new WeakMap<readonly string[], Map<string, string | null>>();

function computeIntendedKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  for (const k of known) {
    const kl = k.toLowerCase();
    if (k !== key && (kl === lower || `${kl}s` === lower)) return k;
  }
  return undefined;
}

export const POLICY_KEYS: readonly string[] = KNOWN_POLICY_ELEMENTS;
export const STATEMENT_KEYS: readonly string[] = KNOWN_STATEMENT_ELEMENTS;
export const PRINCIPAL_KEYS: readonly string[] = PRINCIPAL_TYPES;

/** Whether the statement has `element`, or a near miss of it that `unknown-element` already reports. */
export function hasElementOrNearMiss(s: Statement, element: StatementElement): boolean {
  const props = s.node.props;
  // The element itself first: the usual statement has it, and then no key needs the near-miss lookup.
  for (const p of props) if (p.key === element) return true;
  for (const p of props) if (intendedKey(p.key, STATEMENT_KEYS) === element) return true;
  return false;
}
