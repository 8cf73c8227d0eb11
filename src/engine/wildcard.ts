/**
 * IAM wildcard matching: `*` matches any run of characters (including none, and including `:` and `/`), `?`
 * matches exactly one. A pattern is compiled once into literal segments split at `*`; matching anchors the
 * first and last segments and finds the middle ones left to right, taking the leftmost occurrence each time.
 * Leftmost is always safe for a glob (a later segment can only benefit from an earlier end), so the text
 * position only moves forward: there is no backtracking, and `*a*a*a*…*b` against 100 KB stays linear.
 * Segments containing `?` are found with a bit-parallel (shift-and) scan, linear in the text.
 */

export interface WildcardMatcher {
  readonly pattern: string;
  /** true when the pattern has no `*` or `?` */
  readonly literal: boolean;
  matches(text: string): boolean;
}

/** Does `seg` (with `?` as any one character) match `text` exactly at `pos`? */
function matchAt(seg: string, text: string, pos: number): boolean {
  if (pos + seg.length > text.length) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(pos + i)) return false;
  }
  return true;
}

/**
 * A middle segment, found at its leftmost position from a starting offset. Plain text uses `indexOf`; text with
 * `?` uses shift-and, which keeps one bit per segment position so each text character costs O(1) word
 * operations for segments up to 31 characters (longer ones scan on their first 31 and verify the rest).
 */
class Segment {
  readonly length: number;
  private readonly plain: boolean;
  private readonly masks = new Map<number, number>();
  private anyMask = 0;
  private readonly k: number;

  constructor(readonly text: string) {
    this.length = text.length;
    this.plain = !text.includes('?');
    this.k = Math.min(text.length, 31);
    if (!this.plain) {
      for (let i = 0; i < this.k; i++) if (text.charCodeAt(i) === 63) this.anyMask |= 1 << i;
      for (let i = 0; i < this.k; i++) {
        const c = text.charCodeAt(i);
        if (c !== 63) this.masks.set(c, (this.masks.get(c) ?? this.anyMask) | (1 << i));
      }
    }
  }

  find(text: string, from: number): number {
    if (this.plain) return text.indexOf(this.text, from);
    const k = this.k;
    const accept = 1 << (k - 1);
    let state = 0;
    for (let j = from; j < text.length; j++) {
      const mask = this.masks.get(text.charCodeAt(j)) ?? this.anyMask;
      state = ((state << 1) | 1) & mask;
      if (state & accept) {
        const start = j - k + 1;
        if (k === this.length || matchAt(this.text, text, start)) return start;
      }
    }
    return -1;
  }
}

class CompiledWildcard implements WildcardMatcher {
  readonly literal: boolean;
  private readonly head: string;
  private readonly tail: string;
  private readonly middle: Segment[];
  private readonly hasStar: boolean;
  private readonly minLength: number;

  constructor(readonly pattern: string) {
    // One scan for the star positions (compiling runs for every distinct pattern, much of it before the JIT
    // has optimised anything, so no split/filter/map chains).
    const first = pattern.indexOf('*');
    this.hasStar = first >= 0;
    this.literal = !this.hasStar && !pattern.includes('?');
    const middle: Segment[] = [];
    let stars = 0;
    if (first < 0) {
      this.head = pattern;
      this.tail = '';
    } else {
      const last = pattern.lastIndexOf('*');
      this.head = pattern.slice(0, first);
      this.tail = pattern.slice(last + 1);
      let from = first + 1;
      stars = 1;
      while (from <= last) {
        const next = pattern.indexOf('*', from);
        if (next > from) middle.push(new Segment(pattern.slice(from, next)));
        from = next + 1;
        stars++;
      }
    }
    this.middle = middle;
    this.minLength = pattern.length - stars;
  }

  matches(text: string): boolean {
    if (this.literal) return text === this.pattern;
    if (!this.hasStar) return text.length === this.pattern.length && matchAt(this.pattern, text, 0);
    if (text.length < this.minLength) return false;
    if (!matchAt(this.head, text, 0)) return false;
    const tailStart = text.length - this.tail.length;
    if (!matchAt(this.tail, text, tailStart)) return false;
    let pos = this.head.length;
    for (const seg of this.middle) {
      const at = seg.find(text, pos);
      if (at < 0 || at + seg.length > tailStart) return false;
      pos = at + seg.length;
    }
    return pos <= tailStart;
  }
}

const cache = new Map<string, WildcardMatcher>();
const CACHE_LIMIT = 50_000;

/** A compiled matcher for an IAM wildcard pattern (cached: policies repeat the same patterns). */
export function compileWildcard(pattern: string): WildcardMatcher {
  let m = cache.get(pattern);
  if (!m) {
    m = new CompiledWildcard(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, m);
  }
  return m;
}

export function wildcardMatch(pattern: string, text: string): boolean {
  return compileWildcard(pattern).matches(text);
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}
