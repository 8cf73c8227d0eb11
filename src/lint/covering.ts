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

/** One string the pattern matches: its wildcards taken as the shortest text (`?` as a character no ARN has). */
function witnessOf(p: string): string {
  return p.replace(/\*+/g, '').replace(/\?/g, '\u0001');
}

/**
 * A node of the prefix trie: the wildcard patterns whose literal prefix ends here, and the next characters as a
 * list of children (first child, next sibling): a trie node has few children, and a map per node cost 15 MB of
 * allocation over the managed-policy corpus.
 */
interface PrefixNode {
  /** the character leading to this node from its parent */
  code: number;
  patterns: string[] | undefined;
  child: PrefixNode | undefined;
  sibling: PrefixNode | undefined;
}

function childOf(node: PrefixNode, code: number): PrefixNode | undefined {
  let c = node.child;
  while (c !== undefined && c.code !== code) c = c.sibling;
  return c;
}

export class PatternIndex {
  /**
   * Wildcard patterns in a trie over their literal prefixes: the candidates for covering a pattern are found by
   * walking its own literal prefix once, shortest prefixes first (no substring per possible prefix length).
   */
  private readonly root: PrefixNode = { code: -1, patterns: undefined, child: undefined, sibling: undefined };
  private wildcards = 0;
  private readonly exact = new Set<string>();
  private readonly original = new Map<string, string>();

  /** `caseInsensitive`: patterns are compared lower-cased (actions); `coveredBy` returns the pattern as given. */
  constructor(
    patterns: Iterable<string>,
    private readonly caseInsensitive = false,
  ) {
    for (const p of patterns) this.add(p);
  }

  private norm(p: string): string {
    return this.caseInsensitive ? p.toLowerCase() : p;
  }

  add(pattern: string): void {
    const p = this.norm(pattern);
    if (!this.original.has(p)) this.original.set(p, pattern);
    this.exact.add(p);
    const len = literalPrefixLength(p);
    if (len === p.length) return;
    let node = this.root;
    for (let i = 0; i < len; i++) {
      const c = p.charCodeAt(i);
      node = childOf(node, c) ?? (node.child = { code: c, patterns: undefined, child: undefined, sibling: node.child });
    }
    (node.patterns ??= []).push(p);
    this.wildcards++;
  }

  /**
   * A pattern of the index, other than `pattern` itself (after normalising), that matches every string `pattern`
   * matches; undefined when none does or containment could not be decided.
   */
  coveredBy(pattern: string): string | undefined {
    if (this.wildcards === 0) return undefined;
    return this.walkCoverers(this.norm(pattern), undefined);
  }

  /** Every pattern of the index that matches every string `pattern` matches, `pattern` itself included. */
  coverers(pattern: string): string[] {
    const p = this.norm(pattern);
    const out: string[] = [];
    if (this.exact.has(p)) out.push(this.original.get(p)!);
    if (this.wildcards !== 0) this.walkCoverers(p, out);
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
    for (let i = 0; node !== undefined; i++) {
      if (node.patterns !== undefined) {
        for (const outer of node.patterns) {
          if (outer === p) continue;
          witness ??= witnessOf(p);
          if (!compileWildcard(outer).matches(witness)) continue;
          if (!literal && !contained(outer, p)) continue;
          const original = this.original.get(outer)!;
          if (into === undefined) return original;
          into.push(original);
        }
      }
      if (i >= q) break;
      node = childOf(node, p.charCodeAt(i));
    }
    return undefined;
  }

  /** Whether the index holds `pattern` itself (after normalising). */
  has(pattern: string): boolean {
    return this.exact.has(this.norm(pattern));
  }
}
