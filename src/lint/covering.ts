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

function literalPrefix(pattern: string): string {
  let i = 0;
  while (i < pattern.length && pattern[i] !== '*' && pattern[i] !== '?') i++;
  return pattern.slice(0, i);
}

/** One string the pattern matches: its wildcards taken as the shortest text (`?` as a character no ARN has). */
function witnessOf(p: string): string {
  return p.replace(/\*+/g, '').replace(/\?/g, '\u0001');
}

export class PatternIndex {
  /** wildcard patterns by literal prefix */
  private readonly byPrefix = new Map<string, string[]>();
  private readonly exact = new Set<string>();
  /** the distinct lengths of the keys of byPrefix: only prefixes of these lengths can have candidates */
  private readonly prefixLengths: number[] = [];

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

  private readonly original = new Map<string, string>();

  add(pattern: string): void {
    const p = this.norm(pattern);
    if (!this.original.has(p)) this.original.set(p, pattern);
    this.exact.add(p);
    if (p.includes('*') || p.includes('?')) {
      const prefix = literalPrefix(p);
      const list = this.byPrefix.get(prefix);
      if (list) list.push(p);
      else {
        this.byPrefix.set(prefix, [p]);
        if (!this.prefixLengths.includes(prefix.length)) this.prefixLengths.push(prefix.length);
      }
    }
  }

  /**
   * A pattern of the index, other than `pattern` itself (after normalising), that matches every string `pattern`
   * matches; undefined when none does or containment could not be decided.
   */
  coveredBy(pattern: string): string | undefined {
    if (this.prefixLengths.length === 0) return undefined;
    const p = this.norm(pattern);
    const q = literalPrefix(p);
    let witness: string | undefined;
    for (let len = 0; len <= q.length; len++) {
      if (!this.prefixLengths.includes(len)) continue;
      const outers = this.byPrefix.get(len === q.length ? q : q.slice(0, len));
      if (!outers) continue;
      for (const outer of outers) {
        if (outer === p) continue;
        witness ??= witnessOf(p);
        if (!compileWildcard(outer).matches(witness)) continue;
        if (contained(outer, p)) return this.original.get(outer);
      }
    }
    return undefined;
  }

  /** Every pattern of the index that matches every string `pattern` matches, `pattern` itself included. */
  coverers(pattern: string): string[] {
    const p = this.norm(pattern);
    const out: string[] = [];
    if (this.exact.has(p)) out.push(this.original.get(p)!);
    const q = literalPrefix(p);
    const witness = witnessOf(p);
    for (let len = 0; len <= q.length; len++) {
      if (!this.prefixLengths.includes(len)) continue;
      for (const outer of this.byPrefix.get(q.slice(0, len)) ?? []) {
        if (outer === p || !compileWildcard(outer).matches(witness)) continue;
        if (contained(outer, p)) out.push(this.original.get(outer)!);
      }
    }
    return out;
  }

  /** Whether the index holds `pattern` itself (after normalising). */
  has(pattern: string): boolean {
    return this.exact.has(this.norm(pattern));
  }
}
