/**
 * Effective-access diff: which requests NEW allows that OLD does not (`added`), and the reverse (`removed`), over
 * the whole action catalogue. Per action, a policy set allows the union of its Allow statements minus the union of
 * its Deny statements. A NEW grant (one Allow statement on one resource glob) is "no new access" only when proven:
 * it lies inside one OLD grant (resources contained by glob automata, conditions implied by meaning) and every OLD
 * deny that cuts into it is matched by a NEW deny at least as wide — or a NEW unconditional deny covers it whole.
 * Everything not proven is reported; entries that are reported without proof of new access carry `uncertain` and
 * the reason, so that `newAccess: false` is never wrong.
 *
 * Actions with the same statements around them behave alike, so the work is done once per such group.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { conditionsImply, conditionsObject } from './conditions.js';
import { expandActionPattern } from '../actions.js';
import { globContainsCached, itemText, patternContains, resourceItems, setContains, setMayIntersect, type ResourceItem } from './resources.js';
import type { AccessStatement } from './statements.js';
import { groupActionsByStatements } from './universe.js';
import { unionContains } from './union.js';
import { remainingItems } from './remaining.js';
import { wildcardMatch } from '../wildcard.js';

export interface AccessEntry {
  action: string;
  /** a resource glob, or `NOT a, b` for a NotResource grant */
  resource: string;
  conditions: Record<string, Record<string, string[]>>;
  /** the statement that grants it (`file#index`) */
  statement: string;
  /** present when the entry is reported because it could not be proven covered, not because it is proven new */
  uncertain?: true;
  reason?: string;
}

export interface AccessDiff {
  version: 1;
  /** NEW allows some request OLD does not (or that could not be ruled out: see `uncertain` entries) */
  newAccess: boolean;
  added: AccessEntry[];
  removed: AccessEntry[];
}

interface Gap {
  statement: AccessStatement;
  item: ResourceItem;
  reason: string | undefined;
}

/** Does the statement apply to the same principals as the grant? (Identity statements have none.) */
function samePrincipal(s: AccessStatement, g: AccessStatement): boolean {
  return s.principal === undefined || s.principal === g.principal;
}

function allContained(outer: AccessStatement, inner: AccessStatement): boolean {
  return resourceItems(inner.resources, inner.variables).every((it) => setContains(outer.resources, outer.variables, it));
}

/** The text before a pattern's first wildcard (policy variables count as wildcards). */
function literalHead(pattern: string): string {
  let end = 0;
  while (end < pattern.length && pattern[end] !== '*' && pattern[end] !== '?' && !pattern.startsWith('${', end)) end++;
  return pattern.slice(0, end);
}

/**
 * The allows that may contain a resource glob, found by the literal heads of their globs: a glob contains another
 * only if its head starts the other's, so policies with thousands of statements are not compared pairwise.
 * Statements with `NotResource` or policy variables are always candidates.
 */
class ContainerIndex {
  /** plain globs by literal head, with the allow each belongs to */
  private readonly byHead = new Map<string, { o: AccessStatement; pattern: string }[]>();
  private readonly always: AccessStatement[] = [];

  constructor(readonly allows: readonly AccessStatement[]) {
    for (const o of allows) {
      if (o.resources.not || o.resources.patterns.some((p) => p.includes('${'))) {
        this.always.push(o);
        continue;
      }
      for (const pattern of new Set(o.resources.patterns)) {
        const h = literalHead(pattern);
        const list = this.byHead.get(h);
        if (list) list.push({ o, pattern });
        else this.byHead.set(h, [{ o, pattern }]);
      }
    }
  }

  /**
   * The first allow (in no particular order) for which `accept` holds and whose resources contain `item`: what
   * `allows.find(o => setContains(o.resources, …, item) && accept(o))` answers, without testing every glob.
   */
  findContaining(item: ResourceItem, accept: (o: AccessStatement) => boolean): AccessStatement | undefined {
    const contains = (o: AccessStatement) => setContains(o.resources, o.variables, item);
    if (item.not) return this.allows.find((o) => contains(o) && accept(o));
    const found = this.always.find((o) => contains(o) && accept(o));
    if (found) return found;
    const h = literalHead(item.patterns[0]!);
    for (let k = 0; k <= h.length; k++) {
      for (const { o, pattern } of this.byHead.get(h.slice(0, k)) ?? []) {
        if (patternContains(pattern, item.patterns[0]!, o.variables, item.variables) && accept(o)) return o;
      }
    }
    return undefined;
  }
}

/** The grants of `fromAllows` (less `fromDenies`) not proven inside `toAllows` less `toDenies`. */
function gaps(
  fromAllows: readonly AccessStatement[],
  fromDenies: readonly AccessStatement[],
  toAllows: readonly AccessStatement[],
  toDenies: readonly AccessStatement[],
): Gap[] {
  const out: Gap[] = [];
  const containers = new ContainerIndex(toAllows);
  for (const g of fromAllows) {
    for (const { item } of remainingItems(g, fromDenies, samePrincipal)) {
      const cover =
        containers.findContaining(item, (o) => o.principal === g.principal && conditionsImply(g.conditions, o.conditions)) ??
        coverByUnion(g, item, toAllows);
      if (cover) {
        // What the other side denied inside this grant must be denied here too, at least as widely.
        // Any deny on the other side may apply to this grant's principals (a `Principal` written differently can
        // still name them), so none is skipped here.
        const lost = toDenies.find(
          (d) =>
            setMayIntersect(d.resources, d.variables, item) &&
            !fromDenies.some(
              (e) =>
                samePrincipal(e, g) &&
                (allContained(e, d) || setContains(e.resources, e.variables, item)) &&
                conditionsImply([...d.conditions, ...g.conditions], e.conditions),
            ),
        );
        if (lost) {
          // An ARN the lost deny surely denied, inside the grant, that no deny on this side can match proves it.
          const proven = lost.conditions.length === 0 && samePrincipal(lost, g) && deniedWitness(lost, item, fromDenies) !== undefined;
          out.push({
            statement: g,
            item,
            reason: proven ? undefined : `${lost.source} denies part of this, and no deny on this side is proven to cover it`,
          });
        }
        continue;
      }
      // For the proof by a concrete ARN, every statement that might apply counts, whatever its principal.
      const touching = toAllows.filter((o) => setMayIntersect(o.resources, o.variables, item));
      const denying = fromDenies.filter((d) => setMayIntersect(d.resources, d.variables, item));
      // A concrete ARN of the grant that no allow on the other side and no deny on this side can match proves it.
      if ((touching.length === 0 && denying.length === 0) || witness(item, [...touching, ...denying]) !== undefined) {
        out.push({ statement: g, item, reason: undefined });
        continue;
      }
      const sameResources = touching.find((o) => o.principal === g.principal && setContains(o.resources, o.variables, item));
      let reason: string;
      if (sameResources) reason = `its conditions are not proven at least as narrow as those of ${sameResources.source}`;
      else if (touching.length > 0) reason = `only partly inside the resources of ${touching.map((o) => o.source).join(', ')}`;
      else reason = `${denying.map((d) => d.source).join(', ')} may deny it, not proven to deny all of it`;
      out.push({ statement: g, item, reason });
    }
  }
  return out;
}

/**
 * A glob inside no single allow of the other side may still lie inside several together (`b/*` in `b/` and `b/?*`).
 * Only allows for the same principals whose conditions the grant implies, with plain `Resource` globs, count.
 * Returns one of them (to stand for the cover) or undefined.
 */
function coverByUnion(g: AccessStatement, item: ResourceItem, toAllows: readonly AccessStatement[]): AccessStatement | undefined {
  if (item.not || item.patterns[0]!.includes('${')) return undefined;
  const usable = toAllows.filter(
    (o) => o.principal === g.principal && !o.resources.not && setMayIntersect(o.resources, o.variables, item) && conditionsImply(g.conditions, o.conditions),
  );
  const globs = usable.flatMap((o) => o.resources.patterns).filter((p) => !p.includes('${'));
  if (globs.length < 2) return undefined;
  return unionContains(globs, item.patterns[0]!) ? usable[0] : undefined;
}

/** An ARN of the deny's globs that the item matches and none of `others` can (undefined when none is found). */
function deniedWitness(deny: AccessStatement, item: ResourceItem, others: readonly AccessStatement[]): string | undefined {
  if (deny.resources.not) return undefined;
  const inItem = (arn: string): boolean =>
    item.not ? !item.patterns.some((p) => p.includes('${') || wildcardMatch(p, arn)) : !item.patterns[0]!.includes('${') && wildcardMatch(item.patterns[0]!, arn);
  for (const q of deny.resources.patterns) {
    if (q.includes('${')) continue;
    for (const fill of ['x', '', '\u0001']) {
      const arn = q.replace(/\*/g, fill).replace(/\?/g, fill || 'x');
      if (inItem(arn) && !others.some((o) => mayMatch(o.resources, arn))) return arn;
    }
  }
  return undefined;
}

/** Whether the set might match the ARN (true when a policy variable makes it unsure). */
function mayMatch(set: AccessStatement['resources'], arn: string): boolean {
  if (set.not) return !set.patterns.some((p) => !p.includes('${') && wildcardMatch(p, arn));
  return set.patterns.some((p) => p.includes('${') || wildcardMatch(p, arn));
}

/** A concrete ARN the item matches and none of the statements' resources can: the item's wildcards filled in. */
function witness(item: ResourceItem, others: readonly AccessStatement[]): string | undefined {
  if (item.not || item.patterns[0]!.includes('${')) return undefined;
  const p = item.patterns[0]!;
  for (const fill of ['x', '', '\u0001']) {
    const arn = p.replace(/\*/g, fill).replace(/\?/g, fill || 'x');
    if (!others.some((o) => mayMatch(o.resources, arn))) return arn;
  }
  return undefined;
}

function entries(gs: readonly Gap[], actions: readonly string[]): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const g of gs) {
    const conditions = conditionsObject(g.statement.conditions);
    const resource = itemText(g.item);
    for (const action of actions) {
      const e: AccessEntry = { action, resource, conditions, statement: g.statement.source };
      if (g.reason !== undefined) {
        e.uncertain = true;
        e.reason = g.reason;
      }
      out.push(e);
    }
  }
  return out;
}

function byActionResource(a: AccessEntry, b: AccessEntry): number {
  const x = a.action.toLowerCase();
  const y = b.action.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0;
}

/**
 * Wildcards that match no action in today's catalogue (`newservice:*`) still grant whatever AWS adds under them.
 * Such a pattern in an `Allow` of one side is reported, `uncertain`, unless an `Allow` of the other side has an
 * action pattern containing it (glob containment), resources containing the statement's and conditions it implies.
 */
function beyondCatalog(catalog: Catalog, from: readonly AccessStatement[], to: readonly AccessStatement[]): AccessEntry[] {
  const out: AccessEntry[] = [];
  for (const g of from) {
    if (g.effect !== 'Allow' || g.actions.not) continue;
    for (const p of g.actions.patterns) {
      if (!/[*?]/.test(p) || expandActionPattern(catalog, p).length > 0) continue;
      const lower = p.toLowerCase();
      for (const item of resourceItems(g.resources, g.variables)) {
        const covered = to.some(
          (o) =>
            o.effect === 'Allow' &&
            !o.actions.not &&
            o.principal === g.principal &&
            o.actions.patterns.some((q) => globContainsCached(q.toLowerCase(), lower)) &&
            setContains(o.resources, o.variables, item) &&
            conditionsImply(g.conditions, o.conditions),
        );
        if (covered) continue;
        out.push({
          action: p,
          resource: itemText(item),
          conditions: conditionsObject(g.conditions),
          statement: g.source,
          uncertain: true,
          reason: 'the pattern matches no action in the catalogue; any action AWS adds under it would be granted',
        });
      }
    }
  }
  return out;
}

/** The effective-access difference between two sets of statements (each the union of a principal's policies). */
export function diffStatements(catalog: Catalog, oldStatements: readonly AccessStatement[], newStatements: readonly AccessStatement[]): AccessDiff {
  const all = [...oldStatements, ...newStatements];
  const added: AccessEntry[] = [];
  const removed: AccessEntry[] = [];
  const split = (ids: number[], from: number, to: number): { allows: AccessStatement[]; denies: AccessStatement[] } => {
    const ss = ids.filter((i) => i >= from && i < to).map((i) => all[i]!);
    return { allows: ss.filter((s) => s.effect === 'Allow'), denies: ss.filter((s) => s.effect === 'Deny') };
  };
  for (const g of groupActionsByStatements(catalog, all)) {
    const o = split(g.statements, 0, oldStatements.length);
    const n = split(g.statements, oldStatements.length, all.length);
    // Loops, not spreads: a `*` grant is tens of thousands of entries, past the argument limit.
    for (const e of entries(gaps(n.allows, n.denies, o.allows, o.denies), g.actions)) added.push(e);
    for (const e of entries(gaps(o.allows, o.denies, n.allows, n.denies), g.actions)) removed.push(e);
  }
  for (const e of beyondCatalog(catalog, newStatements, oldStatements)) added.push(e);
  for (const e of beyondCatalog(catalog, oldStatements, newStatements)) removed.push(e);
  added.sort(byActionResource);
  removed.sort(byActionResource);
  return { version: 1, newAccess: added.length > 0, added, removed };
}
