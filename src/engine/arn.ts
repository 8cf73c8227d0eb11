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
 * Token classes for pattern intersection: a literal character, or "one character of a class" with an optional
 * repeat. `any` admits every character; `field` every character but `:` (partition, region and account never
 * contain one).
 */
type CharClass = 'any' | 'field';
type Token = { lit: number } | { cls: CharClass; star: boolean };

function classAdmits(cls: CharClass, c: number): boolean {
  return cls === 'any' || c !== 58; /* : */
}

/** A policy ARN pattern as tokens: `*` any run, `?` any one character, everything else literal. */
function patternTokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42) {
      const prev = out[out.length - 1];
      if (!(prev && 'cls' in prev && prev.star)) out.push({ cls: 'any', star: true });
    } else if (c === 63) out.push({ cls: 'any', star: false });
    else out.push({ lit: c });
  }
  return out;
}

export interface ArnFormat {
  readonly format: string;
  readonly tokens: readonly Token[];
  /** tokens of partition, service, region, account and resource, when the format has all five colons */
  readonly fields: readonly (readonly Token[])[] | undefined;
  readonly service: string;
  /** whether the format has a region / account field (`${Region}`) rather than an empty one */
  readonly hasRegion: boolean;
  readonly hasAccount: boolean;
  /** the literal resource-part prefix before the first variable, e.g. `role/` */
  readonly resourcePrefix: string;
}

const formatCache = new Map<string, ArnFormat>();

/** Format text → tokens; a `${Variable}` is one or more characters of `cls`. */
function formatTokens(text: string, cls: CharClass): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('${', i)) {
      const close = text.indexOf('}', i);
      tokens.push({ cls, star: false }, { cls, star: true });
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    const c = text.charCodeAt(i);
    tokens.push(c === 42 ? { cls, star: true } : { lit: c });
    i++;
  }
  return tokens;
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
        formatTokens(arn.partition, 'field'),
        formatTokens(arn.service, 'field'),
        formatTokens(arn.region, 'field'),
        formatTokens(arn.account, 'field'),
        formatTokens(arn.resource, 'any'),
      ]
    : undefined;
  const resource = arn?.resource ?? '';
  const firstVar = resource.indexOf('${');
  const result: ArnFormat = {
    format,
    tokens: formatTokens(format, 'any'),
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
  const p = format.fields ? parseArn(pattern) : undefined;
  if (p && format.fields) {
    const parts = [p.partition, p.service, p.region, p.account, p.resource];
    return parts.every((part, i) => tokensIntersect(patternTokens(part), format.fields![i]!));
  }
  return tokensIntersect(patternTokens(pattern), format.tokens);
}

function tokensIntersect(a: readonly Token[], b: readonly Token[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    // A star may match nothing.
    if (ta && 'cls' in ta && ta.star) push(i + 1, j);
    if (tb && 'cls' in tb && tb.star) push(i, j + 1);
    if (!ta || !tb) continue;
    // Both consume one shared character, if one exists that both admit.
    let compatible: boolean;
    if ('lit' in ta && 'lit' in tb) compatible = ta.lit === tb.lit;
    else if ('lit' in ta) compatible = classAdmits((tb as { cls: CharClass }).cls, ta.lit);
    else if ('lit' in tb) compatible = classAdmits(ta.cls, tb.lit);
    else compatible = true;
    if (!compatible) continue;
    const ni = 'cls' in ta && ta.star ? i : i + 1;
    const nj = 'cls' in tb && tb.star ? j : j + 1;
    push(ni, nj);
    if ('cls' in ta && ta.star && 'cls' in tb && tb.star) {
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
