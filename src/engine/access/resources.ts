/**
 * Exact relations between resource sets: a list of IAM globs, or "every ARN except" a list (`NotResource`).
 * Containment of one glob in another is decided on automata by `glob.ts`, never by comparing text. Policy variables
 * (`${aws:username}`) are handled conservatively: as the inner side they widen to `*` (what any value could match);
 * as the outer side only identical text (in policies that read variables the same way) contains them.
 * Answers are cached: diff asks the same questions for many actions.
 */
import { globContains, globsIntersect } from '../glob.js';
import { wildcardMatch } from '../wildcard.js';
import type { PatternSet } from './statements.js';

/** One piece of a resource set a grant covers: a single glob, or "all except" the listed globs. */
export interface ResourceItem {
  not: boolean;
  /** one pattern when `not` is false */
  patterns: readonly string[];
  variables: boolean;
}

const containsCache = new Map<string, boolean>();
const intersectsCache = new Map<string, boolean>();

const VARIABLE = /\$\{[^}]*\}/g;

function widen(p: string): string {
  return p.includes('${') ? p.replace(VARIABLE, '*') : p;
}

/** Whether `outer` matches every string `inner` can match; false when unsure. */
export function patternContains(outer: string, inner: string, outerVars: boolean, innerVars: boolean): boolean {
  if (outer === '*') return true;
  if (outer.includes('${')) return outer === inner && outerVars === innerVars;
  const i = innerVars ? widen(inner) : inner;
  return globContainsCached(outer, i);
}

/** The text before the first wildcard, and after the last. */
function literalEnds(p: string): [string, string] {
  let a = 0;
  while (a < p.length && p[a] !== '*' && p[a] !== '?') a++;
  if (a === p.length) return [p, p];
  let b = p.length;
  while (b > 0 && p[b - 1] !== '*' && p[b - 1] !== '?') b--;
  return [p.slice(0, a), p.slice(b)];
}

/**
 * `globContains` (unknown counts as not contained) behind cheap necessary conditions: the outer pattern's literal
 * head and tail must be the head and tail of every string the inner one matches, so of its own literal ends.
 */
export function globContainsCached(outer: string, inner: string): boolean {
  if (outer === '*' || outer === inner) return true;
  const [oh, ot] = literalEnds(outer);
  const [ih, it] = literalEnds(inner);
  if (!ih.startsWith(oh) || !it.endsWith(ot)) return false;
  if (oh === outer) return false; // a literal outer contains only itself
  const k = `${outer}\u0000${inner}`;
  let hit = containsCache.get(k);
  if (hit === undefined) {
    // Cheap and sound both ways first: a symbolic match proves containment, a string of the inner pattern that
    // the outer does not match disproves it. The automaton decides the rest.
    if (symbolicMatch(outer, inner)) hit = true;
    else if (witnesses(inner).some((w) => !wildcardMatch(outer, w))) hit = false;
    else hit = globContains(outer, inner) === true;
    if (containsCache.size > 200_000) containsCache.clear();
    containsCache.set(k, hit);
  }
  return hit;
}

/**
 * Whether `outer` matches `inner` read as text in which each `*` of the inner must fall inside a `*` of the outer
 * and each `?` inside a `?` or `*`: then every string of the inner is matched (substitute into the same places).
 */
function symbolicMatch(outer: string, inner: string): boolean {
  const n = outer.length;
  const m = inner.length;
  // reach[j]: the outer prefix so far can consume exactly inner[0, j).
  let reach = new Uint8Array(m + 1);
  reach[0] = 1;
  for (let i = 0; i < n; i++) {
    const o = outer[i];
    const next = new Uint8Array(m + 1);
    if (o === '*') {
      let on = 0;
      for (let j = 0; j <= m; j++) {
        if (reach[j]) on = 1;
        if (on) next[j] = 1;
      }
    } else {
      for (let j = 0; j < m; j++) {
        if (!reach[j]) continue;
        const c = inner[j];
        if (c === '*') continue;
        if (o === '?' || o === c) next[j + 1] = c === '?' && o !== '?' ? 0 : 1;
      }
    }
    reach = next;
  }
  return reach[m] === 1;
}

/** A few strings the pattern matches: each `*` empty or one rare character, each `?` that character. */
function witnesses(p: string): string[] {
  const rare = '\u0001';
  return [p.replace(/\*/g, '').replace(/\?/g, rare), p.replace(/[*?]/g, rare), p.replace(/\*/g, rare + rare).replace(/\?/g, rare)];
}

/** Whether some string may match both; true when unsure (variables widen to `*`). */
export function patternsMayIntersect(a: string, b: string, aVars: boolean, bVars: boolean): boolean {
  const x = aVars || a.includes('${') ? widen(a) : a;
  const y = bVars || b.includes('${') ? widen(b) : b;
  const k = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
  let hit = intersectsCache.get(k);
  if (hit === undefined) {
    hit = globsIntersect(x, y);
    if (intersectsCache.size > 200_000) intersectsCache.clear();
    intersectsCache.set(k, hit);
  }
  return hit;
}

function matchesEverything(p: string): boolean {
  return p === '*' || (!p.includes('${') && globContains(p, '*') === true);
}

/** Splits a statement's resource set into items: one per glob, or one "all except" item. */
export function resourceItems(set: PatternSet, variables: boolean): ResourceItem[] {
  if (set.not) return [{ not: true, patterns: set.patterns, variables }];
  return set.patterns.map((p) => ({ not: false, patterns: [p], variables }));
}

/** Whether the set contains the item (exact for globs without variables; false when unsure). */
export function setContains(outer: PatternSet, outerVars: boolean, inner: ResourceItem): boolean {
  if (!outer.not) {
    if (!inner.not) return outer.patterns.some((p) => patternContains(p, inner.patterns[0]!, outerVars, inner.variables));
    // "All except Q" lies in one glob only when that glob matches everything.
    return outer.patterns.some(matchesEverything);
  }
  if (!inner.not) {
    // A glob lies in "all except Q" exactly when it shares no string with any glob of Q.
    return outer.patterns.every((q) => !patternsMayIntersect(q, inner.patterns[0]!, outerVars, inner.variables));
  }
  // all − Q' ⊆ all − Q ⇔ Q ⊆ ∪Q'; each glob of Q inside one glob of Q' suffices.
  return outer.patterns.every((q) => inner.patterns.some((q2) => patternContains(q2, q, inner.variables, outerVars)));
}

/** Whether the set and the item may share an ARN (true when unsure). */
export function setMayIntersect(set: PatternSet, setVars: boolean, item: ResourceItem): boolean {
  if (!set.not && !item.not) return set.patterns.some((p) => patternsMayIntersect(p, item.patterns[0]!, setVars, item.variables));
  if (set.not && !item.not) return !set.patterns.some((q) => patternContains(q, item.patterns[0]!, setVars, item.variables));
  if (!set.not && item.not) return !set.patterns.every((p) => item.patterns.some((q) => patternContains(q, p, item.variables, setVars)));
  // Two co-finite-like sets ("all except") always share something: the excluded globs cannot cover every ARN
  // unless one of them is `*`.
  return !set.patterns.some(matchesEverything) && !item.patterns.some(matchesEverything);
}

/** Text for an item in reports: the glob, or `NOT [a, b]`. */
export function itemText(item: ResourceItem): string {
  return item.not ? `NOT ${item.patterns.join(', ')}` : item.patterns[0]!;
}
