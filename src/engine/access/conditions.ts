/**
 * Whether one statement's conditions imply another's (every request the first admits, the second admits), decided
 * by meaning where the operator allows: a subset of values for the equality operators, glob containment for
 * `StringLike`/`Arn*`, narrower CIDRs for `IpAddress`, tighter bounds for the ordering operators, a superset of
 * excluded values for the negated operators. A clause added makes a statement narrower, a clause removed wider.
 * Anything else (unknown operators, policy variables in values, mixed set qualifiers) is implied only by an
 * identical clause: `false` here always means "not proven", never "proven wider".
 */
import { wildcardMatch } from '../wildcard.js';
import { patternContains } from './resources.js';
import type { Clause } from './statements.js';

function sameText(a: Clause, b: Clause): boolean {
  if (a.operator !== b.operator || a.key.toLowerCase() !== b.key.toLowerCase() || a.variables !== b.variables) return false;
  const x = [...new Set(a.values)].sort();
  const y = [...new Set(b.values)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

interface Cidr {
  bits: bigint;
  prefix: number;
  width: number;
}

function parseCidr(text: string): Cidr | undefined {
  const [addr, len] = text.split('/');
  if (addr === undefined) return undefined;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (!v4) return undefined;
  let bits = 0n;
  for (let i = 1; i <= 4; i++) {
    const n = Number(v4[i]);
    if (n > 255) return undefined;
    bits = (bits << 8n) | BigInt(n);
  }
  const prefix = len === undefined ? 32 : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  return { bits, prefix, width: 32 };
}

function cidrContains(outer: string, inner: string): boolean {
  if (outer.toLowerCase() === inner.toLowerCase()) return true;
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || o.width !== i.width || o.prefix > i.prefix) return false;
  const shift = BigInt(o.width - o.prefix);
  return o.bits >> shift === i.bits >> shift;
}

function number(family: string, v: string): number | undefined {
  const n = family === 'Date' ? (/^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v)) : Number(v);
  return Number.isFinite(n) && v.trim() !== '' ? n : undefined;
}

/** Does value `a` (of clause a) admit only strings that value `b` admits? Same polarity, same family. */
function valueWithin(aOp: string, bOp: string, family: string, a: string, b: string): boolean {
  switch (family) {
    case 'String': {
      if (bOp === 'equals') return aOp === 'equals' && a === b;
      if (bOp === 'equalsIgnoreCase') return (aOp === 'equals' || aOp === 'equalsIgnoreCase') && a.toLowerCase() === b.toLowerCase();
      // b is `like`
      if (aOp === 'equals') return wildcardMatch(b, a);
      if (aOp === 'like') return patternContains(b, a, false, false);
      return false;
    }
    case 'Arn':
      return patternContains(b, a, false, false);
    case 'IpAddress':
      return cidrContains(b, a);
    case 'Numeric':
    case 'Date': {
      const x = number(family, a);
      const y = number(family, b);
      return x !== undefined && x === y;
    }
    case 'Bool':
      return a.toLowerCase() === b.toLowerCase();
    default:
      return a === b;
  }
}

function bound(family: string, values: readonly string[], pick: 'max' | 'min'): number | undefined {
  const ns = values.map((v) => number(family, v));
  if (ns.length === 0 || ns.some((n) => n === undefined)) return undefined;
  return pick === 'max' ? Math.max(...(ns as number[])) : Math.min(...(ns as number[]));
}

/** Does clause a admit only requests clause b admits? (Same key assumed.) */
export function clauseImplies(a: Clause, b: Clause): boolean {
  if (sameText(a, b)) return true;
  const ao = a.op;
  const bo = b.op;
  if (!ao || !bo) return false;
  if (a.key.toLowerCase() !== b.key.toLowerCase()) return false;
  if ([...a.values, ...b.values].some((v) => v.includes('${'))) return false;
  if (ao.set !== bo.set) return false;
  // A key that is absent passes an `IfExists` clause; the implied clause must then pass too.
  if (ao.ifExists && !bo.ifExists) return false;
  const fa = ao.base.family;
  const fb = bo.base.family;
  if (fa !== fb || ao.base.negated !== bo.base.negated) return false;
  const ca = ao.base.comparison;
  const cb = bo.base.comparison;
  if (fa === 'Null') return ao.base.name === bo.base.name && a.values.every((v) => b.values.some((w) => v.toLowerCase() === w.toLowerCase()));
  if (ca === 'lt' || ca === 'lte' || ca === 'gt' || ca === 'gte') {
    const up = ca === 'lt' || ca === 'lte';
    if (up !== (cb === 'lt' || cb === 'lte') || cb === 'equals' || cb === 'like') return false;
    const x = bound(fa, a.values, up ? 'max' : 'min');
    const y = bound(fa, b.values, up ? 'max' : 'min');
    if (x === undefined || y === undefined) return false;
    const aStrict = ca === 'lt' || ca === 'gt';
    const bStrict = cb === 'lt' || cb === 'gt';
    if (up) return bStrict && !aStrict ? x < y : x <= y;
    return bStrict && !aStrict ? x > y : x >= y;
  }
  if (cb !== 'equals' && cb !== 'equalsIgnoreCase' && cb !== 'like') return false;
  if (ca !== 'equals' && ca !== 'equalsIgnoreCase' && ca !== 'like') return false;
  if (!ao.base.negated) {
    // Each value a admits lies within a value b admits.
    return a.values.every((v) => b.values.some((w) => valueWithin(ca, cb, fa, v, w)));
  }
  // Negated: a excludes more than b — every value b excludes lies within one a excludes.
  return b.values.every((w) => a.values.some((v) => valueWithin(cb, ca, fa, w, v)));
}

/**
 * Whether conditions `a` (a conjunction) imply conditions `b`: each clause of b implied by some clause of a.
 * `b` empty: always true.
 */
export function conditionsImply(a: readonly Clause[], b: readonly Clause[]): boolean {
  return b.every((cb) => a.some((ca) => clauseImplies(ca, cb)));
}

/** Conditions as a JSON object in IAM's shape (`{operator: {key: values}}`), for reports. */
export function conditionsObject(clauses: readonly Clause[]): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of clauses) (out[c.operator] ??= {})[c.key] = [...c.values];
  return out;
}
