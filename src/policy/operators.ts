/**
 * Condition operators as documented in "IAM JSON policy elements: Condition operators": a base operator, an
 * optional `IfExists` suffix (all but `Null`) and an optional `ForAnyValue:`/`ForAllValues:` set qualifier.
 */

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** What the base operator compares: equality, wildcard match, or an ordering. */
export type Comparison = 'equals' | 'equalsIgnoreCase' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'null';

export interface BaseOperator {
  name: string;
  family: OperatorFamily;
  comparison: Comparison;
  /** `…Not…` operators: true when no value matches */
  negated: boolean;
}

const BASE: BaseOperator[] = [
  { name: 'StringEquals', family: 'String', comparison: 'equals', negated: false },
  { name: 'StringNotEquals', family: 'String', comparison: 'equals', negated: true },
  { name: 'StringEqualsIgnoreCase', family: 'String', comparison: 'equalsIgnoreCase', negated: false },
  { name: 'StringNotEqualsIgnoreCase', family: 'String', comparison: 'equalsIgnoreCase', negated: true },
  { name: 'StringLike', family: 'String', comparison: 'like', negated: false },
  { name: 'StringNotLike', family: 'String', comparison: 'like', negated: true },
  { name: 'NumericEquals', family: 'Numeric', comparison: 'equals', negated: false },
  { name: 'NumericNotEquals', family: 'Numeric', comparison: 'equals', negated: true },
  { name: 'NumericLessThan', family: 'Numeric', comparison: 'lt', negated: false },
  { name: 'NumericLessThanEquals', family: 'Numeric', comparison: 'lte', negated: false },
  { name: 'NumericGreaterThan', family: 'Numeric', comparison: 'gt', negated: false },
  { name: 'NumericGreaterThanEquals', family: 'Numeric', comparison: 'gte', negated: false },
  { name: 'DateEquals', family: 'Date', comparison: 'equals', negated: false },
  { name: 'DateNotEquals', family: 'Date', comparison: 'equals', negated: true },
  { name: 'DateLessThan', family: 'Date', comparison: 'lt', negated: false },
  { name: 'DateLessThanEquals', family: 'Date', comparison: 'lte', negated: false },
  { name: 'DateGreaterThan', family: 'Date', comparison: 'gt', negated: false },
  { name: 'DateGreaterThanEquals', family: 'Date', comparison: 'gte', negated: false },
  { name: 'Bool', family: 'Bool', comparison: 'equals', negated: false },
  { name: 'BinaryEquals', family: 'Binary', comparison: 'equals', negated: false },
  { name: 'IpAddress', family: 'IpAddress', comparison: 'equals', negated: false },
  { name: 'NotIpAddress', family: 'IpAddress', comparison: 'equals', negated: true },
  { name: 'ArnEquals', family: 'Arn', comparison: 'like', negated: false },
  { name: 'ArnLike', family: 'Arn', comparison: 'like', negated: false },
  { name: 'ArnNotEquals', family: 'Arn', comparison: 'like', negated: true },
  { name: 'ArnNotLike', family: 'Arn', comparison: 'like', negated: true },
  { name: 'Null', family: 'Null', comparison: 'null', negated: false },
];

const BY_NAME = new Map(BASE.map((b) => [b.name, b]));
const BY_LOWER = new Map(BASE.map((b) => [b.name.toLowerCase(), b]));

export const BASE_OPERATOR_NAMES: readonly string[] = BASE.map((b) => b.name);

export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

export interface ConditionOperator {
  /** canonical spelling, e.g. `ForAnyValue:StringLikeIfExists` */
  name: string;
  base: BaseOperator;
  ifExists: boolean;
  set: SetQualifier | undefined;
}

const cache = new Map<string, ConditionOperator | null>();

/** Parses an operator exactly as IAM spells it; undefined for anything else. */
export function parseOperator(text: string): ConditionOperator | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const op = parse(text, false);
  cache.set(text, op ?? null);
  return op;
}

/** The canonical operator a mis-cased or mis-spelled name most likely meant (for fixes). */
export function correctOperator(text: string): string | undefined {
  return parse(text, true)?.name;
}

function parse(text: string, loose: boolean): ConditionOperator | undefined {
  let rest = text;
  let set: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon);
    const match = (['ForAnyValue', 'ForAllValues'] as const).find((s) => (loose ? s.toLowerCase() === q.toLowerCase() : s === q));
    if (!match) return undefined;
    set = match;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (loose ? rest.toLowerCase().endsWith('ifexists') : rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = loose ? BY_LOWER.get(rest.toLowerCase()) : BY_NAME.get(rest);
  if (!base) return undefined;
  // "You can add IfExists to the end of any condition operator name except the Null condition."
  if (base.family === 'Null' && ifExists) return undefined;
  const name = `${set ? `${set}:` : ''}${base.name}${ifExists ? 'IfExists' : ''}`;
  return { name, base, ifExists, set };
}
