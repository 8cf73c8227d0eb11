/**
 * What the security rules share: which resources are "unscoped", which actions a statement grants without
 * expanding `*` over the catalogue (the rules ask about a few dozen named actions, never about every action),
 * and which conditions narrow a grant.
 */
import type { Catalog } from '../catalog/catalog.js';
import { parseActionPattern } from '../engine/actions.js';
import { parseArn, variablesAsWildcards } from '../engine/arn.js';
import { compileWildcard, type WildcardMatcher } from '../engine/wildcard.js';
import { isAllow, type ConditionClause, type PolicyType, type Statement, type Str, type StrList } from '../policy/model.js';
import { resourcePattern, resourceTypesFor, typesByArnService } from './resource-match.js';
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
  const q = queryOf(fullName);
  if (s.action) {
    const i = firstMatchingItem(s.action, q);
    return i < 0 ? undefined : { pointer: s.action.items[i]!.pointer, written: s.action.items[i]!.value };
  }
  if (s.notAction) {
    if (firstMatchingItem(s.notAction, q) >= 0) return undefined;
    return { pointer: s.notAction.pointer, written: 'NotAction' };
  }
  return undefined;
}

/** A named action as the lookups below need it, lower case; the rules ask about a fixed few hundred names. */
interface ActionQuery {
  name: string;
  service: string;
  action: string;
}
const queries = new Map<string, ActionQuery>();

function queryOf(fullName: string): ActionQuery {
  let q = queries.get(fullName);
  if (!q) {
    const name = fullName.toLowerCase();
    const colon = name.indexOf(':');
    q = { name, service: name.slice(0, colon), action: name.slice(colon + 1) };
    if (queries.size >= 10_000) queries.clear();
    queries.set(fullName, q);
  }
  return q;
}

/**
 * One list's items for "which item first matches this action": literal items by lower-case name (the first of
 * each), wildcard items in order, by service where the service is written out. The rules ask about dozens of
 * named actions per statement, and managed policies list hundreds of actions, so a lookup must not try every
 * item.
 */
interface WildcardItem {
  index: number;
  service: WildcardMatcher;
  name: WildcardMatcher;
}
interface ItemIndex {
  literal: Map<string, number>;
  /** wildcard items whose service part is literal, by that service */
  byService: Map<string, WildcardItem[]>;
  /** wildcard items whose service part has a wildcard */
  anyService: WildcardItem[];
  /** the services of literal items */
  literalServices: Set<string>;
}
const itemIndexes = new WeakMap<StrList, ItemIndex>();
const NONE: readonly WildcardItem[] = [];

function itemIndex(list: StrList): ItemIndex {
  let index = itemIndexes.get(list);
  if (!index) {
    const literal = new Map<string, number>();
    const byService = new Map<string, WildcardItem[]>();
    const anyService: WildcardItem[] = [];
    const literalServices = new Set<string>();
    list.items.forEach((item, i) => {
      const shape = item.unresolved ? undefined : itemShape(item.value);
      if (!shape) return;
      if (shape.anyService) {
        anyService.push({ index: i, service: shape.serviceMatcher!, name: shape.nameMatcher! });
      } else if (shape.nameMatcher) {
        let same = byService.get(shape.service);
        if (!same) byService.set(shape.service, (same = []));
        same.push({ index: i, service: shape.serviceMatcher!, name: shape.nameMatcher });
      } else {
        if (!literal.has(shape.key)) literal.set(shape.key, i);
        literalServices.add(shape.service);
      }
    });
    index = { literal, byService, anyService, literalServices };
    itemIndexes.set(list, index);
  }
  return index;
}

const WILDCARD = /[*?]/;

/** What itemIndex needs of an item's text, by text: policies of a corpus repeat the same actions. */
interface ItemShape {
  service: string;
  /** `service:name`, lower case */
  key: string;
  anyService: boolean;
  /** set for an item with a wildcard */
  serviceMatcher: WildcardMatcher | undefined;
  nameMatcher: WildcardMatcher | undefined;
}
const itemShapes = new Map<string, ItemShape | null>();

function itemShape(text: string): ItemShape | undefined {
  let shape = itemShapes.get(text);
  if (shape === undefined) {
    const p = parseActionPattern(text);
    if (!p) shape = null;
    else {
      const anyService = WILDCARD.test(p.service);
      const wild = anyService || WILDCARD.test(p.name);
      shape = {
        service: p.service,
        key: `${p.service}:${p.name}`,
        anyService,
        serviceMatcher: wild ? compileWildcard(p.service) : undefined,
        nameMatcher: wild ? compileWildcard(p.name) : undefined,
      };
    }
    if (itemShapes.size >= 100_000) itemShapes.clear();
    itemShapes.set(text, shape);
  }
  return shape ?? undefined;
}

/** The index of the list's first item that matches the action; -1 when none does. */
function firstMatchingItem(list: StrList, q: ActionQuery): number {
  const index = itemIndex(list);
  let first = index.literal.get(q.name) ?? -1;
  for (const w of index.byService.get(q.service) ?? NONE) {
    if (first >= 0 && w.index > first) break;
    if (w.name.matches(q.action)) {
      first = w.index;
      break;
    }
  }
  for (const w of index.anyService) {
    if (first >= 0 && w.index > first) break;
    if (w.service.matches(q.service) && w.name.matches(q.action)) {
      first = w.index;
      break;
    }
  }
  return first;
}

/** Whether the item is the full wildcard `*` or `*:*`. */
export function isAllActions(item: Str): boolean {
  // Cheap "no" first: the service part must be all wildcard, so the text starts with one.
  if (item.value.charCodeAt(0) !== 42 /* * */) return false;
  const p = item.unresolved ? undefined : parseActionPattern(item.value);
  return p !== undefined && /^\*+$/.test(p.service) && /^\*+$/.test(p.name);
}

const literalWords = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();
const NO_WORDS: ReadonlySet<string> = new Set();

/** The literal words of a service's ARN resource parts (`key`, `alias`, `secret`, `log-group`, `role`). */
function resourceTypeWords(catalog: Catalog, arnService: string): ReadonlySet<string> {
  let byService = literalWords.get(catalog);
  if (!byService) literalWords.set(catalog, (byService = new Map()));
  let words = byService.get(arnService);
  if (!words) {
    // Only the types whose formats have this ARN service (from the index resource matching shares), not a
    // second pass over every format of the catalogue.
    const acc = new Set<string>();
    for (const t of typesByArnService(catalog, arnService)) {
      // The formats as formatsOf splits them, without compiling each for matching (only the words are needed).
      for (const f of t.arnFormat.toLowerCase().split(/,\s*(?=arn:)/)) {
        const arn = parseArn(f.trim());
        if (!arn || arn.service !== arnService) continue;
        for (const seg of arn.resource.split(/[/:]/)) if (seg !== '' && !seg.includes('${')) acc.add(seg);
      }
    }
    words = acc.size > 0 ? acc : NO_WORDS;
    byService.set(arnService, words);
  }
  return words;
}

const unscopedAnswers = new WeakMap<Catalog, Map<string, boolean>>();

/**
 * "Unscoped" (CONTRACT.md): `*`, or an ARN whose resource part is all wildcard apart from the resource-type
 * words of the service's ARN formats (`arn:aws:kms:*:*:key/*`, `arn:aws:secretsmanager:*:*:secret:*`, an S3
 * object ARN whose bucket and key are both `*`). In a resource-based policy `*` names the resource the policy is
 * attached to, so it is not unscoped there. A policy variable is one value per request, not a wildcard.
 */
export function isUnscoped(catalog: Catalog, value: string, policyType: PolicyType): boolean {
  if (value === '*') return policyType !== 'resource';
  // Answers by text (they do not depend on the policy type apart from `*`): resources recur across policies.
  let answers = unscopedAnswers.get(catalog);
  if (!answers) unscopedAnswers.set(catalog, (answers = new Map()));
  let r = answers.get(value);
  if (r === undefined) {
    r = computeIsUnscoped(catalog, value);
    if (answers.size >= 20_000) answers.clear();
    answers.set(value, r);
  }
  return r;
}

function computeIsUnscoped(catalog: Catalog, value: string): boolean {
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
    for (const name of s.action ? namesOfServicesIn(s.action, actions) : actions) {
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

/** The names in `actions` that some `Allow` statement applies to (before denies and conditions). */
export function namesAllowedBy(statements: readonly Statement[], actions: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    if (!isAllow(s)) continue;
    for (const name of s.action ? namesOfServicesIn(s.action, actions) : actions) {
      if (!out.has(name) && statementAppliesTo(s, name)) out.add(name);
    }
  }
  return out;
}

const namesByService = new WeakMap<readonly string[], Map<string, number[]>>();

/**
 * The names in `actions` (in their order) whose service some item of the list can match: a list without an item
 * whose service part is a wildcard can match only names of the services it writes out, and a statement names a
 * few services while the rules ask about hundreds of names.
 */
function namesOfServicesIn(list: StrList, actions: readonly string[]): readonly string[] {
  const index = itemIndex(list);
  if (index.anyService.length > 0) return actions;
  let byService = namesByService.get(actions);
  if (!byService) {
    byService = new Map();
    actions.forEach((name, i) => {
      const q = queryOf(name);
      let same = byService!.get(q.service);
      if (!same) byService!.set(q.service, (same = []));
      same.push(i);
    });
    namesByService.set(actions, byService);
  }
  const picked: number[] = [];
  for (const service of index.literalServices) for (const i of byService.get(service) ?? []) picked.push(i);
  for (const service of index.byService.keys()) {
    if (index.literalServices.has(service)) continue;
    for (const i of byService.get(service) ?? []) picked.push(i);
  }
  picked.sort((a, b) => a - b);
  return picked.map((i) => actions[i]!);
}

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
  const compiled = resourcePattern(variablesAsWildcards(pattern));
  return types.some((t) => compiled.matchesType(t));
}

/** `a, b and 3 more` */
/** "iam:CreateAccessKey is allowed", or for a pattern `"iam:Create*" allows iam:CreateAccessKey, …`. */
export function grantedPhrase(granted: readonly string[], written: string): string {
  if (granted.length === 1 && granted[0]!.toLowerCase() === written.toLowerCase()) return `${granted[0]} is allowed`;
  return `"${written}" allows ${listNames(granted)}`;
}

export function listNames(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
