/**
 * "Is this pattern already covered by one of those?" over IAM wildcard patterns, exactly (`engine/glob.ts`
 * containment), fast enough for statements that list thousands of actions: a candidate must have a literal
 * prefix (the text before its first wildcard) that is a prefix of the covered pattern's literal prefix, so the
 * candidates are found by looking up each prefix of that text instead of trying every pattern. A candidate must
 * also match one string of the covered pattern (its wildcards taken as the shortest text), checked with the
 * linear matcher before the exact (and costlier) automaton containment.
 */
import { globContains } from '../engine/glob.js';
import { compileWildcard } from '../engine/wildcard.js';

/**
 * Containment answers, shared across lists and policies (the same patterns recur: every statement of a policy,
 * every policy of a template). The state budget is below the engine's default: these are suggestions, and an
 * undecided answer only means one redundancy goes unreported.
 */
const BUDGET = 4_000;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, boolean>();

export function contained(outer: string, inner: string): boolean {
  const k = `${outer}\u0000${inner}`;
  let r = cache.get(k);
  if (r === undefined) {
    r = globContains(outer, inner, BUDGET) === true;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(k, r);
  }
  return r;
}

function literalPrefixLength(pattern: string): number {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a /* * */ || c === 0x3f /* ? */) break;
    i++;
  }
  return i;
}

/**
 * One string the pattern matches: its wildcards taken as the shortest text (`?` as a character no ARN has).
 * `q`: the length of its literal prefix.
 */
function witnessOf(p: string, q: number): string {
  // The usual wildcard pattern is a literal prefix and one star.
  if (q === p.length - 1 && p.charCodeAt(q) === 0x2a) return p.slice(0, q);
  return p.replace(/\*+/g, '').replace(/\?/g, '\u0001');
}

/**
 * A node of the prefix trie, compressed (radix): the edge from its parent is `text[from, to)`, so a node stands for
 * a run of characters, not one (a resource ARN's literal prefix runs to dozens of characters, and a node per
 * character was most of the rules' allocation). Patterns whose literal prefix ends here are listed in the order
 * added; children form a list (first child, next sibling), told apart by their edge's first character.
 */
interface PrefixNode {
  text: string;
  from: number;
  to: number;
  patterns: string[] | undefined;
  child: PrefixNode | undefined;
  sibling: PrefixNode | undefined;
}

/** The child whose edge starts with character `code`. */
function childOf(node: PrefixNode, code: number): PrefixNode | undefined {
  let c = node.child;
  while (c !== undefined && c.text.charCodeAt(c.from) !== code) c = c.sibling;
  return c;
}

export class PatternIndex {
  /**
   * Wildcard patterns in a trie over their literal prefixes: the candidates for covering a pattern are found by
   * walking its own literal prefix once, shortest prefixes first (no substring per possible prefix length).
   */
  private readonly root: PrefixNode = { text: '', from: 0, to: 0, patterns: undefined, child: undefined, sibling: undefined };
  private wildcards = 0;

  /** Patterns are compared as given (callers lower-case actions first). */
  constructor(patterns: Iterable<string>) {
    for (const p of patterns) this.add(p);
  }

  /** Adds a pattern; one without a wildcard covers nothing but itself and is not kept. */
  add(p: string): void {
    const len = literalPrefixLength(p);
    if (len === p.length) return;
    let node = this.root;
    let i = 0;
    while (i < len) {
      const first = childOf(node, p.charCodeAt(i));
      if (first === undefined) {
        node = node.child = { text: p, from: i, to: len, patterns: undefined, child: undefined, sibling: node.child };
        break;
      }
      // Follow the edge as far as it agrees with p.
      const t = first.text;
      let j = first.from + 1;
      i++;
      while (j < first.to && i < len && t.charCodeAt(j) === p.charCodeAt(i)) {
        j++;
        i++;
      }
      if (j < first.to) {
        // p leaves the edge part-way: split it, the upper part becoming a node where p's prefix goes on (or ends).
        const upper: PrefixNode = { text: t, from: first.from, to: j, patterns: undefined, child: first, sibling: first.sibling };
        if (node.child === first) node.child = upper;
        else {
          let prev = node.child!;
          while (prev.sibling !== first) prev = prev.sibling!;
          prev.sibling = upper;
        }
        first.from = j;
        first.sibling = undefined;
        node = upper;
      } else node = first;
    }
    (node.patterns ??= []).push(p);
    this.wildcards++;
  }

  /**
   * A pattern of the index, other than `pattern` itself, that matches every string `pattern` matches; undefined
   * when none does or containment could not be decided.
   */
  coveredBy(pattern: string): string | undefined {
    if (this.wildcards === 0) return undefined;
    return this.walkCoverers(pattern, undefined);
  }

  /** Every pattern of the index, other than `pattern` itself, that matches every string `pattern` matches. */
  coverers(pattern: string): string[] {
    const out: string[] = [];
    if (this.wildcards !== 0) this.walkCoverers(pattern, out);
    return out;
  }

  /**
   * The wildcard patterns other than `p` that contain it, found along the trie path of p's literal prefix: with
   * `into`, every one is appended to it; without, the first one is returned (coveredBy's early exit).
   */
  private walkCoverers(p: string, into: string[] | undefined): string | undefined {
    const q = literalPrefixLength(p);
    // A pattern without wildcards is one string: it is its own witness, and an outer that matches it contains it.
    const literal = q === p.length;
    let witness: string | undefined = literal ? p : undefined;
    let node: PrefixNode | undefined = this.root;
    let i = 0;
    for (;;) {
      if (node.patterns !== undefined) {
        for (const outer of node.patterns) {
          if (outer === p) continue;
          // `L*` (a literal prefix and one star: most covering patterns) matches everything that starts with L,
          // so it covers every pattern found along this path, whose literal prefixes all start with L (what the
          // matcher and globContains would answer, without asking).
          if (outer.length !== i + 1 || outer.charCodeAt(i) !== 0x2a) {
            witness ??= witnessOf(p, q);
            if (!compileWildcard(outer).matches(witness)) continue;
            if (!literal && !contained(outer, p)) continue;
          }
          if (into === undefined) return outer;
          into.push(outer);
        }
      }
      if (i >= q) break;
      node = childOf(node, p.charCodeAt(i));
      // Patterns below an edge that runs past p's literal prefix have a longer one: none covers p.
      if (node === undefined || i + (node.to - node.from) > q) break;
      const t = node.text;
      for (let j = node.from + 1, k = i + 1; j < node.to; j++, k++) if (t.charCodeAt(j) !== p.charCodeAt(k)) return undefined;
      i += node.to - node.from;
    }
    return undefined;
  }
}
