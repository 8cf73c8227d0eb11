/**
 * The one internal model of an IAM policy, built once by `build.ts` from a source tree and used by every layer.
 * Single values are normalised to lists; every value keeps its node (for offsets) and its JSON pointer.
 * The model is lenient: it represents whatever the author wrote, and the lint rules say what is wrong with it.
 */
import type { JsonNode, ObjectNode } from './tree.js';
import type { ConditionOperator } from './operators.js';

export const POLICY_TYPES = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export const POLICY_TYPE_NAMES: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'role trust policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

/** Where an inline identity policy lives, which decides its size quota. */
export type InlineKind = 'role' | 'user' | 'group';

/** A string value (or a number/boolean written where IAM expects text, kept as its text). */
export interface Str {
  value: string;
  pointer: string;
  node: JsonNode;
  /** the source had a template reference here that could not be resolved; see `StringNode.unresolved` */
  unresolved: boolean;
}

/** A value that may be written as one item or a list; `single` records which. */
export interface StrList {
  pointer: string;
  node: JsonNode;
  single: boolean;
  items: Str[];
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

export interface PrincipalEntry {
  /** the key as written; compare with `PRINCIPAL_TYPES` */
  type: string;
  keyPointer: string;
  values: StrList;
}

export interface PrincipalBlock {
  pointer: string;
  node: JsonNode;
  /** `"Principal": "*"` */
  wildcard?: Str;
  entries: PrincipalEntry[];
}

export interface ConditionClause {
  /** the operator as written (`StringEqualsIfExists`) */
  operator: string;
  /** undefined when the operator is not one IAM knows */
  op: ConditionOperator | undefined;
  /** pointer to the operator's block: `/Statement/0/Condition/StringEquals` */
  operatorPointer: string;
  key: string;
  keyPointer: string;
  values: StrList;
}

export interface ConditionBlock {
  pointer: string;
  node: JsonNode;
  clauses: ConditionClause[];
}

export interface Statement {
  index: number;
  pointer: string;
  node: ObjectNode;
  sid?: Str;
  effect?: Str;
  action?: StrList;
  notAction?: StrList;
  resource?: StrList;
  notResource?: StrList;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

export interface PolicyDocument {
  root: JsonNode;
  version?: Str;
  id?: Str;
  /** the `Statement` element itself; undefined when absent */
  statementElement?: { pointer: string; node: JsonNode; single: boolean };
  statements: Statement[];
}

export const KNOWN_POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
export const KNOWN_STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

export function isAllow(s: Statement): boolean {
  return s.effect?.value === 'Allow';
}

export function isDeny(s: Statement): boolean {
  return s.effect?.value === 'Deny';
}
