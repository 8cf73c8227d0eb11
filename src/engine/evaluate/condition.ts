/**
 * Condition evaluation ("IAM JSON policy elements: Condition operators", "Conditions with multiple context keys or
 * values", "Single-valued vs. multivalued context keys"). A clause is compiled once: its key lower-cased, its
 * values parsed for the operator's type; values holding policy variables are resolved per request.
 *
 * For one clause:
 * - `Null`: `true` matches when the key is absent, `false` when it is present.
 * - key absent: `…IfExists` → true; `ForAllValues:` → true; `ForAnyValue:` → false; a negated operator (`…Not…`,
 *   `NotIpAddress`) → true; any other → false.
 * - no set operator: the key must hold one value (a multivalued key needs a set operator, so it matches nothing);
 *   the value matches when it matches any policy value, and for a negated operator when it matches none (NOR).
 * - `ForAnyValue:` → some request value matches; `ForAllValues:` → every request value matches, where "matches"
 *   is the per-value test above (so `ForAllValues:StringNotEquals` = no request value equals any policy value).
 * Clauses are ANDed; the values of one clause are ORed (NORed when negated).
 */
import type { ConditionOperator } from '../../policy/operators.js';
import { compileWildcard } from '../wildcard.js';
import { compileGlob, NEVER_MATCHES, type Matcher } from './glob.js';
import { parsedView, type ContextValue } from './request.js';
import { cidrContains, decodeBase64, parseBool, parseCidr, parseDate, parseIp, parseNumber, type IpRange } from './values.js';
import { parseTemplate, resolvePieces, resolveText, type Template } from './variables.js';

/** One policy value, compiled for its operator family. */
type Compare = (ctx: ContextValue, i: number, context: ReadonlyMap<string, ContextValue>) => boolean;

export interface CompiledCondition {
  /** lower-case key */
  readonly key: string;
  readonly operator: string;
  readonly isNull: boolean;
  readonly ifExists: boolean;
  readonly set: 'ForAnyValue' | 'ForAllValues' | undefined;
  readonly negated: boolean;
  /** does the i-th request value match any policy value? */
  readonly anyValue: Compare;
  /** `Null` only: the policy asks for absence (`true`), presence (`false`), either (both listed) or neither */
  readonly nullWants: { absent: boolean; present: boolean };
}

function lower(s: string): string {
  return s.toLowerCase();
}

/** ARN fields: "Each of the six colon-delimited components of the ARN is checked separately". */
function splitArn(text: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.indexOf(':', from);
    if (c < 0) return undefined;
    out.push(text.slice(from, c));
    from = c + 1;
  }
  out.push(text.slice(from));
  return out;
}

function arnMatcher(pattern: string): Matcher {
  const fields = splitArn(pattern);
  if (!fields) return NEVER_MATCHES;
  const matchers = fields.map((f) => compileWildcard(f));
  return {
    matches(text: string): boolean {
      const parts = splitArn(text);
      if (!parts) return false;
      for (let i = 0; i < 6; i++) if (!matchers[i]!.matches(parts[i]!)) return false;
      return true;
    },
  };
}

/** ARN field matching where variable text is literal: each field of the resolved text as its own pattern. */
function arnMatcherFromTemplate(t: Template, context: ReadonlyMap<string, ContextValue>): Matcher {
  const pieces = resolvePieces(t, context);
  if (!pieces) return NEVER_MATCHES;
  // Split the pieces at the first five colons of the joined text, keeping each piece's wildness.
  const fields: { text: string; wild: boolean }[][] = [[]];
  for (const p of pieces) {
    let start = 0;
    for (let i = 0; i < p.text.length; i++) {
      if (p.text.charCodeAt(i) === 58 && fields.length < 6) {
        fields[fields.length - 1]!.push({ text: p.text.slice(start, i), wild: p.wild });
        fields.push([]);
        start = i + 1;
      }
    }
    fields[fields.length - 1]!.push({ text: p.text.slice(start), wild: p.wild });
  }
  if (fields.length < 6) return NEVER_MATCHES;
  const matchers = fields.map((f) => compileGlob(f));
  return {
    matches(text: string): boolean {
      const parts = splitArn(text);
      if (!parts) return false;
      for (let i = 0; i < 6; i++) if (!matchers[i]!.matches(parts[i]!)) return false;
      return true;
    },
  };
}

/** Values whose operators accept policy variables: String, ARN and Bool ("You can use a policy variable with…"). */
function compileValues(op: ConditionOperator, values: readonly string[], variables: boolean): Compare {
  const base = op.base;
  const family = base.family;
  const vars = variables && (family === 'String' || family === 'Arn' || family === 'Bool');
  const templates = values.map((v) => parseTemplate(v, vars));
  const dynamic = templates.some((t) => t.dynamic);

  switch (family) {
    case 'String': {
      if (base.comparison === 'like') {
        if (!dynamic) {
          const ms = templates.map((t) => compileGlob(t.pieces!));
          return (ctx, i) => {
            const s = ctx.values[i]!;
            for (const m of ms) if (m.matches(s)) return true;
            return false;
          };
        }
        return (ctx, i, context) => {
          const s = ctx.values[i]!;
          for (const t of templates) {
            const pieces = t.dynamic ? resolvePieces(t, context) : t.pieces;
            if (pieces && compileGlob(pieces).matches(s)) return true;
          }
          return false;
        };
      }
      const ignoreCase = base.comparison === 'equalsIgnoreCase';
      if (!dynamic) {
        const texts = templates.map((t) => t.pieces!.map((p) => p.text).join(''));
        if (ignoreCase) {
          const lowered = texts.map(lower);
          return (ctx, i) => lowered.includes(parsedView(ctx, 'lower', lower)[i]!);
        }
        if (texts.length > 8) {
          const set = new Set(texts);
          return (ctx, i) => set.has(ctx.values[i]!);
        }
        return (ctx, i) => texts.includes(ctx.values[i]!);
      }
      return (ctx, i, context) => {
        const s = ignoreCase ? parsedView(ctx, 'lower', lower)[i]! : ctx.values[i]!;
        for (const t of templates) {
          const r = resolveText(t, context);
          if (r !== undefined && (ignoreCase ? lower(r) : r) === s) return true;
        }
        return false;
      };
    }
    case 'Numeric': {
      const nums = values.map(parseNumber);
      const cmp = ordering(base.comparison);
      return (ctx, i) => {
        const n = parsedView(ctx, 'numbers', parseNumber)[i];
        if (n === undefined) return false;
        for (const p of nums) if (p !== undefined && cmp(n, p)) return true;
        return false;
      };
    }
    case 'Date': {
      const dates = values.map(parseDate);
      const cmp = ordering(base.comparison);
      return (ctx, i) => {
        const d = parsedView(ctx, 'dates', parseDate)[i];
        if (d === undefined) return false;
        for (const p of dates) if (p !== undefined && cmp(d, p)) return true;
        return false;
      };
    }
    case 'Bool': {
      const bools = templates.map((t) => (t.dynamic ? undefined : parseBool(t.pieces!.map((p) => p.text).join(''))));
      return (ctx, i, context) => {
        const b = parseBool(ctx.values[i]!);
        if (b === undefined) return false;
        for (let k = 0; k < templates.length; k++) {
          const t = templates[k]!;
          const p = t.dynamic ? parseBool(resolveText(t, context) ?? '') : bools[k];
          if (p === b) return true;
        }
        return false;
      };
    }
    case 'Binary': {
      const bins = values.map((v) => decodeBase64(v) ?? `\u0000raw:${v}`);
      return (ctx, i) => {
        const s = ctx.values[i]!;
        const b = parsedView(ctx, 'binaries', (x) => decodeBase64(x) ?? `\u0000raw:${x}`)[i];
        return bins.includes(b ?? s);
      };
    }
    case 'IpAddress': {
      const ranges = values.map(parseCidr).filter((r): r is IpRange => r !== undefined);
      return (ctx, i) => {
        const ip = parsedView(ctx, 'ips', parseIp)[i];
        if (!ip) return false;
        for (const r of ranges) if (cidrContains(r, ip)) return true;
        return false;
      };
    }
    case 'Arn': {
      if (!dynamic) {
        const ms = templates.map((t) => (t.pieces!.every((p) => p.wild) ? arnMatcher(t.pieces!.map((p) => p.text).join('')) : arnMatcherFromTemplate(t, new Map())));
        return (ctx, i) => {
          const s = ctx.values[i]!;
          for (const m of ms) if (m.matches(s)) return true;
          return false;
        };
      }
      return (ctx, i, context) => {
        const s = ctx.values[i]!;
        for (const t of templates) if (arnMatcherFromTemplate(t, context).matches(s)) return true;
        return false;
      };
    }
    case 'Null':
      return () => false;
  }
}

function ordering(c: string): (a: number, b: number) => boolean {
  switch (c) {
    case 'lt':
      return (a, b) => a < b;
    case 'lte':
      return (a, b) => a <= b;
    case 'gt':
      return (a, b) => a > b;
    case 'gte':
      return (a, b) => a >= b;
    default:
      return (a, b) => a === b;
  }
}

export function compileCondition(op: ConditionOperator, key: string, values: readonly string[], variables: boolean): CompiledCondition {
  const isNull = op.base.family === 'Null';
  const nullWants = { absent: false, present: false };
  if (isNull) {
    for (const v of values) {
      const b = parseBool(v);
      if (b === 'true') nullWants.absent = true;
      else if (b === 'false') nullWants.present = true;
    }
  }
  return {
    key: key.toLowerCase(),
    operator: op.name,
    isNull,
    ifExists: op.ifExists,
    set: op.set,
    negated: op.base.negated,
    anyValue: isNull ? () => false : compileValues(op, values, variables),
    nullWants,
  };
}

export function evaluateCondition(c: CompiledCondition, context: ReadonlyMap<string, ContextValue>): boolean {
  const v = context.get(c.key);
  if (c.isNull) return v === undefined ? c.nullWants.absent : c.nullWants.present;
  if (v === undefined) {
    if (c.ifExists) return true;
    if (c.set === 'ForAllValues') return true;
    if (c.set === 'ForAnyValue') return false;
    return c.negated;
  }
  const n = v.values.length;
  if (c.set === undefined) {
    if (v.multi) return false;
    return c.anyValue(v, 0, context) !== c.negated;
  }
  if (c.set === 'ForAnyValue') {
    for (let i = 0; i < n; i++) if (c.anyValue(v, i, context) !== c.negated) return true;
    return false;
  }
  for (let i = 0; i < n; i++) if (c.anyValue(v, i, context) === c.negated) return false;
  return true;
}
