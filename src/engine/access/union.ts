/**
 * Whether one IAM glob lies inside the union of several (`b/*` inside `b/` ∪ `b/?*`), decided like `glob.ts` decides
 * containment in one glob: the inner pattern's NFA runs in product with the subset construction of every outer
 * pattern's NFA, over the literal characters of all patterns plus one symbol for "any other character". A reachable
 * state where the inner pattern accepts and no outer one does is a counterexample. Bounded: past the budget the answer
 * is false (not proven).
 */

const STAR = -1;
const ANY = -2;
const OTHER = -3;

function tokens(p: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 42) {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else out.push(c === 63 ? ANY : c);
  }
  return out;
}

/** State sets as sorted index lists; closure over stars that match nothing. */
function close(t: number[], from: Iterable<number>): number[] {
  const set = new Set<number>();
  for (const i of from) {
    for (let j = i; j <= t.length; j++) {
      set.add(j);
      if (j === t.length || t[j] !== STAR) break;
    }
  }
  return [...set].sort((a, b) => a - b);
}

function step(t: number[], states: readonly number[], symbol: number): number[] {
  const next: number[] = [];
  for (const i of states) {
    if (i >= t.length) continue;
    const tok = t[i]!;
    if (tok === STAR) next.push(i);
    else if (tok === ANY || tok === symbol) next.push(i + 1);
  }
  return close(t, next);
}

export function unionContains(outers: readonly string[], inner: string, budget = 20_000): boolean {
  const a = tokens(inner);
  const bs = outers.map(tokens);
  const sigma = new Set<number>([OTHER]);
  for (const t of [a, ...bs]) for (const c of t) if (c >= 0) sigma.add(c);
  const start = { a: close(a, [0]), bs: bs.map((b) => close(b, [0])) };
  const key = (s: typeof start): string => `${s.a.join(',')}|${s.bs.map((x) => x.join(',')).join('|')}`;
  const seen = new Set([key(start)]);
  const queue = [start];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s.a.includes(a.length) && !s.bs.some((x, i) => x.includes(bs[i]!.length))) return false;
    for (const c of sigma) {
      const na = step(a, s.a, c);
      if (na.length === 0) continue;
      const nbs = bs.map((b, i) => step(b, s.bs[i]!, c));
      // Every state of a glob can still reach acceptance: with no outer pattern alive, the inner one escapes.
      if (nbs.every((x) => x.length === 0)) return false;
      const next = { a: na, bs: nbs };
      const k = key(next);
      if (seen.has(k)) continue;
      if (seen.size >= budget) return false;
      seen.add(k);
      queue.push(next);
    }
  }
  return true;
}
