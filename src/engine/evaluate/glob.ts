/**
 * Wildcard patterns whose text is partly literal. A policy value is written with `*` and `?` wildcards, but text
 * that a policy variable puts in (`${aws:username}`, `${*}`) is literal: a user name holding `*` must match only a
 * `*`. The common case (no literal `*` or `?`) goes to `compileWildcard`; the rest uses the same linear design
 * (segments split at `*`, found leftmost, `?` positions found with a bit-parallel scan) with per-position masks.
 */
import { compileWildcard } from '../wildcard.js';

/** A piece of a pattern: `wild` pieces use `*`/`?` as wildcards, other pieces are literal text. */
export interface GlobPiece {
  text: string;
  wild: boolean;
}

export interface Matcher {
  matches(text: string): boolean;
}

const ANY = -1;
const NEVER: Matcher = { matches: () => false };
export const NEVER_MATCHES = NEVER;

/** Chunked, because spreading 100,000 arguments into one call overflows the stack. */
function codesToString(codes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

/** One run of characters between stars; ANY stands for `?`. */
class Run {
  readonly length: number;
  private readonly literal: string | undefined;
  private readonly k: number;
  private readonly masks = new Map<number, number>();
  private anyMask = 0;

  constructor(readonly codes: readonly number[]) {
    this.length = codes.length;
    this.literal = codes.includes(ANY) ? undefined : codesToString(codes);
    this.k = Math.min(codes.length, 31);
    if (this.literal === undefined) {
      for (let i = 0; i < this.k; i++) if (codes[i] === ANY) this.anyMask |= 1 << i;
      for (let i = 0; i < this.k; i++) {
        const c = codes[i]!;
        if (c !== ANY) this.masks.set(c, (this.masks.get(c) ?? this.anyMask) | (1 << i));
      }
    }
  }

  at(text: string, pos: number): boolean {
    if (pos < 0 || pos + this.length > text.length) return false;
    for (let i = 0; i < this.length; i++) {
      const c = this.codes[i]!;
      if (c !== ANY && c !== text.charCodeAt(pos + i)) return false;
    }
    return true;
  }

  find(text: string, from: number): number {
    if (this.literal !== undefined) return text.indexOf(this.literal, from);
    const accept = 1 << (this.k - 1);
    let state = 0;
    for (let j = from; j < text.length; j++) {
      state = ((state << 1) | 1) & (this.masks.get(text.charCodeAt(j)) ?? this.anyMask);
      if (state & accept) {
        const start = j - this.k + 1;
        if (this.k === this.length || this.at(text, start)) return start;
      }
    }
    return -1;
  }
}

class MixedGlob implements Matcher {
  private readonly head: Run;
  private readonly tail: Run;
  private readonly middle: Run[];
  private readonly hasStar: boolean;
  private readonly minLength: number;

  constructor(runs: number[][]) {
    this.hasStar = runs.length > 1;
    this.head = new Run(runs[0]!);
    this.tail = new Run(this.hasStar ? runs[runs.length - 1]! : []);
    this.middle = runs.slice(1, -1).filter((r) => r.length > 0).map((r) => new Run(r));
    this.minLength = runs.reduce((n, r) => n + r.length, 0);
  }

  matches(text: string): boolean {
    if (!this.hasStar) return text.length === this.head.length && this.head.at(text, 0);
    if (text.length < this.minLength || !this.head.at(text, 0)) return false;
    const tailStart = text.length - this.tail.length;
    if (!this.tail.at(text, tailStart)) return false;
    let pos = this.head.length;
    for (const run of this.middle) {
      const at = run.find(text, pos);
      if (at < 0 || at + run.length > tailStart) return false;
      pos = at + run.length;
    }
    return pos <= tailStart;
  }
}

/** A matcher for pieces (wildcards only in `wild` pieces). */
export function compileGlob(pieces: readonly GlobPiece[]): Matcher {
  let literalSpecial = false;
  for (const p of pieces) if (!p.wild && (p.text.includes('*') || p.text.includes('?'))) literalSpecial = true;
  if (!literalSpecial) return compileWildcard(pieces.length === 1 ? pieces[0]!.text : pieces.map((p) => p.text).join(''));
  const runs: number[][] = [[]];
  for (const p of pieces) {
    for (let i = 0; i < p.text.length; i++) {
      const c = p.text.charCodeAt(i);
      if (p.wild && c === 42) runs.push([]);
      else runs[runs.length - 1]!.push(p.wild && c === 63 ? ANY : c);
    }
  }
  return new MixedGlob(runs);
}
