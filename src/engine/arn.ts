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
  const parts: string[] = [];
  let from = 4;
  for (let i = 0; i < 4; i++) {
    const c = text.indexOf(':', from);
    if (c < 0) return undefined;
    parts.push(text.slice(from, c));
    from = c + 1;
  }
  return { partition: parts[0]!, service: parts[1]!, region: parts[2]!, account: parts[3]!, resource: text.slice(from) };
}

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/**
 * Tokens for pattern intersection, packed in an Int32Array so that intersection allocates nothing per step: a
 * literal character is its code (≥ 0); the negative codes below stand for "one character of a class", with or
 * without repetition. `any` admits every character; `field` every character but `:` (partition, region and
 * account never contain one).
 */
const ANY_STAR = -1;
const ANY_ONE = -2;
const FIELD_STAR = -3;
const FIELD_ONE = -4;
type Tokens = Int32Array;

function isStar(t: number): boolean {
  return t === ANY_STAR || t === FIELD_STAR;
}

/** Whether tokens `a` and `b` can consume one and the same character. */
function compatible(a: number, b: number): boolean {
  if (a >= 0 && b >= 0) return a === b;
  if (a >= 0) return b === ANY_STAR || b === ANY_ONE || a !== 58; /* : */
  if (b >= 0) return a === ANY_STAR || a === ANY_ONE || b !== 58;
  return true;
}

const patternTokenCache = new Map<string, Tokens>();

/** A policy ARN pattern as tokens: `*` any run, `?` any one character, everything else literal. Memoised. */
function patternTokens(pattern: string): Tokens {
  const hit = patternTokenCache.get(pattern);
  if (hit) return hit;
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      if (out[out.length - 1] !== ANY_STAR) out.push(ANY_STAR);
    } else if (c === 63) out.push(ANY_ONE);
    else out.push(c);
  }
  const tokens = Int32Array.from(out);
  if (patternTokenCache.size > 50_000) patternTokenCache.clear();
  patternTokenCache.set(pattern, tokens);
  return tokens;
}

export interface ArnFormat {
  readonly format: string;
  readonly tokens: Tokens;
  /** tokens of partition, service, region, account and resource, when the format has all five colons */
  readonly fields: readonly Tokens[] | undefined;
  readonly service: string;
  /** whether the format has a region / account field (`${Region}`) rather than an empty one */
  readonly hasRegion: boolean;
  readonly hasAccount: boolean;
  /** the literal resource-part prefix before the first variable, e.g. `role/` */
  readonly resourcePrefix: string;
}

const formatCache = new Map<string, ArnFormat>();

/** Format text → tokens; a `${Variable}` is one or more characters of the class (`field` or `any`). */
function formatTokens(text: string, field: boolean): Tokens {
  const one = field ? FIELD_ONE : ANY_ONE;
  const star = field ? FIELD_STAR : ANY_STAR;
  const tokens: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('${', i)) {
      const close = text.indexOf('}', i);
      tokens.push(one, star);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    const c = text.charCodeAt(i);
    tokens.push(c === 42 ? star : c);
    i++;
  }
  return Int32Array.from(tokens);
}

/**
 * `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` → tokens, whole and per field. A variable in the
 * first five fields holds no `:`; in the resource part it may hold anything, because resource names
 * legitimately contain `/` and `:` (object keys, log groups written with their `:*` suffix, qualifiers).
 */
export function compileArnFormat(format: string): ArnFormat {
  const hit = formatCache.get(format);
  if (hit) return hit;
  const arn = parseArn(format);
  const fields = arn
    ? [
        formatTokens(arn.partition, true),
        formatTokens(arn.service, true),
        formatTokens(arn.region, true),
        formatTokens(arn.account, true),
        formatTokens(arn.resource, false),
      ]
    : undefined;
  const resource = arn?.resource ?? '';
  const firstVar = resource.indexOf('${');
  const result: ArnFormat = {
    format,
    tokens: formatTokens(format, false),
    fields,
    service: arn?.service ?? '',
    hasRegion: (arn?.region ?? '') !== '',
    hasAccount: (arn?.account ?? '') !== '',
    resourcePrefix: firstVar < 0 ? resource : resource.slice(0, firstVar),
  };
  formatCache.set(format, result);
  return result;
}

/**
 * Whether some real ARN matches both the policy pattern (IAM wildcards) and the ARN format. When the pattern
 * has all five colons it is compared field by field, so a `*` written for the account cannot swallow
 * `:policy/…` (no real account id holds a colon); otherwise as a whole. Each comparison is reachability in the
 * product of two token automata, O(|pattern| × |format|). Policy variables (`${aws:username}`) must already be
 * wildcards (see `variablesAsWildcards`).
 */
export function patternIntersectsFormat(pattern: string, format: ArnFormat): boolean {
  // Most formats of a service differ from a pattern in the resource part's literal ends: answer that "no" before
  // the memo, which then holds only the pairs that needed the automaton (fewer entries, less to collect).
  if (format.fields) {
    const p = patternFields(pattern);
    if (p && p[4] && literalEndsDisagree(p[4], format.fields[4]!)) return false;
  }
  // Lint asks the same (pattern, format) question many times over a corpus: one answer per pair.
  let answers = intersectionMemo.get(format);
  if (!answers) intersectionMemo.set(format, (answers = new Map()));
  const known = answers.get(pattern);
  if (known !== undefined) return known;
  const answer = computeIntersects(pattern, format);
  if (answers.size > 10_000) answers.clear();
  answers.set(pattern, answer);
  return answer;
}

const intersectionMemo = new WeakMap<ArnFormat, Map<string, boolean>>();

/**
 * The last pattern's field tokens (callers try one pattern against a service's formats in a row); null for a
 * field that is just `*`, which intersects every format field (each accepts some text, and `*` accepts all).
 */
let lastPattern: string | undefined;
let lastFields: readonly (Tokens | null)[] | undefined;

function fieldTokens(field: string): Tokens | null {
  return field === '*' ? null : patternTokens(field);
}

function patternFields(pattern: string): readonly (Tokens | null)[] | undefined {
  if (pattern !== lastPattern) {
    const p = parseArn(pattern);
    lastFields = p ? [fieldTokens(p.partition), fieldTokens(p.service), fieldTokens(p.region), fieldTokens(p.account), fieldTokens(p.resource)] : undefined;
    lastPattern = pattern;
  }
  return lastFields;
}

function fieldIntersects(pattern: Tokens | null | undefined, format: Tokens | undefined): boolean {
  return !pattern || tokensIntersect(pattern, format!);
}

function computeIntersects(pattern: string, format: ArnFormat): boolean {
  const p = format.fields ? patternFields(pattern) : undefined;
  if (p && format.fields) {
    const f = format.fields;
    // The resource part first: it is where formats differ.
    return (
      fieldIntersects(p[4], f[4]) &&
      fieldIntersects(p[0], f[0]) &&
      fieldIntersects(p[1], f[1]) &&
      fieldIntersects(p[2], f[2]) &&
      fieldIntersects(p[3], f[3])
    );
  }
  return tokensIntersect(patternTokens(pattern), format.tokens);
}

/** Both ends are anchored: literal characters facing each other at either end must agree (a cheap "no"). */
function literalEndsDisagree(a: Tokens, b: Tokens): boolean {
  for (let i = 0; i < a.length && i < b.length && a[i]! >= 0 && b[i]! >= 0; i++) if (a[i] !== b[i]) return true;
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0 && a[i]! >= 0 && b[j]! >= 0; i--, j--) if (a[i] !== b[j]) return true;
  return false;
}

/** Scratch space for tokensIntersect: a visited mark per (i, j) state, stamped so it never needs clearing. */
let visited = new Uint32Array(1024);
let stamp = 0;
let stack = new Int32Array(1024);

/**
 * Reachability in the product of two token automata: O(|a| × |b|) states, each visited once, no backtracking.
 * Returns whether some string is accepted by both.
 */
function tokensIntersect(a: Tokens, b: Tokens): boolean {
  if (literalEndsDisagree(a, b)) return false;
  const width = b.length + 1;
  const size = (a.length + 1) * width;
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
  let top = 0;
  const push = (i: number, j: number): void => {
    const k = i * width + j;
    if (visited[k] !== mark) {
      visited[k] = mark;
      stack[top++] = k;
    }
  };
  push(0, 0);
  const end = a.length * width + b.length;
  while (top > 0) {
    const k = stack[--top]!;
    if (k === end) return true;
    const i = (k / width) | 0;
    const j = k - i * width;
    const ta = i < a.length ? a[i]! : undefined;
    const tb = j < b.length ? b[j]! : undefined;
    const starA = ta !== undefined && isStar(ta);
    const starB = tb !== undefined && isStar(tb);
    // A star may match nothing.
    if (starA) push(i + 1, j);
    if (starB) push(i, j + 1);
    if (ta === undefined || tb === undefined || !compatible(ta, tb)) continue;
    // Both consume one shared character; a star may go on consuming.
    push(starA ? i : i + 1, starB ? j : j + 1);
    if (starA && starB) {
      push(i + 1, j);
      push(i, j + 1);
    }
  }
  return false;
}

/** Replaces policy variables (`${aws:username}`, `${*}`) by `*` so a pattern can be judged statically. */
export function variablesAsWildcards(value: string): string {
  return value.includes('${') ? value.replace(/\$\{[^}]*\}/g, '*') : value;
}
