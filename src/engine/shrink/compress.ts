/**
 * Action sets written back as few, short patterns that match exactly the same catalogue actions. Within a service,
 * an action is covered by the shortest word-boundary prefix wildcard (`s3:GetObject*`, `s3:Get*`) whose every
 * catalogue match is in the allowed set; a wildcard that would reach one action outside the set is never used, so
 * the result is equivalent for Deny statements as much as for Allow. The user's own patterns compete on length,
 * and patterns implied by another pattern of the list are dropped.
 */
import type { Action, Catalog, Service } from '../../catalog/catalog.js';
import { expandActionPattern, parseActionPattern } from '../actions.js';
import { globContainsCached } from '../access/resources.js';
import { hasWildcard } from '../wildcard.js';

/** The character cost of a pattern in a list: the text, its quotes and a comma. */
const cost = (p: string): number => p.length + 3;
const total = (ps: readonly string[]): number => ps.reduce((n, p) => n + cost(p), 0);

/** Catalogue ids the patterns match; the patterns that match nothing in the catalogue are kept as written. */
export function expandPatterns(catalog: Catalog, patterns: readonly string[]): { ids: Set<number>; verbatim: string[] } {
  const ids = new Set<number>();
  const verbatim: string[] = [];
  for (const p of patterns) {
    const hit = expandActionPattern(catalog, p);
    if (hit.length === 0) verbatim.push(p);
    for (const a of hit) ids.add(a.id);
  }
  return { ids, verbatim };
}

/** Word boundaries of an action name: before each upper-case letter, and the end. */
function boundaries(name: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) out.push(i);
  }
  out.push(name.length);
  return out;
}

/** The service's actions (sorted by lower-case name) whose names start with `prefix`: a contiguous range. */
function prefixRange(actions: readonly Action[], prefix: string): [number, number] {
  let lo = 0;
  let hi = actions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (actions[mid]!.lowerName < prefix) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < actions.length && actions[end]!.lowerName.startsWith(prefix)) end++;
  return [lo, end];
}

/**
 * Patterns for one service covering `needed`, matching nothing outside `allowed`. `service:*` only where the
 * policy already said it: written for a list that happens to hold every action today, it would also grant every
 * action the service adds later (and lint reports it as service-wildcard).
 */
export function compressService(
  service: Service,
  needed: ReadonlySet<number>,
  allowed: ReadonlySet<number>,
  serviceWildcard = false,
): string[] {
  const actions = service.actions;
  if (serviceWildcard && actions.every((a) => allowed.has(a.id))) return [`${service.prefix}:*`];
  const chosen = new Map<string, [number, number]>();
  actions.forEach((a, index) => {
    if (!needed.has(a.id)) return;
    for (const b of boundaries(a.name)) {
      const prefix = a.lowerName.slice(0, b);
      const [lo, hi] = prefixRange(actions, prefix);
      // A wildcard standing for one action saves little and would grant an action AWS adds later under that
      // prefix: one action is written as its name.
      if (hi - lo < 2) break;
      let ok = true;
      for (let i = lo; i < hi && ok; i++) ok = allowed.has(actions[i]!.id);
      if (!ok) continue;
      chosen.set(`${service.prefix}:${a.name.slice(0, b)}*`, [lo, hi]);
      return;
    }
    // Every wildcard reaches an action outside the set (`s3:GetObject*` → `s3:GetObjectAcl`): the name as it is.
    chosen.set(`${service.prefix}:${a.name}`, [index, index + 1]);
  });
  // A range inside another chosen range adds nothing.
  const ranges = [...chosen.entries()].sort((x, y) => x[1][0] - y[1][0] || y[1][1] - x[1][1]);
  const out: string[] = [];
  let end = -1;
  for (const [text, [lo, hi]] of ranges) {
    if (lo >= 0 && hi <= end) continue;
    out.push(text);
    end = Math.max(end, hi);
  }
  return out;
}

function serviceOf(p: string): string | undefined {
  const parsed = parseActionPattern(p);
  return parsed && !hasWildcard(parsed.service) ? parsed.service : undefined;
}

/**
 * Drops patterns whose matches another pattern of the list already covers (over the catalogue, and by glob
 * containment for patterns that match nothing there).
 */
export function dropRedundant(catalog: Catalog, patterns: readonly string[]): string[] {
  const unique = [...new Map(patterns.map((p) => [p.toLowerCase(), p])).values()];
  const sets = unique.map((p) => new Set(expandActionPattern(catalog, p).map((a) => a.id)));
  // Which patterns match each action: only those matching a pattern's first action can cover it.
  const byAction = new Map<number, number[]>();
  sets.forEach((set, i) => {
    for (const id of set) {
      let l = byAction.get(id);
      if (!l) byAction.set(id, (l = []));
      l.push(i);
    }
  });
  const keep: string[] = [];
  unique.forEach((p, i) => {
    const mine = sets[i]!;
    const lp = p.toLowerCase();
    let covered: boolean;
    if (mine.size === 0) {
      // Same language written twice (`a*`, `a**`): the first one stays.
      covered = unique.some((q, j) => {
        if (j === i) return false;
        const lq = q.toLowerCase();
        return globContainsCached(lq, lp) && !(j > i && globContainsCached(lp, lq));
      });
    } else {
      const first = mine.values().next().value as number;
      covered = byAction.get(first)!.some((j) => {
        if (j === i) return false;
        const theirs = sets[j]!;
        const q = unique[j]!;
        if (theirs.size < mine.size) return false;
        for (const id of mine) if (!theirs.has(id)) return false;
        // Equal sets: keep one, the shorter (then the first).
        if (theirs.size === mine.size) return q.length < p.length || (q.length === p.length && j < i);
        return true;
      });
    }
    if (!covered) keep.push(p);
  });
  return keep;
}

/**
 * The shortest pattern list (found greedily per service) matching exactly the catalogue actions `ids` plus the
 * `verbatim` patterns, given the user's `original` patterns (which match a subset of `ids`, each).
 */
export function compressActions(
  catalog: Catalog,
  ids: ReadonlySet<number>,
  verbatim: readonly string[],
  original: readonly string[],
  /** `service:*` may be written for a whole service: where a future action would only be denied (or not allowed) */
  serviceWildcards = false,
): string[] {
  if (ids.size === catalog.actionCount) return ['*'];
  const originals = dropRedundant(catalog, original.filter((p) => !verbatim.includes(p)));
  // Patterns across services (`*:Describe*`) stay: rewriting them per service would cost more.
  const multi = originals.filter((p) => serviceOf(p) === undefined && expandActionPattern(catalog, p).length > 0);
  const coveredByMulti = new Set<number>();
  for (const p of multi) for (const a of expandActionPattern(catalog, p)) coveredByMulti.add(a.id);
  const byService = new Map<Service, Set<number>>();
  for (const id of ids) {
    const a = catalog.actionById(id)!;
    let s = byService.get(a.service);
    if (!s) byService.set(a.service, (s = new Set()));
    s.add(id);
  }
  const originalsByService = new Map<string, string[]>();
  for (const p of originals) {
    const prefix = serviceOf(p);
    if (prefix === undefined) continue;
    let l = originalsByService.get(prefix);
    if (!l) originalsByService.set(prefix, (l = []));
    l.push(p);
  }
  const out = [...multi];
  for (const [service, allowed] of byService) {
    const needed = new Set([...allowed].filter((id) => !coveredByMulti.has(id)));
    if (needed.size === 0) continue;
    const theirs = originalsByService.get(service.prefix) ?? [];
    const ours = compressService(service, needed, allowed, serviceWildcards || theirs.some((p) => p.toLowerCase() === `${service.prefix}:*`));
    out.push(...(theirs.length > 0 && total(theirs) <= total(ours) && covers(catalog, theirs, needed) ? theirs : ours));
  }
  if (verbatim.length === 0) return out;
  const verbatimKept = dropRedundant(catalog, [...out, ...verbatim]).filter((p) => verbatim.includes(p));
  return [...out, ...verbatimKept];
}

function covers(catalog: Catalog, patterns: readonly string[], needed: ReadonlySet<number>): boolean {
  const got = new Set<number>();
  for (const p of patterns) for (const a of expandActionPattern(catalog, p)) got.add(a.id);
  for (const id of needed) if (!got.has(id)) return false;
  return true;
}
