/**
 * What the security rules share: which resources are "unscoped", which actions a statement grants without
 * expanding `*` over the catalogue (the rules ask about a few dozen named actions, never about every action),
 * and which conditions narrow a grant.
 */
import type { Catalog } from '../catalog/catalog.js';
import { parseActionPattern } from '../engine/actions.js';
import { parseArn, variablesAsWildcards } from '../engine/arn.js';
import { compileWildcard, type WildcardMatcher } from '../engine/wildcard.js';
import { isAllow, type ConditionClause, type PolicyType, type Statement, type Str } from '../policy/model.js';
import { formatsOf, ResourcePattern, resourceTypesFor } from './resource-match.js';
import type { RuleContext } from './rule.js';

/** A statement's `Action` (or `NotAction`) item that applies to a named action, or the element itself. */
export interface ActionHit {
  /** where to point: the matching `Action` item, or the `NotAction` element */
  pointer: string;
  /** the item as written (`iam:*`), or `NotAction` */
  written: string;
}

/**
 * Whether the statement applies to the action `service:Name` (lower-case compare, IAM wildcards), and through
 * which item. `NotAction` applies to every action none of its items matches. Unresolved template values match
 * nothing (they are not known to grant anything).
 */
export function statementAppliesTo(s: Statement, fullName: string): ActionHit | undefined {
  const colon = fullName.indexOf(':');
  const service = fullName.slice(0, colon).toLowerCase();
  const name = fullName.slice(colon + 1).toLowerCase();
  if (s.action) {
    for (const item of s.action.items) if (itemMatches(item, service, name)) return { pointer: item.pointer, written: item.value };
    return undefined;
  }
  if (s.notAction) {
    for (const item of s.notAction.items) if (itemMatches(item, service, name)) return undefined;
    return { pointer: s.notAction.pointer, written: 'NotAction' };
  }
  return undefined;
}

/** An item's compiled service and name matchers; null for an item that is not `service:action` syntax. */
type ItemMatcher = { service: WildcardMatcher; name: WildcardMatcher } | null;
const itemMatchers = new WeakMap<Str, ItemMatcher>();

function itemMatches(item: Str, service: string, name: string): boolean {
  let m = itemMatchers.get(item);
  if (m === undefined) {
    const p = item.unresolved ? undefined : parseActionPattern(item.value);
    m = p ? { service: compileWildcard(p.service), name: compileWildcard(p.name) } : null;
    itemMatchers.set(item, m);
  }
  return m !== null && m.service.matches(service) && m.name.matches(name);
}

/** Whether the item is the full wildcard `*` or `*:*`. */
export function isAllActions(item: Str): boolean {
  const p = item.unresolved ? undefined : parseActionPattern(item.value);
  return p !== undefined && /^\*+$/.test(p.service) && /^\*+$/.test(p.name);
}

const literalWords = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();

/** The literal words of a service's ARN resource parts (`key`, `alias`, `secret`, `log-group`, `role`). */
function resourceTypeWords(catalog: Catalog, arnService: string): ReadonlySet<string> {
  let byService = literalWords.get(catalog);
  if (!byService) literalWords.set(catalog, (byService = new Map()));
  let words = byService.get(arnService);
  if (!words) {
    const acc = new Set<string>();
    // The ARN's service part is almost always the owning service's prefix: look there first, so that judging
    // one ARN loads one service; scan the catalogue only for ARN namespaces no service prefix matches.
    const own = catalog.service(arnService);
    for (const s of own ? [own] : catalog.services) {
      for (const t of s.resourceTypes) {
        for (const f of formatsOf(t)) {
          if (f.service !== arnService) continue;
          const arn = parseArn(f.format);
          if (!arn) continue;
          for (const seg of arn.resource.split(/[/:]/)) if (seg !== '' && !seg.includes('${')) acc.add(seg);
        }
      }
    }
    words = acc;
    byService.set(arnService, words);
  }
  return words;
}

/**
 * "Unscoped" (CONTRACT.md): `*`, or an ARN whose resource part is all wildcard apart from the resource-type
 * words of the service's ARN formats (`arn:aws:kms:*:*:key/*`, `arn:aws:secretsmanager:*:*:secret:*`, an S3
 * object ARN whose bucket and key are both `*`). In a resource-based policy `*` names the resource the policy is
 * attached to, so it is not unscoped there. A policy variable is one value per request, not a wildcard.
 */
export function isUnscoped(catalog: Catalog, value: string, policyType: PolicyType): boolean {
  if (value === '*') return policyType !== 'resource';
  if (/^[*?]+$/.test(value)) return true;
  // A policy variable (`user/${aws:username}`) resolves to one value per request: it scopes, like a name.
  const arn = parseArn(value.toLowerCase());
  if (!arn) return false;
  const words = /[*?]/.test(arn.service) ? undefined : resourceTypeWords(catalog, arn.service);
  const segments = arn.resource.split(/[/:]/);
  let wildcard = false;
  for (const seg of segments) {
    if (/^[*?]+$/.test(seg)) wildcard = true;
    else if (seg === '' || words?.has(seg)) continue;
    else return false;
  }
  return wildcard;
}

/** The statement's resource items that are unscoped; for a `NotResource` statement, the element itself. */
export function unscopedResources(catalog: Catalog, s: Statement, policyType: PolicyType): { pointer: string; value: string }[] {
  if (s.notResource) return [{ pointer: s.notResource.pointer, value: 'NotResource' }];
  const out: { pointer: string; value: string }[] = [];
  for (const r of s.resource?.items ?? []) {
    if (!r.unresolved && isUnscoped(catalog, r.value, policyType)) out.push({ pointer: r.pointer, value: r.value });
  }
  return out;
}

/**
 * Condition keys that tie a grant to particular resources or callers, so that an unscoped `Resource` is no
 * longer "everything": the resource's account, organization or tags, the service the request comes through.
 * Only positive operators count (`StringNotEquals aws:ResourceAccount` still lets in every other account).
 */
const RESOURCE_NARROWING = [
  /^aws:resourceaccount$/,
  /^aws:resourceorgid$/,
  /^aws:resourceorgpaths$/,
  /^aws:resourcetag\//,
  /^[a-z0-9-]+:resourcetag\//,
  /^[a-z0-9-]+:existingobjecttag\//,
  /^kms:viaservice$/,
  /^kms:calleraccount$/,
  /^kms:encryptioncontext:/,
  /^kms:encryptioncontextkeys$/,
  /^s3:prefix$/,
  /^s3:datasaccesspointarn$/,
  /^s3:dataaccesspointarn$/,
  /^s3:dataaccesspointaccount$/,
  /^ssm:resourcetag\//,
  /^secretsmanager:secretid$/,
  /^secretsmanager:resource\/allowrotationlambdaarn$/,
  /^iam:resourcetag\//,
];

/** Whether a positive condition on a resource-narrowing key restricts the statement (see RESOURCE_NARROWING). */
export function narrowsResources(s: Statement): boolean {
  return (s.condition?.clauses ?? []).some((c) => isPositive(c) && RESOURCE_NARROWING.some((re) => re.test(c.key.toLowerCase())));
}

/** A clause that admits only the listed values: not a `…Not…` operator, not `Null`, with no value that is `*`. */
export function isPositive(c: ConditionClause): boolean {
  if (!c.op) return false;
  if (c.op.base.negated || c.op.base.family === 'Null') return false;
  if (c.values.items.length === 0) return false;
  return !c.values.items.some((v) => /^[*?]*\*[*?]*$/.test(v.value));
}

export function statementLabel(s: Statement): string {
  return s.sid ? `statement ${s.index} "${s.sid.value}"` : `statement ${s.index}`;
}

/**
 * The shared check of resource-exposure, credentials-exposure and data-exfiltration: an `Allow` statement that
 * grants some of `actions` on an unscoped resource (or with `NotResource`), with no condition that narrows the
 * resources. One finding per `Action` item (or `NotAction` element), naming the listed actions it grants.
 */
export function reportListedOnUnscoped(
  ctx: RuleContext,
  actions: readonly string[],
  message: (granted: readonly string[], written: string, resource: string) => string,
): void {
  for (const s of ctx.document.statements) {
    if (!isAllow(s)) continue;
    const unscoped = unscopedResources(ctx.catalog, s, ctx.policyType);
    if (unscoped.length === 0 || narrowsResources(s)) continue;
    const byItem = new Map<string, { written: string; granted: string[]; resource: string }>();
    for (const name of actions) {
      const hit = statementAppliesTo(s, name);
      if (!hit) continue;
      // The unscoped resource must be one the action acts on: `cert/*` next to a named bucket leaves
      // s3:GetObject scoped.
      const on = unscoped.find((r) => r.value === 'NotResource' || resourceFitsAction(ctx.catalog, r.value, name));
      if (!on) continue;
      let entry = byItem.get(hit.pointer);
      if (!entry) {
        const resource = on.value === 'NotResource' ? 'NotResource' : `"${on.value}"`;
        byItem.set(hit.pointer, (entry = { written: hit.written, granted: [], resource }));
      }
      entry.granted.push(name);
    }
    for (const [pointer, { written, granted, resource }] of byItem) ctx.report({ pointer, message: message(granted, written, resource) });
  }
}

const patternCache = new Map<string, ResourcePattern>();

/**
 * Whether a resource pattern can name a resource the action acts on (`*` always; an action without resource
 * types, or one the catalogue does not know, cannot be judged and fits). Policy variables count as wildcards.
 */
export function resourceFitsAction(catalog: Catalog, pattern: string, action: string, target?: string): boolean {
  if (pattern === '*') return true;
  const known = catalog.action(action);
  if (!known) return true;
  let types = resourceTypesFor(known);
  if (target) {
    const named = types.filter((t) => t.name === target);
    if (named.length > 0) types = named;
  }
  if (types.length === 0) return true;
  let p = patternCache.get(pattern);
  if (!p) {
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, (p = new ResourcePattern(variablesAsWildcards(pattern))));
  }
  const compiled = p;
  return types.some((t) => compiled.matchesType(t));
}

/** `a, b and 3 more` */
export function listNames(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
