/**
 * Policy documents compiled for evaluation. Input may be a JSON value, JSON text, a `PolicyDocument` or a loaded
 * policy; it goes through the one policy model (`src/policy/`) and each statement becomes matchers built once:
 * lower-cased action patterns indexed by service, resource patterns (policy variables resolved per request only
 * where the document uses them), principal sets, typed condition values.
 *
 * Compilation is strict where IAM itself refuses a document: malformed structure, an `Effect` other than
 * `Allow`/`Deny`, a statement without `Action`/`NotAction`, conflicting elements, an unknown condition operator,
 * values that are not strings. Those throw `PolicyCompileError` (with the policy and a JSON pointer), so that a
 * simulation never silently drops a statement, above all a `Deny`. Evaluation itself never throws.
 * Lenient where the meaning is clear: a statement without `Resource`/`NotResource` applies to every resource (a
 * role trust policy has none), and `Principal` in a policy type that has no principal is ignored.
 */
import { parseJson } from '../../policy/json.js';
import { buildPolicy } from '../../policy/build.js';
import type { PolicyDocument, PrincipalBlock, Statement, StrList } from '../../policy/model.js';
import { fromValue, type JsonNode } from '../../policy/tree.js';
import { compileWildcard, type WildcardMatcher } from '../wildcard.js';
import { compileCondition, type CompiledCondition } from './condition.js';
import { compileGlob, type Matcher } from './glob.js';
import { CompiledPrincipals } from './principal.js';
import type { PolicyLabel } from './types.js';
import { parseTemplate, type Template } from './variables.js';

export class PolicyCompileError extends Error {
  constructor(
    /** which policy of the set: `identity[0]`, `resource`, `scp[1][0]`… */
    readonly policy: PolicyLabel,
    /** JSON pointer into that policy */
    readonly pointer: string,
    readonly reason: string,
  ) {
    super(`${policy}${pointer ? ` at ${pointer}` : ''}: ${reason}`);
    this.name = 'PolicyCompileError';
  }
}

/**
 * How a policy type treats `Principal`: resource policies match it; an RCP's must be `"*"` (RCP syntax: the
 * principal element of an RCP accepts only `"*"`, callers are narrowed with conditions such as
 * `aws:PrincipalArn`), and it has no `NotPrincipal`; the other types have none.
 */
export type PrincipalMode = 'resource' | 'rcp' | 'none';

export interface ResourcePattern {
  /** the pattern when it needs no request data */
  readonly matcher: Matcher | undefined;
  /** the pattern with policy variables, resolved per request */
  readonly template: Template | undefined;
}

export interface CompiledStatement {
  readonly policy: PolicyLabel;
  readonly index: number;
  readonly sid: string | undefined;
  readonly allow: boolean;
  /** lower-case action patterns */
  readonly actions: readonly WildcardMatcher[];
  readonly notAction: boolean;
  /** undefined: every resource */
  readonly resources: readonly ResourcePattern[] | undefined;
  readonly notResource: boolean;
  /** undefined: the policy type has no principal (identity, boundary, session, SCP) */
  readonly principals: CompiledPrincipals | undefined;
  readonly notPrincipal: boolean;
  /** a resource policy or RCP statement: it applies only to the principals it names */
  readonly requiresPrincipal: boolean;
  readonly conditions: readonly CompiledCondition[];
}

export interface CompiledDocument {
  readonly policy: PolicyLabel;
  readonly statements: readonly CompiledStatement[];
  /** statements whose `Action` has a literal service part, by lower-case service */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** statements with a wildcard service part, or with `NotAction`: candidates for every action */
  readonly always: readonly CompiledStatement[];
}

function isPolicyDocument(v: unknown): v is PolicyDocument {
  return typeof v === 'object' && v !== null && Array.isArray((v as PolicyDocument).statements) && typeof (v as PolicyDocument).root === 'object';
}

/** Any accepted input → the policy model. */
function toDocument(input: unknown, label: PolicyLabel): PolicyDocument {
  if (isPolicyDocument(input)) return input;
  if (typeof input === 'object' && input !== null && 'document' in input && ('syntaxError' in input || 'path' in input)) {
    const loaded = input as { document?: PolicyDocument; syntaxError?: { message: string } };
    if (loaded.syntaxError) throw new PolicyCompileError(label, '', `not valid JSON: ${loaded.syntaxError.message}`);
    if (loaded.document) return loaded.document;
  }
  let root: JsonNode;
  if (typeof input === 'string') {
    const parsed = parseJson(input);
    if (!parsed.ok) throw new PolicyCompileError(label, '', `not valid JSON: ${parsed.error.message}`);
    root = parsed.node;
  } else {
    try {
      root = fromValue(input);
    } catch (e) {
      throw new PolicyCompileError(label, '', (e as Error).message);
    }
  }
  return buildPolicy(root);
}

function checkScalars(list: StrList, label: PolicyLabel): void {
  const n = list.node.kind === 'array' ? list.node.items.length : 1;
  if (list.items.length !== n) throw new PolicyCompileError(label, list.pointer, 'values must be strings');
}

function compilePrincipals(block: PrincipalBlock, label: PolicyLabel): CompiledPrincipals {
  if (block.wildcard) {
    if (block.wildcard.value !== '*') throw new PolicyCompileError(label, block.pointer, 'a principal given as a string must be "*"');
    return new CompiledPrincipals({ wildcard: true, aws: [], service: [] });
  }
  if (block.node.kind !== 'object') throw new PolicyCompileError(label, block.pointer, 'the principal must be "*" or an object');
  const aws: string[] = [];
  const service: string[] = [];
  for (const e of block.entries) {
    checkScalars(e.values, label);
    const values = e.values.items.map((s) => s.value);
    if (e.type === 'AWS') aws.push(...values);
    else if (e.type === 'Service') service.push(...values);
    else if (e.type !== 'Federated' && e.type !== 'CanonicalUser') {
      throw new PolicyCompileError(label, e.keyPointer, `unknown principal type "${e.type}"`);
    }
  }
  return new CompiledPrincipals({ wildcard: false, aws, service });
}

function compileStatement(s: Statement, label: PolicyLabel, variables: boolean, mode: PrincipalMode): CompiledStatement {
  const effect = s.effect?.value;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyCompileError(label, s.effect?.pointer ?? s.pointer, s.effect ? `Effect must be "Allow" or "Deny", not "${effect}"` : 'the statement has no Effect');
  }
  if (s.action && s.notAction) throw new PolicyCompileError(label, s.pointer, 'a statement cannot have both Action and NotAction');
  const actionList = s.action ?? s.notAction;
  if (!actionList) throw new PolicyCompileError(label, s.pointer, 'the statement has neither Action nor NotAction');
  checkScalars(actionList, label);
  if (s.resource && s.notResource) throw new PolicyCompileError(label, s.pointer, 'a statement cannot have both Resource and NotResource');
  if (s.principal && s.notPrincipal) throw new PolicyCompileError(label, s.pointer, 'a statement cannot have both Principal and NotPrincipal');

  const actions = actionList.items.map((a) => compileWildcard(a.value.toLowerCase()));

  const resourceList = s.resource ?? s.notResource;
  let resources: ResourcePattern[] | undefined;
  if (resourceList) {
    checkScalars(resourceList, label);
    resources = resourceList.items.map((r) => {
      const t = parseTemplate(r.value, variables);
      // Without context variables the pattern is fixed (`${*}` and friends only make parts of it literal).
      return t.dynamic ? { matcher: undefined, template: t } : { matcher: compileGlob(t.pieces!), template: undefined };
    });
  }

  let principals: CompiledPrincipals | undefined;
  const block = s.principal ?? s.notPrincipal;
  if (mode === 'rcp') {
    if (s.notPrincipal) throw new PolicyCompileError(label, s.notPrincipal.pointer, 'an RCP cannot use NotPrincipal (use a condition on aws:PrincipalArn)');
    if (s.principal && s.principal.wildcard?.value !== '*') {
      throw new PolicyCompileError(label, s.principal.pointer, 'the Principal of an RCP must be "*" (narrow callers with a condition such as aws:PrincipalArn)');
    }
  }
  if (mode !== 'none' && block) principals = compilePrincipals(block, label);

  const conditions: CompiledCondition[] = [];
  if (s.condition) {
    const c = s.condition;
    if (c.node.kind !== 'object') throw new PolicyCompileError(label, c.pointer, 'Condition must be an object');
    for (const p of c.node.props) {
      if (p.value.kind !== 'object') throw new PolicyCompileError(label, `${c.pointer}/${p.key}`, `the ${p.key} block must be an object`);
    }
    for (const clause of c.clauses) {
      if (!clause.op) throw new PolicyCompileError(label, clause.operatorPointer, `unknown condition operator "${clause.operator}"`);
      checkScalars(clause.values, label);
      conditions.push(
        compileCondition(
          clause.op,
          clause.key,
          clause.values.items.map((v) => v.value),
          variables,
        ),
      );
    }
  }

  return {
    policy: label,
    index: s.index,
    sid: s.sid?.value,
    allow: effect === 'Allow',
    actions,
    notAction: !s.action,
    resources,
    notResource: !s.resource && !!s.notResource,
    principals,
    notPrincipal: !s.principal && !!s.notPrincipal,
    requiresPrincipal: mode !== 'none',
    conditions,
  };
}

/** Compiles one policy document; throws `PolicyCompileError` for a document IAM would refuse. */
export function compileDocument(input: unknown, label: PolicyLabel, mode: PrincipalMode): CompiledDocument {
  const doc = toDocument(input, label);
  if (doc.root.kind !== 'object') throw new PolicyCompileError(label, '', 'a policy must be a JSON object');
  const el = doc.statementElement;
  if (!el) throw new PolicyCompileError(label, '', 'the policy has no Statement');
  if (el.node.kind === 'array') {
    el.node.items.forEach((item, i) => {
      if (item.kind !== 'object') throw new PolicyCompileError(label, `${el.pointer}/${i}`, 'a statement must be an object');
    });
  } else if (el.node.kind !== 'object') throw new PolicyCompileError(label, el.pointer, 'Statement must be an object or an array of objects');

  // "Variables were introduced in version 2012-10-17 … If you don't include the Version element … variables like
  // ${aws:username} are treated as literal strings in the policy."
  const variables = doc.version?.value === '2012-10-17';
  const statements = doc.statements.map((s) => compileStatement(s, label, variables, mode));

  const byService = new Map<string, CompiledStatement[]>();
  const always: CompiledStatement[] = [];
  for (const s of statements) {
    if (s.notAction) {
      always.push(s);
      continue;
    }
    const services = new Set<string>();
    let wild = false;
    for (const a of s.actions) {
      const colon = a.pattern.indexOf(':');
      const service = colon < 0 ? a.pattern : a.pattern.slice(0, colon);
      if (colon < 0 || service.includes('*') || service.includes('?')) wild = true;
      else services.add(service);
    }
    if (wild) always.push(s);
    else {
      for (const service of services) {
        let list = byService.get(service);
        if (!list) byService.set(service, (list = []));
        list.push(s);
      }
    }
  }
  return { policy: label, statements, byService, always };
}

/** Does the statement's Action/NotAction element cover this (lower-case) action? */
export function actionMatches(s: CompiledStatement, actionLower: string): boolean {
  let hit = false;
  for (const a of s.actions) {
    if (a.matches(actionLower)) {
      hit = true;
      break;
    }
  }
  return hit !== s.notAction;
}

/** The document's statements whose action element covers the action, in statement order. */
export function statementsForAction(doc: CompiledDocument, actionLower: string): CompiledStatement[] {
  const colon = actionLower.indexOf(':');
  const service = colon < 0 ? actionLower : actionLower.slice(0, colon);
  const candidates = doc.byService.get(service);
  const out: CompiledStatement[] = [];
  const consider = (s: CompiledStatement): void => {
    if (actionMatches(s, actionLower)) out.push(s);
  };
  if (candidates) candidates.forEach(consider);
  doc.always.forEach(consider);
  if (candidates && doc.always.length > 0) out.sort((a, b) => a.index - b.index);
  return out;
}
