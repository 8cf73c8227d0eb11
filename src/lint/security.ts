/**
 * What the security rules share: which resources are "unscoped", which actions a statement grants without
 * expanding `*` over the catalogue (the rules ask about a few dozen named actions, never about every action),
 * and which conditions narrow a grant.
 */
import type { Action, Catalog, ResourceType, Service } from '../catalog/catalog.js';
import { parseActionPattern, type ActionPattern } from '../engine/actions.js';
import { parseArn, variablesAsWildcards } from '../engine/arn.js';
import { compileWildcard, hasWildcard } from '../engine/wildcard.js';
import { isAllow, type ConditionClause, type PolicyType, type Statement, type Str } from '../policy/model.js';
import { resourcePattern, resourceTypesFor, typesByArnService } from './resource-match.js';
import type { ActionItem, PolicyAnalysis } from './analysis.js';
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
export function statementAppliesTo(analysis: PolicyAnalysis, s: Statement, fullName: string): ActionHit | undefined {
  return statementAppliesToQuery(analysis, s, queryOf(fullName).id);
}

/**
 * The id statementAppliesToQuery takes for `service:Name`, for a caller that asks one name of every statement.
 * Valid until a later call adds names (the set is emptied only after thousands of distinct names).
 */
export function actionQueryId(fullName: string): number {
  return queryOf(fullName).id;
}

/** statementAppliesTo by the id of actionQueryId. */
export function statementAppliesToQuery(analysis: PolicyAnalysis, s: Statement, id: number): ActionHit | undefined {
  if (s.action) {
    const i = itemOf(firstItems(analysis, s), id);
    if (i === 0) return undefined;
    const item = s.action.items[i - 1]!;
    return { pointer: item.pointer, written: item.value };
  }
  if (s.notAction) {
    if (itemOf(firstItems(analysis, s), id) !== 0) return undefined;
    return { pointer: s.notAction.pointer, written: 'NotAction' };
  }
  return undefined;
}

/**
 * The named actions the rules ask about, each with a dense id. The rules ask about a fixed hundred-odd names
 * (the lists of risky-actions.ts and escalation-paths.ts, iam:PassRole…), so each statement's items are matched
 * against all of them in one pass (firstItems) and every later question is an array read: the rules ask
 * dozens of names per statement, and managed policies list hundreds of actions.
 */
interface ActionQuery {
  id: number;
  /** `service:action`, lower case */
  name: string;
  service: string;
  action: string;
  /** `[id]`, the answer for a literal pattern naming this action */
  only: readonly number[];
  /** whether the action part has no wildcard (a pattern with the same text is then literal too) */
  literal: boolean;
}
/** by the name as asked and by its lower-case form */
const queries = new Map<string, ActionQuery>();
const queryList: ActionQuery[] = [];
/** A service's queries: the list, and by action name for the literal patterns (most items). */
interface ServiceQueries {
  list: ActionQuery[];
  byAction: Map<string, ActionQuery>;
}
const queriesByService = new Map<string, ServiceQueries>();
/**
 * Bumped when a name joins the set (answers computed before then lack it), which also happens after the set is
 * emptied: the per-list ids and per-statement tables below carry the generation they were computed at, and the
 * per-pattern answers are dropped.
 */
let generation = 0;
/** how many times the cap emptied the set */
let emptied = 0;

function queryOf(fullName: string): ActionQuery {
  let q = queries.get(fullName);
  if (!q) {
    const name = fullName.toLowerCase();
    q = queries.get(name);
    if (!q) {
      // The names come from the rules' constant lists; the cap only guards against a caller asking about
      // arbitrary names.
      if (queryList.length >= 10_000) {
        emptied++;
        queries.clear();
        queryList.length = 0;
        queriesByService.clear();
      }
      const colon = name.indexOf(':');
      const id = queryList.length;
      const action = name.slice(colon + 1);
      q = { id, name, service: name.slice(0, colon), action, only: [id], literal: !hasWildcard(action) };
      queryList.push(q);
      queries.set(name, q);
      let same = queriesByService.get(q.service);
      if (!same) queriesByService.set(q.service, (same = { list: [], byAction: new Map() }));
      same.list.push(q);
      same.byAction.set(q.action, q);
      generation++;
      patternMatches.clear();
    }
    queries.set(fullName, q);
  }
  return q;
}

/** A list of names as query ids: `ids` in the list's order, `member[id]` 1 when the list names the query. */
interface ListIds {
  generation: number;
  ids: Int32Array;
  member: Uint8Array;
}
const listIds = new WeakMap<readonly string[], ListIds>();

/** The query ids of a list of names. */
function idsOf(actions: readonly string[]): ListIds {
  let entry = listIds.get(actions);
  if (!entry || entry.generation !== generation) {
    const ids = new Int32Array(actions.length);
    // Again if the set was emptied half-way (the cap in queryOf): ids of before and after would not mix.
    for (let tries = 0; tries < 2; tries++) {
      const before = emptied;
      for (let i = 0; i < actions.length; i++) ids[i] = queryOf(actions[i]!).id;
      if (emptied === before) break;
    }
    const member = new Uint8Array(queryList.length);
    for (let i = 0; i < ids.length; i++) member[ids[i]!] = 1;
    // queryOf may have added names: the generation after the whole list is the one the ids belong to.
    entry = { generation, ids, member };
    listIds.set(actions, entry);
  }
  return entry;
}

const WILDCARD = /[*?]/;
const NO_IDS: readonly number[] = [];

/**
 * The ids of the queries an action pattern matches, by pattern: the analysis shares one pattern object per
 * distinct text, and a lookup by object is several times cheaper than one by text (which compares characters).
 * A plain Map, not a WeakMap: the analysis's own cache holds the patterns anyway, and a large WeakMap costs
 * every garbage collection an ephemeron pass.
 */
const patternMatches = new Map<ActionPattern, readonly number[]>();

function matchesOf(p: ActionPattern, literalService: boolean): readonly number[] {
  // Most items are literal `service:Action` texts: lookups by the service and action texts answer them
  // without growing the per-pattern memo (whose inserts are most of the cold cost). Only wildcard patterns,
  // whose answers take a loop over the queries, are memoised.
  if (literalService || !hasWildcard(p.service)) {
    const same = queriesByService.get(p.service);
    if (same === undefined) return NO_IDS;
    if (!hasWildcard(p.name)) return same.byAction.get(p.name)?.only ?? NO_IDS;
  }
  let ids = patternMatches.get(p);
  if (ids === undefined) {
    ids = computeMatches(p);
    if (patternMatches.size >= 100_000) patternMatches.clear();
    patternMatches.set(p, ids);
  }
  return ids;
}

function computeMatches(p: ActionPattern): readonly number[] {
  if (!WILDCARD.test(p.service)) {
    // Most patterns name a service the rules never ask about: one lookup by the (short) service name.
    const same = queriesByService.get(p.service);
    if (!same) return NO_IDS;
    if (!WILDCARD.test(p.name)) return same.byAction.get(p.name)?.only ?? NO_IDS;
    const name = compileWildcard(p.name);
    const out: number[] = [];
    for (const q of same.list) if (name.matches(q.action)) out.push(q.id);
    return out.length > 0 ? out : NO_IDS;
  }
  const service = compileWildcard(p.service);
  const name = compileWildcard(p.name);
  const out: number[] = [];
  for (const q of queryList) if (service.matches(q.service) && name.matches(q.action)) out.push(q.id);
  return out.length > 0 ? out : NO_IDS;
}

/**
 * For the statement's `Action` list (its `NotAction` list when it has no `Action`): the query ids some item
 * matches, each followed by 1 + the index of the first item that matches it, in the order they are first matched
 * (`[id, at, id, at, …]`); null when no item matches any query (most statements of a corpus). A statement hits
 * two names on average: a short array, not a table over all ~140 (a typed array that size is allocated outside
 * V8's heap, which costs more than the search it saves). Unresolved template values and malformed items have no
 * pattern and match nothing.
 */
type StatementTable = number[];

let policyTables: { analysis: PolicyAnalysis | undefined; generation: number; list: readonly (StatementTable | null)[] } = {
  analysis: undefined,
  generation: 0,
  list: [],
};

/**
 * The tables of the analysis's statements, by position in `document.statements`: made together on the first
 * question about a policy, since the security rules walk every statement (one array per policy, read by
 * position, instead of a map lookup per statement per rule). One policy at a time: the rules run policy by policy.
 */
function tablesOf(analysis: PolicyAnalysis): readonly (StatementTable | null)[] {
  if (policyTables.analysis !== analysis || policyTables.generation !== generation) {
    const list: (StatementTable | null)[] = [];
    for (const s of analysis.document.statements) list.push(tableOf(analysis, s));
    policyTables = { analysis, generation, list };
  }
  return policyTables.list;
}

function tableOf(analysis: PolicyAnalysis, s: Statement): StatementTable | null {
  return s.action ? computeFirstItems(analysis.actions(s)) : s.notAction ? computeFirstItems(analysis.notActions(s)) : null;
}

/** The statement's table: by its position when it is one of the analysis's statements (always, from the rules). */
function firstItems(analysis: PolicyAnalysis, s: Statement): StatementTable | null {
  const statements = analysis.document.statements;
  // `index` is the position in the policy's `Statement` array, which is the position here unless some element
  // of that array was not an object.
  const i = statements[s.index] === s ? s.index : statements.indexOf(s);
  return i >= 0 ? (tablesOf(analysis)[i] ?? null) : tableOf(analysis, s);
}

/** 1 + the index of the first item matching the query (0: none). */
function itemOf(table: StatementTable | null, id: number): number {
  if (table !== null) for (let k = 0; k < table.length; k += 2) if (table[k] === id) return table[k + 1]!;
  return 0;
}

/** computeFirstItems's marks of the ids already in the table being built; cleared after each statement. */
let seen = new Uint8Array(0);

function computeFirstItems(items: readonly ActionItem[]): StatementTable | null {
  let table: StatementTable | null = null;
  // Lists run service by service (hundreds of `ec2:…` in a row): the last service's queries are kept, so most
  // items cost a compare of the catalogue's service objects, not a lookup.
  let lastService: Service | undefined;
  let lastQueries: ServiceQueries | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const p = item.pattern;
    if (p === undefined) continue;
    let ids: readonly number[];
    // The analysis names the catalogue service only for a literal service part.
    const service = item.service;
    if (service !== undefined) {
      if (service !== lastService) {
        lastService = service;
        lastQueries = queriesByService.get(p.service);
      }
      // Most items name a service the rules never ask about: no look at the action part then.
      if (lastQueries === undefined) continue;
      // The literal lookup first: a found name without wildcards (the rules ask only such names) is the answer,
      // and only the misses pay the wildcard scan.
      const q = lastQueries.byAction.get(p.name);
      ids = q !== undefined && q.literal ? q.only : hasWildcard(p.name) ? matchesOf(p, true) : (q?.only ?? NO_IDS);
    } else ids = matchesOf(p, false);
    if (ids.length === 0) continue;
    if (table === null) {
      table = [];
      if (seen.length < queryList.length) seen = new Uint8Array(queryList.length);
    }
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (seen[id] === 0) {
        seen[id] = 1;
        table.push(id, i + 1);
      }
    }
  }
  if (table !== null) for (let k = 0; k < table.length; k += 2) seen[table[k]!] = 0;
  return table;
}

/** Whether the item is the full wildcard `*` or `*:*`. */
export function isAllActions(item: Str): boolean {
  // Cheap "no" first: the service part must be all wildcard, so the text starts with one.
  if (item.value.charCodeAt(0) !== 42 /* * */) return false;
  const p = item.unresolved ? undefined : parseActionPattern(item.value);
  return p !== undefined && /^\*+$/.test(p.service) && /^\*+$/.test(p.name);
}

const literalWords = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();
const ownLiteralWords = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();
const NO_WORDS: ReadonlySet<string> = new Set();

/** The literal words of a service's ARN resource parts (`key`, `alias`, `secret`, `log-group`, `role`). */
function resourceTypeWords(catalog: Catalog, arnService: string): ReadonlySet<string> {
  let byService = literalWords.get(catalog);
  if (!byService) literalWords.set(catalog, (byService = new Map()));
  let words = byService.get(arnService);
  if (!words) {
    // Only the types whose formats have this ARN service (from the index resource matching shares), not a
    // second pass over every format of the catalogue.
    words = wordsOf(typesByArnService(catalog, arnService), arnService);
    byService.set(arnService, words);
  }
  return words;
}

/**
 * The part of resourceTypeWords that the catalogue service of the same prefix gives (`kms` types for ARN
 * service `kms`). A subset of the words: a segment found here is a word without loading every service for the
 * index (which a small policy naming `arn:aws:kms:*:*:key/*` would otherwise pay).
 */
function ownServiceWords(catalog: Catalog, arnService: string): ReadonlySet<string> {
  let byService = ownLiteralWords.get(catalog);
  if (!byService) ownLiteralWords.set(catalog, (byService = new Map()));
  let words = byService.get(arnService);
  if (!words) {
    words = wordsOf(catalog.service(arnService)?.resourceTypes ?? [], arnService);
    // ARN services are the catalogue's prefixes and a few more: the cap only guards against arbitrary text.
    if (byService.size >= 10_000) byService.clear();
    byService.set(arnService, words);
  }
  return words;
}

function wordsOf(types: readonly ResourceType[], arnService: string): ReadonlySet<string> {
  const acc = new Set<string>();
  for (const t of types) {
    // The formats as formatsOf splits them, without compiling each for matching (only the words are needed).
    for (const f of t.arnFormat.toLowerCase().split(/,\s*(?=arn:)/)) {
      const arn = parseArn(f.trim());
      if (!arn || arn.service !== arnService) continue;
      for (const seg of arn.resource.split(/[/:]/)) if (seg !== '' && !seg.includes('${')) acc.add(seg);
    }
  }
  return acc.size > 0 ? acc : NO_WORDS;
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
  // Unscoped needs a segment of only `*`/`?`: a value without either (a named ARN, most resources) is scoped,
  // answered without the memo's lookups.
  if (!hasWildcard(value)) return false;
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
  if (isAllWildcard(value)) return true;
  // A policy variable (`user/${aws:username}`) resolves to one value per request: it scopes, like a name.
  const arn = parseArn(value.toLowerCase());
  if (!arn) return false;
  const segments = arn.resource.split(/[/:]/);
  // One pass: is there an all-wildcard segment, and a word (a non-empty segment that is not all wildcard)?
  let wild = false;
  let word = false;
  for (const seg of segments) {
    if (isAllWildcard(seg)) wild = true;
    else if (seg !== '') word = true;
  }
  // Without an all-wildcard segment the answer is "scoped" whatever the words are; asked first, since the
  // words of one ARN service need the resource types of every catalogue service (a small policy would
  // otherwise load the whole catalogue for `role/app-*`).
  if (!wild) return false;
  // Nor when every segment is empty or all wildcard (`arn:aws:s3:::*`): no word is asked about.
  if (!word) return true;
  // A wildcard service has no resource-type words: the word scopes.
  if (hasWildcard(arn.service)) return false;
  const own = ownServiceWords(catalog, arn.service);
  if (onlyWords(segments, own)) return true;
  return onlyWords(segments, resourceTypeWords(catalog, arn.service));
}

/** Whether every segment is empty, all wildcard, or one of the words. */
function onlyWords(segments: readonly string[], words: ReadonlySet<string>): boolean {
  for (const seg of segments) if (seg !== '' && !words.has(seg) && !isAllWildcard(seg)) return false;
  return true;
}

/** `/^[*?]+$/`, as a loop: asked of every segment of every resource that has a wildcard. */
function isAllWildcard(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 42 /* * */ && c !== 63 /* ? */) return false;
  }
  return true;
}

interface UnscopedResource {
  pointer: string;
  value: string;
}
const NOTHING_UNSCOPED: readonly UnscopedResource[] = [];

/** One policy's answers at a time (the rules run policy by policy), as for the match tables. */
let unscopedTables: { analysis: PolicyAnalysis | undefined; policyType: PolicyType | undefined; lists: Map<Statement, readonly UnscopedResource[]> } = {
  analysis: undefined,
  policyType: undefined,
  lists: new Map(),
};

/**
 * The statement's resource items that are unscoped; for a `NotResource` statement, the element itself. Once per
 * statement: four rules ask about the same statements.
 */
export function unscopedResources(analysis: PolicyAnalysis, s: Statement, policyType: PolicyType): readonly UnscopedResource[] {
  // A Map that dies with the policy, not a WeakMap entry per statement of the corpus (every garbage collection
  // walks a WeakMap's entries).
  if (unscopedTables.analysis !== analysis || unscopedTables.policyType !== policyType) {
    unscopedTables = { analysis, policyType, lists: new Map() };
  }
  let list = unscopedTables.lists.get(s);
  if (list === undefined) {
    list = computeUnscoped(analysis.catalog, s, policyType);
    unscopedTables.lists.set(s, list);
  }
  return list;
}

function computeUnscoped(catalog: Catalog, s: Statement, policyType: PolicyType): readonly UnscopedResource[] {
  if (s.notResource) return [{ pointer: s.notResource.pointer, value: 'NotResource' }];
  const items = s.resource?.items;
  if (items === undefined) return NOTHING_UNSCOPED;
  let list: Str[] | undefined;
  // The items themselves: they carry the pointer and the value.
  for (const r of items) if (!r.unresolved && isUnscoped(catalog, r.value, policyType)) (list ??= []).push(r);
  return list ?? NOTHING_UNSCOPED;
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
  // Most statements have no condition: no empty array to walk then.
  const clauses = s.condition?.clauses;
  if (clauses === undefined) return false;
  for (const c of clauses) if (isPositive(c) && isNarrowingKey(c.key)) return true;
  return false;
}

/** Answers by key text: a corpus repeats the same few condition keys. */
const narrowingKeys = new Map<string, boolean>();

function isNarrowingKey(key: string): boolean {
  let r = narrowingKeys.get(key);
  if (r === undefined) {
    const lower = key.toLowerCase();
    r = RESOURCE_NARROWING.some((re) => re.test(lower));
    if (narrowingKeys.size >= 10_000) narrowingKeys.clear();
    narrowingKeys.set(key, r);
  }
  return r;
}

/** A clause that admits only the listed values: not a `…Not…` operator, not `Null`, with no value that is `*`. */
export function isPositive(c: ConditionClause): boolean {
  if (!c.op) return false;
  if (c.op.base.negated || c.op.base.family === 'Null') return false;
  const items = c.values.items;
  if (items.length === 0) return false;
  for (let i = 0; i < items.length; i++) if (matchesEverything(items[i]!.value)) return false;
  return true;
}

/** Whether a value is only `*` and `?` with at least one `*` (it admits every value). A loop, not a regex: hot. */
function matchesEverything(value: string): boolean {
  let star = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 42 /* * */) star = true;
    else if (c !== 63 /* ? */) return false;
  }
  return star;
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
  const list = idsOf(actions);
  const member = list.member;
  // The analysis's statements are the document's: read with the tables by position.
  const statements = ctx.analysis.document.statements;
  const tables = tablesOf(ctx.analysis);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (!isAllow(s)) continue;
    // Which listed names the statement grants comes first: most statements grant none, so their resources and
    // conditions are never looked at.
    const table = tables[i]!;
    if (s.action) {
      if (table === null) continue;
      let some = false;
      for (let k = 0; k < table.length; k += 2) {
        if (member[table[k]!] === 1) {
          some = true;
          break;
        }
      }
      if (!some) continue;
    } else if (s.notAction) {
      if (table !== null && !missesSome(table, list.ids)) continue;
    } else continue;
    const unscoped = unscopedResources(ctx.analysis, s, ctx.policyType);
    if (unscoped.length === 0 || narrowsResources(s)) continue;
    reportStatement(ctx, s, table, list.ids, actions, unscoped, message);
  }
}

/** reportListedOnUnscoped's findings for one statement that grants some listed name on an unscoped resource. */
function reportStatement(
  ctx: RuleContext,
  s: Statement,
  table: StatementTable | null,
  ids: Int32Array,
  actions: readonly string[],
  unscoped: readonly UnscopedResource[],
  message: (granted: readonly string[], written: string, resource: string) => string,
): void {
  const list = (s.action ?? s.notAction)!;
  const viaNotAction = s.action === undefined;
  // By the granting item (1 + its index; 0 for the NotAction element), in the order items first grant.
  const byItem = new Map<number, { pointer: string; written: string; granted: string[]; resource: string }>();
  for (let k = 0; k < ids.length; k++) {
    const at = itemOf(table, ids[k]!);
    if (viaNotAction ? at !== 0 : at === 0) continue;
    const name = actions[k]!;
    // The unscoped resource must be one the action acts on: `cert/*` next to a named bucket leaves
    // s3:GetObject scoped.
    const on = unscoped.find((r) => r.value === 'NotResource' || resourceFitsAction(ctx.catalog, r.value, name));
    if (!on) continue;
    const key = viaNotAction ? 0 : at;
    let entry = byItem.get(key);
    if (!entry) {
      const resource = on.value === 'NotResource' ? 'NotResource' : `"${on.value}"`;
      const item = viaNotAction ? undefined : list.items[at - 1]!;
      entry = { pointer: item ? item.pointer : list.pointer, written: item ? item.value : 'NotAction', granted: [], resource };
      byItem.set(key, entry);
    }
    entry.granted.push(name);
  }
  for (const { pointer, written, granted, resource } of byItem.values()) ctx.report({ pointer, message: message(granted, written, resource) });
}

/** Whether no item matches one of the ids (a `NotAction` list then leaves it allowed). */
function missesSome(table: StatementTable, ids: Int32Array): boolean {
  for (let k = 0; k < ids.length; k++) if (itemOf(table, ids[k]!) === 0) return true;
  return false;
}

/** namesAllowedBy's marks of the listed ids some statement allows; cleared before it returns. */
let allowedMarks = new Uint8Array(0);

/** The names in `actions` that some `Allow` statement applies to (before denies and conditions). */
export function namesAllowedBy(analysis: PolicyAnalysis, actions: readonly string[]): Set<string> {
  const { ids, member } = idsOf(actions);
  // Marks by id in a buffer kept between calls (a typed array of ~140 entries per policy is allocated outside
  // V8's heap); the listed ones are read out at the end, in the list's order.
  if (allowedMarks.length < queryList.length) allowedMarks = new Uint8Array(queryList.length);
  const marks = allowedMarks;
  let some = false;
  const statements = analysis.document.statements;
  const tables = tablesOf(analysis);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    if (!isAllow(s)) continue;
    const table = tables[i]!;
    if (s.action) {
      if (table === null) continue;
      for (let k = 0; k < table.length; k += 2) {
        const id = table[k]!;
        if (member[id] === 1) {
          marks[id] = 1;
          some = true;
        }
      }
    } else if (s.notAction) {
      for (let k = 0; k < ids.length; k++) {
        if (itemOf(table, ids[k]!) === 0) {
          marks[ids[k]!] = 1;
          some = true;
        }
      }
    }
  }
  const out = new Set<string>();
  if (some) {
    for (let k = 0; k < ids.length; k++) if (marks[ids[k]!] !== 0) out.add(actions[k]!);
    for (let k = 0; k < ids.length; k++) marks[ids[k]!] = 0;
  }
  return out;
}

/**
 * Whether a resource pattern can name a resource the action acts on (`*` always; an action without resource
 * types, or one the catalogue does not know, cannot be judged and fits). Policy variables count as wildcards.
 */
export function resourceFitsAction(catalog: Catalog, pattern: string, action: string, target?: string): boolean {
  if (pattern === '*') return true;
  const known = actionNamed(catalog, action);
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

const actionsByName = new WeakMap<Catalog, Map<string, Action | null>>();

/**
 * catalog.action by the name as asked: the rules ask about the same few dozen names for every grant they judge,
 * and the catalogue's lookup splits and lower-cases the text each time.
 */
function actionNamed(catalog: Catalog, name: string): Action | undefined {
  let byName = actionsByName.get(catalog);
  if (!byName) actionsByName.set(catalog, (byName = new Map()));
  let known = byName.get(name);
  if (known === undefined) {
    // The names come from the rules' constant lists; the cap only guards against a caller asking arbitrary ones.
    if (byName.size >= 10_000) byName.clear();
    byName.set(name, (known = catalog.action(name) ?? null));
  }
  return known ?? undefined;
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
