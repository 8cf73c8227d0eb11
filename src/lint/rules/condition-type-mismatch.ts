import { createRequire } from 'node:module';
import type * as Net from 'node:net';
import type { ConditionValueType } from '../../catalog/data.js';
import type { ConditionClause, Str } from '../../policy/model.js';
import type { OperatorFamily } from '../../policy/operators.js';
import { conditionKeyInfo, isKnownKey } from '../condition-keys.js';
import type { Rule } from '../rule.js';

/**
 * A condition whose operator cannot work with its key or its values:
 *
 * - the operator's family does not fit the key's type, where AWS documents the key's operators and the pair can
 *   never compare (`NumericEquals` on a String key, `Bool` on an ARN key, `IpAddress` on a Date key…). String
 *   operators are never reported against a key's type: IAM compares the text, and AWS itself uses them on ARN
 *   keys ("there are certain cases when a string operator would match when an ARN operator would not");
 * - a value that cannot be of the operator's type (Access Analyzer's "Type mismatch" checks): a number for
 *   Numeric, an ISO 8601 date or epoch seconds for Date (no wildcards), `true`/`false` for Bool and Null, a CIDR
 *   for IpAddress, base64 for BinaryEquals, an ARN for the Arn operators — and, under a String operator, a value
 *   other than `true`/`false` for a Bool key, which the key never holds.
 *
 * Values holding policy variables or unresolved template parts are not judged.
 */
export default {
  meta: {
    code: 'condition-type-mismatch',
    severity: 'error',
    summary: "A condition operator does not fit its key's type, or a value cannot be of the operator's type.",
  },
  check(ctx) {
    const seenKey = new Set<string>();
    for (const s of ctx.document.statements) {
      // Most statements have no condition: skipped without a fresh empty list each.
      if (!s.condition) continue;
      for (const clause of s.condition.clauses) {
        const op = clause.op;
        if (!op) continue;
        const family = op.base.family;
        const keyType = typeOf(ctx, clause);
        const clash = keyType ? familyClash(family, keyType, clause.key) : undefined;
        if (clash && !seenKey.has(clause.keyPointer)) {
          seenKey.add(clause.keyPointer);
          ctx.report({ pointer: clause.keyPointer, message: `${clause.operator} ${clash}` });
          continue;
        }
        for (const v of clause.values.items) {
          if (v.unresolved || v.value.includes('${')) continue;
          const problem = valueProblem(family, op.base.comparison === 'like', keyType, v);
          if (problem) ctx.report({ pointer: v.pointer, message: `${clause.operator} on ${clause.key}: ${problem}` });
        }
      }
    }
  },
} satisfies Rule;

type BaseType = 'String' | 'ARN' | 'Bool' | 'Numeric' | 'Date' | 'IPAddress' | 'Binary';

function typeOf(ctx: Parameters<Rule['check']>[0], clause: ConditionClause): BaseType | undefined {
  const info = conditionKeyInfo(ctx.catalog, clause.key);
  if (info) return baseType(info.type);
  // Identity-provider claims the catalogue does not list are strings.
  return isKnownKey(ctx.catalog, clause.key, ctx.policyType) ? 'String' : undefined;
}

/** Each catalogue type's base type, looked up rather than made by a regular-expression replace per clause. */
const BASE_TYPES: Partial<Record<string, BaseType>> = {
  String: 'String',
  ArrayOfString: 'String',
  ARN: 'ARN',
  ArrayOfARN: 'ARN',
  Bool: 'Bool',
  ArrayOfBool: 'Bool',
  Numeric: 'Numeric',
  ArrayOfNumeric: 'Numeric',
  Date: 'Date',
  ArrayOfDate: 'Date',
  IPAddress: 'IPAddress',
  ArrayOfIPAddress: 'IPAddress',
  Binary: 'Binary',
  ArrayOfBinary: 'Binary',
};

function baseType(t: ConditionValueType): BaseType {
  return BASE_TYPES[t] ?? (t.replace(/^ArrayOf/, '') as BaseType);
}

const TYPE_WORDS: Record<BaseType, string> = {
  String: 'a String key',
  ARN: 'an ARN key',
  Bool: 'a Bool key',
  Numeric: 'a Numeric key',
  Date: 'a Date key',
  IPAddress: 'an IP address key',
  Binary: 'a Binary key',
};

/** Families that can never compare with a key type. Numeric on Date stays allowed: `aws:EpochTime` takes both. */
const NEVER: Partial<Record<OperatorFamily, readonly BaseType[]>> = {
  Numeric: ['String', 'ARN', 'Bool', 'IPAddress', 'Binary'],
  Date: ['String', 'ARN', 'Bool', 'IPAddress', 'Binary'],
  Bool: ['ARN', 'Numeric', 'Date', 'IPAddress', 'Binary'],
  IpAddress: ['String', 'ARN', 'Bool', 'Numeric', 'Date', 'Binary'],
  Arn: ['Bool', 'Numeric', 'Date', 'IPAddress', 'Binary'],
  Binary: ['ARN', 'Bool', 'Numeric', 'Date', 'IPAddress'],
};

const FAMILY_FOR: Record<BaseType, string> = {
  String: 'a String operator',
  ARN: 'an Arn operator (ArnLike, ArnEquals…)',
  Bool: 'Bool',
  Numeric: 'a Numeric operator',
  Date: 'a Date operator',
  IPAddress: 'IpAddress or NotIpAddress',
  Binary: 'BinaryEquals',
};

const COMPARES: Record<OperatorFamily, string> = {
  String: 'strings',
  Numeric: 'numbers',
  Date: 'dates',
  Bool: 'booleans',
  Binary: 'binary values',
  IpAddress: 'IP addresses',
  Arn: 'ARNs',
  Null: 'presence',
};

function familyClash(family: OperatorFamily, keyType: BaseType, key: string): string | undefined {
  if (!NEVER[family]?.includes(keyType)) return undefined;
  // A String key named for an address may well hold one; leave it be.
  if (family === 'IpAddress' && keyType === 'String' && /ip|cidr|address/i.test(key.slice(key.indexOf(':') + 1))) return undefined;
  return `compares ${COMPARES[family]}, but ${key} is ${TYPE_WORDS[keyType]}: the condition can never match as meant; use ${FAMILY_FOR[keyType]}`;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** W3C profile of ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, with time hh:mm[:ss[.s]] and a zone). */
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function valueProblem(family: OperatorFamily, like: boolean, keyType: BaseType | undefined, v: Str): string | undefined {
  const value = v.value;
  switch (family) {
    case 'Numeric':
      return NUMBER.test(value.trim()) ? undefined : `"${value}" is not a number`;
    case 'Date':
      return validDate(value) ? undefined : `"${value}" is not a date: use ISO 8601 (2024-01-31, 2024-01-31T12:00:00Z) or epoch seconds`;
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not true or false`;
    case 'IpAddress':
      return validCidr(value) ? undefined : `"${value}" is not an IP address or CIDR range (203.0.113.0/24, 2001:db8::/32)`;
    case 'Binary':
      return BASE64.test(value) ? undefined : `"${value}" is not base64`;
    case 'Arn':
      // Arn operators compare the six colon-separated fields; anything else never matches.
      return value.startsWith('arn:') || /^[*?]/.test(value) ? undefined : `"${value}" is not an ARN (Arn operators compare arn:partition:service:region:account:resource field by field)`;
    case 'String':
      // A Bool key only ever holds "true" or "false".
      if (keyType === 'Bool' && !/^(true|false)$/i.test(value) && !(like && /[*?]/.test(value))) {
        return `the key is a Bool key, whose value is "true" or "false", never "${value}"`;
      }
      return undefined;
    default:
      return undefined;
  }
}

function validDate(value: string): boolean {
  if (/^\d+(\.\d+)?$/.test(value)) return true; // epoch seconds
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [, , month, day, hour, minute, second] = m;
  const inRange = (s: string | undefined, lo: number, hi: number) => s === undefined || (Number(s) >= lo && Number(s) <= hi);
  return inRange(month, 1, 12) && inRange(day, 1, 31) && inRange(hour, 0, 24) && inRange(minute, 0, 59) && inRange(second, 0, 60);
}

/** `net.isIP`, with node:net loaded on the first IP address checked rather than at every CLI start-up. */
let isIpFn: ((address: string) => number) | undefined;
function isIP(address: string): number {
  isIpFn ??= (createRequire(import.meta.url)('node:net') as typeof Net).isIP;
  return isIpFn(address);
}

function validCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return false;
  if (slash < 0) return true;
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}
