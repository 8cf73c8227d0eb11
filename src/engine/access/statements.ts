/**
 * Policies reduced to what decides access: per statement its effect, its action and resource sets (each possibly
 * "all except", for `NotAction`/`NotResource`) and its conditions. Built from the one policy model; anything IAM
 * would refuse is an `AccessInputError`, so that a diff never silently drops a statement, above all a `Deny`.
 */
import type { LoadedPolicy } from '../../policy/loaded.js';
import type { PolicyDocument, PrincipalBlock, Statement, StrList } from '../../policy/model.js';
import { parseOperator, type ConditionOperator } from '../../policy/operators.js';
import { toValue } from '../../policy/tree.js';

export class AccessInputError extends Error {}

export interface PatternSet {
  /** true: every value except those the patterns match (`NotAction`, `NotResource`) */
  not: boolean;
  patterns: readonly string[];
}

export interface Clause {
  /** as written (`StringEqualsIfExists`) */
  operator: string;
  /** undefined for an operator IAM does not know: compared only as identical text */
  op: ConditionOperator | undefined;
  /** the key as written; compared case-insensitively */
  key: string;
  values: readonly string[];
  /** policy variables in the values are live (the policy's `Version` is 2012-10-17) */
  variables: boolean;
}

export interface AccessStatement {
  effect: 'Allow' | 'Deny';
  actions: PatternSet;
  /** `Resource` absent (a trust policy) means every resource */
  resources: PatternSet;
  conditions: readonly Clause[];
  /** canonical JSON of `Principal`/`NotPrincipal` (resource policies); statements are comparable only when equal */
  principal: string | undefined;
  /** policy variables are live (`Version` 2012-10-17); text with `${` means something else otherwise */
  variables: boolean;
  /** `file#3` (statement index) for reasons and reports */
  source: string;
  sid: string | undefined;
}

function strings(list: StrList, where: string): string[] {
  const n = list.node.kind === 'array' ? list.node.items.length : 1;
  if (list.items.length !== n) throw new AccessInputError(`${where}${list.pointer}: values must be strings`);
  return list.items.map((s) => s.value);
}

function principalKey(block: PrincipalBlock | undefined, not: boolean): string | undefined {
  if (!block) return undefined;
  return `${not ? 'Not' : ''}${JSON.stringify(canonical(toValue(block.node)))}`;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return [...v].map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}

function fromStatement(s: Statement, name: string, variables: boolean): AccessStatement {
  const where = `${name}: statement ${s.index}`;
  const effect = s.effect?.value;
  if (effect !== 'Allow' && effect !== 'Deny') throw new AccessInputError(`${where}: Effect must be "Allow" or "Deny"`);
  if (s.action && s.notAction) throw new AccessInputError(`${where}: a statement cannot have both Action and NotAction`);
  if (s.resource && s.notResource) throw new AccessInputError(`${where}: a statement cannot have both Resource and NotResource`);
  const actionList = s.action ?? s.notAction;
  if (!actionList) throw new AccessInputError(`${where}: the statement has neither Action nor NotAction`);
  const resourceList = s.resource ?? s.notResource;
  const conditions: Clause[] = [];
  if (s.condition) {
    if (s.condition.node.kind !== 'object') throw new AccessInputError(`${where}: Condition must be an object`);
    for (const c of s.condition.clauses) {
      conditions.push({ operator: c.operator, op: c.op ?? parseOperator(c.operator), key: c.key, values: strings(c.values, where), variables });
    }
  }
  return {
    effect,
    actions: { not: !s.action, patterns: strings(actionList, where) },
    resources: resourceList ? { not: !s.resource, patterns: strings(resourceList, where) } : { not: false, patterns: ['*'] },
    conditions,
    principal: principalKey(s.principal ?? s.notPrincipal, !s.principal && !!s.notPrincipal),
    variables,
    source: `${name}#${s.index}`,
    sid: s.sid?.value,
  };
}

/** The statements of one policy document. */
export function accessStatements(doc: PolicyDocument, name: string): AccessStatement[] {
  if (doc.root.kind !== 'object') throw new AccessInputError(`${name}: a policy must be a JSON object`);
  if (!doc.statementElement) throw new AccessInputError(`${name}: the policy has no Statement`);
  const variables = doc.version?.value === '2012-10-17';
  return doc.statements.map((s) => fromStatement(s, name, variables));
}

/** A display name for a loaded policy: its file, and where inside it for templates. */
export function policyName(p: LoadedPolicy): string {
  return p.location ? `${p.path}:${p.location}` : p.path;
}

/** The statements of several loaded policies (a role's identity policies are a union); syntax errors refused. */
export function statementsOfLoaded(policies: readonly LoadedPolicy[]): AccessStatement[] {
  const out: AccessStatement[] = [];
  for (const p of policies) {
    if (p.syntaxError) throw new AccessInputError(`${p.path}: not a valid policy: ${p.syntaxError.message}`);
    if (!p.document) throw new AccessInputError(`${p.path}: not a policy`);
    out.push(...accessStatements(p.document, policyName(p)));
  }
  return out;
}
