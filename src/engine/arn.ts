/**
 * ARNs and ARN formats. An ARN is `arn:partition:service:region:account:resource`; the resource part may itself
 * contain `:` and `/`. A resource type's ARN format from the reference (`arn:${Partition}:s3:::${BucketName}`)
 * is compiled into tokens so that a policy's ARN pattern can be tested against it.
 */

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const a = text.indexOf(':', 4);
  if (a < 0) return undefined;
  const b = text.indexOf(':', a + 1);
  if (b < 0) return undefined;
  const c = text.indexOf(':', b + 1);
  if (c < 0) return undefined;
  const d = text.indexOf(':', c + 1);
  if (d < 0) return undefined;
  return {
    partition: text.slice(4, a),
    service: text.slice(a + 1, b),
    region: text.slice(b + 1, c),
    account: text.slice(c + 1, d),
    resource: text.slice(d + 1),
  };
}

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/**
 * Tokens for pattern intersection: a literal character is its code (≥ 0); the negative codes below stand for
 * "one character of a class", with or without repetition. `any` admits every character; `field` every character
 * but `:` (partition, region and account never contain one). Neither side is stored as an array of tokens: a
 * policy pattern's characters are its tokens (`*`, `?`, literals), and a format is kept as text with each
 * `${Variable}` replaced by VARIABLE (see formatText), its class given by the field it is in.
 */
const ANY_STAR = -1;
const ANY_ONE = -2;
const FIELD_STAR = -3;
const FIELD_ONE = -4;
/** A format's text in the encoding formatText makes. */
export type Tokens = string;

/** Whether tokens `a` and `b` can consume one and the same character. */
function compatible(a: number, b: number): boolean {
  if (a >= 0 && b >= 0) return a === b;
  if (a >= 0) return b === ANY_STAR || b === ANY_ONE || a !== 58; /* : */
  if (b >= 0) return a === ANY_STAR || a === ANY_ONE || b !== 58;
  return true;
}

/**
 * Format characters: a variable is "one character of the class, then any run of them" (`\u0002\u0001`), and a
 * `*` in a format is a run too. (Control characters never occur in the reference's formats.)
 */
const STAR_CHAR = 1;
const ONE_CHAR = 2;
const VARIABLE = '\u0002\u0001';
const FORMAT_VARIABLE = /\$\{[^}]*\}?/g;

export interface ArnFormat {
  readonly format: string;
  readonly tokens: Tokens;
  /** tokens of partition, service, region, account and resource, when the format has all five colons */
  readonly fields: readonly Tokens[] | undefined;
  readonly service: string;
  /** whether the format has a region / account field (`${Region}`) rather than an empty one */
  readonly hasRegion: boolean;
  readonly hasAccount: boolean;
  /** whether the region field starts with a variable (`${Region}`), i.e. holds a real region name */
  readonly regionIsVariable: boolean;
  /** the literal resource-part prefix before the first variable, e.g. `role/` */
  readonly resourcePrefix: string;
  /**
   * The format with the resource part's first token moved into the account (`secret:${SecretId}` →
   * `${SecretId}` after an account that now ends in `secret`), or null when the resource prefix has no `:`. Made
   * on first use, once per format.
   */
  readonly shifted: ArnFormat | null;
}

/**
 * Format text `text[from, to)` in the encoding of the tokens (see VARIABLE): a `${Variable}` is one or more
 * characters of the field's class, a variable left unclosed runs to the end of the range. One native replace,
 * not a loop per character: formats are compiled on a cold run's hot path, before V8 optimises anything.
 */
function formatText(text: string, from: number, to: number): Tokens {
  const field = from === 0 && to === text.length ? text : text.slice(from, to);
  return field.indexOf('${') < 0 ? field : field.replace(FORMAT_VARIABLE, VARIABLE);
}

/**
 * A compiled format. The whole-text tokens serve only patterns that are not five-field ARNs (`*`, `arn:aws:*`),
 * so they are built on first use; most formats are only ever compared field by field.
 */
class CompiledArnFormat implements ArnFormat {
  readonly format: string;
  readonly fields: readonly Tokens[] | undefined;
  readonly service: string;
  readonly hasRegion: boolean;
  readonly hasAccount: boolean;
  readonly regionIsVariable: boolean;
  /** where the resource part starts (-1: the format has no fields) */
  private readonly resourceAt: number;
  private whole: Tokens | undefined;
  private shiftedFormat: ArnFormat | null | undefined;

  constructor(format: string) {
    this.format = format;
    // The four colons of `arn:partition:service:region:account:` (as parseArn finds them).
    let a = -1;
    let b = -1;
    let c = -1;
    let d = -1;
    if (format.startsWith('arn:')) {
      a = format.indexOf(':', 4);
      if (a >= 0) b = format.indexOf(':', a + 1);
      if (b >= 0) c = format.indexOf(':', b + 1);
      if (c >= 0) d = format.indexOf(':', c + 1);
    }
    if (d >= 0) {
      const service = format.slice(a + 1, b);
      this.fields = [
        formatText(format, 4, a),
        formatText(service, 0, service.length),
        formatText(format, b + 1, c),
        formatText(format, c + 1, d),
        formatText(format, d + 1, format.length),
      ];
      this.service = service;
      this.hasRegion = c > b + 1;
      this.hasAccount = d > c + 1;
      this.regionIsVariable = format.startsWith('${', b + 1) && b + 2 < c;
      this.resourceAt = d + 1;
    } else {
      this.fields = undefined;
      this.service = '';
      this.hasRegion = false;
      this.hasAccount = false;
      this.regionIsVariable = false;
      this.resourceAt = -1;
    }
    this.whole = undefined;
    this.shiftedFormat = undefined;
  }

  get resourcePrefix(): string {
    const at = this.resourceAt;
    if (at < 0) return '';
    const firstVar = this.format.indexOf('${', at);
    return firstVar < 0 ? this.format.slice(at) : this.format.slice(at, firstVar);
  }

  get shifted(): ArnFormat | null {
    let out = this.shiftedFormat;
    if (out === undefined) {
      out = null;
      const at = this.resourceAt;
      if (at >= 0) {
        const colon = this.format.indexOf(':', at);
        const firstVar = this.format.indexOf('${', at);
        if (colon >= 0 && (firstVar < 0 || colon < firstVar)) out = compileArnFormat(this.format.slice(0, at) + this.format.slice(colon + 1));
      }
      this.shiftedFormat = out;
    }
    return out;
  }

  get tokens(): Tokens {
    return (this.whole ??= formatText(this.format, 0, this.format.length));
  }
}

const formatCache = new Map<string, CompiledArnFormat>();

/**
 * `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` → tokens, whole and per field. A variable in the
 * first five fields holds no `:`; in the resource part it may hold anything, because resource names
 * legitimately contain `/` and `:` (object keys, log groups written with their `:*` suffix, qualifiers).
 */
export function compileArnFormat(format: string): ArnFormat {
  let hit = formatCache.get(format);
  if (!hit) formatCache.set(format, (hit = new CompiledArnFormat(format)));
  return hit;
}

/**
 * Whether some real ARN matches both the policy pattern (IAM wildcards) and the ARN format. When the pattern
 * has all five colons it is compared field by field, so a `*` written for the account cannot swallow
 * `:policy/…` (no real account id holds a colon); otherwise as a whole. Each comparison is reachability in the
 * product of two token automata, O(|pattern| × |format|). Policy variables (`${aws:username}`) must already be
 * wildcards (see `variablesAsWildcards`). A caller that tries one pattern against many formats prepares it once
 * with compileArnPattern and calls arnPatternIntersectsFormat.
 */
export function patternIntersectsFormat(pattern: string, format: ArnFormat): boolean {
  return arnPatternIntersectsFormat(compileArnPattern(pattern), format);
}

/**
 * Whether a pattern whose fields other than `index` (0 partition, 1 service, 2 region, 3 account, 4 resource)
 * are all `*` can match the format: the answer patternIntersectsFormat gives for `arn:*:*:*:*:${field}` and the
 * like, without building, parsing and memoising that pattern for each format a caller tries. `field` is the
 * pattern's text of that field (IAM wildcards; policy variables already `*`).
 */
export function fieldIntersectsFormat(field: string, index: number, format: ArnFormat): boolean {
  if (field === '*') return true;
  const f = format.fields;
  if (!f) throw new Error('fieldIntersectsFormat: the format has no fields');
  return textIntersects(field, f[index]!, index < 4);
}

/**
 * Whether a format's field (`format.fields[i]`) can start with the literal character `c`: it is empty (then the
 * intersection's own test decides), or starts with a wildcard or with `c`.
 */
export function fieldMayStartWith(field: Tokens, c: number): boolean {
  if (field.length === 0) return true;
  const t = field.charCodeAt(0);
  return t === c || t === 42 || t === STAR_CHAR || t === ONE_CHAR;
}

/** A policy ARN pattern prepared for intersection with many formats: split into its fields once. */
export interface ArnPattern {
  readonly text: string;
  /** the five fields, when the pattern has all five colons */
  readonly fields: Arn | undefined;
}

/**
 * Prepares a pattern for arnPatternIntersectsFormat (policy variables must already be wildcards). A caller that
 * has parsed the text already passes the parse (`parsed` must be `parseArn(text)`, or that with fields widened
 * to `*`, which the pattern then means). The fields are kept as text: the intersection reads a pattern's
 * characters as its tokens, so preparing one allocates nothing.
 */
export function compileArnPattern(text: string, parsed: Arn | undefined = parseArn(text)): ArnPattern {
  return { text, fields: parsed };
}

/**
 * patternIntersectsFormat for a prepared pattern: the same answer, without parsing the pattern again for each
 * format (a caller that tries several patterns in turn against each format would re-parse on every switch).
 */
export function arnPatternIntersectsFormat(pattern: ArnPattern, format: ArnFormat): boolean {
  const p = pattern.fields;
  const f = format.fields;
  if (p && f) {
    // The resource part first: it is where formats differ. A field that is `*` intersects any.
    return (
      (p.resource === '*' || textIntersects(p.resource, f[4]!, false)) &&
      (p.partition === '*' || textIntersects(p.partition, f[0]!, true)) &&
      (p.service === '*' || textIntersects(p.service, f[1]!, true)) &&
      (p.region === '*' || textIntersects(p.region, f[2]!, true)) &&
      (p.account === '*' || textIntersects(p.account, f[3]!, true))
    );
  }
  return textIntersects(pattern.text, format.tokens, false);
}

/** Scratch space for textIntersects: a visited mark per (i, j) state, stamped so it never needs clearing. */
let visited = new Uint32Array(1024);
let stamp = 0;
let stack = new Int32Array(1024);

/**
 * Reachability in the product of two token automata: O(|a| × |b|) states, each visited once, no backtracking.
 * Returns whether some string is accepted by both the pattern text `a` (IAM wildcards: its characters are its
 * tokens, read in place) and the format text `b` (see formatText), whose wildcards are of the `field` class when
 * `field` (partition, service, region, account) and of the `any` class otherwise. State (i, j) is
 * `i * width + j`; one loop, no closures, as it runs for every (pattern, format) pair a cold run meets.
 */
function textIntersects(a: string, b: Tokens, field: boolean): boolean {
  const la = a.length;
  // A field that is one variable (`${Partition}`, `${Region}`, `${Account}`) holds any text of one or more
  // characters without `:`: the pattern can write one unless it is empty or has a literal `:` (its wildcards can
  // each take a character that is not one). No automaton for the commonest case.
  if (field && b === VARIABLE) return la > 0 && a.indexOf(':') < 0;
  const lb = b.length;
  // Both ends are anchored: literal characters facing each other at either end must agree (a cheap "no"), and
  // two texts without wildcards that agree throughout are the same text (a cheap "yes": service names).
  let front = 0;
  for (; front < la && front < lb; front++) {
    const c = a.charCodeAt(front);
    const t = b.charCodeAt(front);
    if (c === 42 || c === 63 || t === 42 || t === STAR_CHAR || t === ONE_CHAR) break;
    if (c !== t) return false;
  }
  if (front === la && front === lb) return true;
  for (let i = la - 1, j = lb - 1; i >= 0 && j >= 0; i--, j--) {
    const c = a.charCodeAt(i);
    const t = b.charCodeAt(j);
    if (c === 42 || c === 63 || t === 42 || t === STAR_CHAR || t === ONE_CHAR) break;
    if (c !== t) return false;
  }
  const star = field ? FIELD_STAR : ANY_STAR;
  const one = field ? FIELD_ONE : ANY_ONE;
  const width = lb + 1;
  const size = (la + 1) * width;
  if (visited.length < size) {
    visited = new Uint32Array(Math.max(size, visited.length * 2));
    stamp = 0;
  }
  if (stack.length < size) stack = new Int32Array(Math.max(size, stack.length * 2));
  if (++stamp === 0xffffffff) {
    visited.fill(0);
    stamp = 1;
  }
  const mark = stamp;
  const seen = visited;
  const todo = stack;
  let top = 0;
  seen[0] = mark;
  todo[top++] = 0;
  const end = la * width + lb;
  while (top > 0) {
    const k = todo[--top]!;
    if (k === end) return true;
    const i = (k / width) | 0;
    const j = k - i * width;
    const inA = i < la;
    const inB = j < lb;
    const ca = inA ? a.charCodeAt(i) : 0;
    const cb = inB ? b.charCodeAt(j) : 0;
    const ta = ca === 42 ? ANY_STAR : ca === 63 ? ANY_ONE : ca;
    const tb = cb === 42 || cb === STAR_CHAR ? star : cb === ONE_CHAR ? one : cb;
    const starA = inA && ta === ANY_STAR;
    const starB = inB && tb === star;
    // A star may match nothing: (i + 1, j) and (i, j + 1).
    if (starA && seen[k + width] !== mark) {
      seen[k + width] = mark;
      todo[top++] = k + width;
    }
    if (starB && seen[k + 1] !== mark) {
      seen[k + 1] = mark;
      todo[top++] = k + 1;
    }
    if (!inA || !inB || !compatible(ta, tb)) continue;
    // Both consume one shared character; a star may go on consuming. (Two stars: every successor is above.)
    const next = k + (starA ? 0 : width) + (starB ? 0 : 1);
    if (seen[next] !== mark) {
      seen[next] = mark;
      todo[top++] = next;
    }
  }
  return false;
}

/** Replaces policy variables (`${aws:username}`, `${*}`) by `*` so a pattern can be judged statically. */
export function variablesAsWildcards(value: string): string {
  return value.includes('${') ? value.replace(/\$\{[^}]*\}/g, '*') : value;
}
