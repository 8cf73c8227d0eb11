/**
 * Exact set relations between IAM wildcard patterns (`*` any run, `?` one character): whether every string one
 * pattern matches is matched by another (containment), and whether two patterns share a string (intersection).
 *
 * Containment is decided on automata, not by comparing text: the first pattern's NFA runs in product with the
 * subset construction of the second's, over an alphabet of the literal characters of both plus one symbol for
 * "any other character". A reachable state where the first accepts and the second cannot is a counterexample.
 * Glob automata can need exponentially many subsets in contrived cases (`*a??????????`), so the search is bounded;
 * past the bound the answer is `undefined` (unknown), and callers must treat unknown as "not contained".
 */

import { compileWildcard } from './wildcard.js';

/** A character no IAM pattern is expected to hold; patterns that do hold it take the general path. */
const FRESH = '\u0000';

const STAR = -1;
const ANY = -2;
/** The alphabet symbol that stands for every character neither pattern mentions. */
const OTHER = -3;

/** Pattern → tokens: a character code, STAR or ANY; runs of `*` collapse. */
function tokens(pattern: string): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else out.push(c === 63 ? ANY : c);
  }
  return Int32Array.from(out);
}

/** Adds state `i` and everything reachable from it through stars that match nothing. */
function closeInto(t: Int32Array, i: number, set: Uint8Array): void {
  for (let j = i; j <= t.length; j++) {
    set[j] = 1;
    if (j === t.length || t[j] !== STAR) return;
  }
}

function step(t: Int32Array, from: Uint8Array, symbol: number): Uint8Array {
  const next = new Uint8Array(t.length + 1);
  for (let i = 0; i < t.length; i++) {
    if (!from[i]) continue;
    const tok = t[i]!;
    if (tok === STAR) closeInto(t, i, next);
    else if (tok === ANY || tok === symbol) closeInto(t, i + 1, next);
  }
  return next;
}

function start(t: Int32Array): Uint8Array {
  const s = new Uint8Array(t.length + 1);
  closeInto(t, 0, s);
  return s;
}

function key(set: Uint8Array): string {
  let k = '';
  for (let i = 0; i < set.length; i++) if (set[i]) k += `${i},`;
  return k;
}

function isEmpty(set: Uint8Array): boolean {
  for (let i = 0; i < set.length; i++) if (set[i]) return false;
  return true;
}

/**
 * An exact early "not contained", for outer and inner patterns that both have a star: every string the outer
 * matches starts with a match of its text before the first star and ends with a match of its text after the last
 * (fixed lengths), so each literal character there must be forced, at that place, in every string of the inner.
 * Where the inner has `?`, or its own star reaches that place (the star can hold any text), a string of the inner
 * differs there. This settles an outer ending `/restapis/??????????` against an inner ending `/resources` at once,
 * where the automaton explores thousands of states.
 */
function edgesDisagree(outer: Int32Array, inner: Int32Array): boolean {
  const outerFirst = outer.indexOf(STAR);
  const innerFirst = inner.indexOf(STAR);
  if (outerFirst < 0 || innerFirst < 0) return false;
  for (let j = 0; j < outerFirst; j++) {
    const o = outer[j]!;
    if (o !== ANY && (j >= innerFirst || inner[j] !== o)) return true;
  }
  const outerTail = outer.length - 1 - outer.lastIndexOf(STAR);
  const innerTail = inner.length - 1 - inner.lastIndexOf(STAR);
  for (let j = 1; j <= outerTail; j++) {
    const o = outer[outer.length - j]!;
    if (o !== ANY && (j > innerTail || inner[inner.length - j] !== o)) return true;
  }
  return false;
}

function alphabet(a: Int32Array, b: Int32Array): number[] {
  const syms = new Set<number>();
  for (const t of [a, b]) for (const c of t) if (c >= 0) syms.add(c);
  return [...syms, OTHER];
}

export const DEFAULT_STATE_BUDGET = 20_000;

/**
 * Whether every string `inner` matches is also matched by `outer` (L(inner) ⊆ L(outer)); undefined when the
 * search exceeded `budget` product states.
 */
export function globContains(outer: string, inner: string, budget = DEFAULT_STATE_BUDGET): boolean | undefined {
  if (outer === inner || outer === '*') return true;
  // Cheap exact answers first: a pattern without wildcards is one string, contained when the outer matches it
  // (the linear matcher: no automaton, no allocation per character).
  if (!inner.includes('*') && !inner.includes('?')) return compileWildcard(outer).matches(inner);
  // `prefix*` (the usual shape of a covering pattern) holds exactly the patterns that start with that prefix
  // written literally: a wildcard of the inner within the prefix could stand for another character.
  const star = outer.indexOf('*');
  if (star >= 0 && star === outer.length - 1 && !outer.includes('?')) return inner.startsWith(outer.slice(0, star));
  // Without `?` on either side, the inner is contained exactly when the outer matches it with each run of `*`
  // taken as one character the outer never names: only the outer's stars can absorb an arbitrary run.
  if (!outer.includes('?') && !inner.includes('?') && !outer.includes(FRESH)) {
    return compileWildcard(outer).matches(inner.replace(/\*+/g, FRESH));
  }
  const b = tokens(outer);
  const a = tokens(inner);
  if (edgesDisagree(b, a)) return false;
  const sigma = alphabet(a, b);
  const seen = new Set<string>();
  const queue: [Uint8Array, Uint8Array][] = [[start(a), start(b)]];
  seen.add(`${key(queue[0]![0])}|${key(queue[0]![1])}`);
  while (queue.length > 0) {
    const [sa, sb] = queue.shift()!;
    if (sa[a.length] && !sb[b.length]) return false;
    for (const c of sigma) {
      const na = step(a, sa, c);
      if (isEmpty(na)) continue;
      const nb = step(b, sb, c);
      // Once the outer pattern has no live state, any accepting continuation of the inner is a counterexample;
      // the inner has one whenever it has a live state (every state of a glob can reach acceptance).
      if (isEmpty(nb)) return false;
      const k = `${key(na)}|${key(nb)}`;
      if (seen.has(k)) continue;
      if (seen.size >= budget) return undefined;
      seen.add(k);
      queue.push([na, nb]);
    }
  }
  return true;
}

/** Whether some string matches both patterns (reachability in the product automaton; always decided). */
export function globsIntersect(x: string, y: string): boolean {
  const a = tokens(x);
  const b = tokens(y);
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [];
  const push = (i: number, j: number): void => {
    // Close over stars matching nothing on either side.
    const k = i * width + j;
    if (seen[k]) return;
    seen[k] = 1;
    stack.push(k);
  };
  push(0, 0);
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === a.length && j === b.length) return true;
    const ta = i < a.length ? a[i]! : undefined;
    const tb = j < b.length ? b[j]! : undefined;
    if (ta === STAR) push(i + 1, j);
    if (tb === STAR) push(i, j + 1);
    if (ta === undefined || tb === undefined) continue;
    // Consume one common character.
    const compatible = ta < 0 || tb < 0 || ta === tb;
    if (!compatible) continue;
    push(ta === STAR ? i : i + 1, tb === STAR ? j : j + 1);
  }
  return false;
}
