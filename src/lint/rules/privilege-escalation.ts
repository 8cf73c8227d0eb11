import { parseArn, variablesAsWildcards } from '../../engine/arn.js';
import { globContains, globsIntersect } from '../../engine/glob.js';
import { compileWildcard } from '../../engine/wildcard.js';
import type { Catalog } from '../../catalog/catalog.js';
import { isAllow, isDeny, type Statement } from '../../policy/model.js';
import { ESCALATION_ACTIONS, ESCALATION_PATHS, type EscalationPath, type EscalationStep } from '../escalation-paths.js';
import type { Rule, RuleContext } from '../rule.js';
import {
  actionQueryId,
  isAllActions,
  isPositive,
  isUnscoped,
  namesAllowedBy,
  narrowsResources,
  resourceFitsAction,
  statementAppliesToQuery,
  statementLabel,
  type ActionHit,
} from '../security.js';

/**
 * The policy's allowed (action, resource) set — across all its statements — covers a published privilege
 * escalation path (`escalation-paths.ts`; the docs page lists them all). Wildcards and `NotAction` count; only
 * the few dozen actions the paths name are ever looked up, so `*` is never expanded over the catalogue. An
 * unconditional `Deny` removes an action on the resources it covers (all of them for `"*"`); a conditional
 * `Deny` may not apply and is ignored. Conditions on `Allow` statements are assumed satisfiable, except three
 * that are the documented ways to make these grants safe: `iam:PassedToService` (the role can only go to the
 * named services), `iam:PolicyARN` on `iam:Attach*Policy` (only the named policies), and `iam:PermissionsBoundary`
 * on role and user writes (the boundary caps what the role can do).
 *
 * An unscoped grant narrowed by a condition on the resource's tags or account (`aws:ResourceTag/…`) is not
 * "any role / any instance" and does not satisfy an `unscoped` step.
 *
 * Targets a policy cannot show are reported, not guessed: `iam:CreatePolicyVersion` on one named policy
 * escalates only if that policy is attached to the principal, which the policy does not say. A policy that
 * already grants `*` on `*` is full-admin's finding; it has nothing to escalate to.
 */
export default {
  meta: {
    code: 'privilege-escalation',
    severity: 'security',
    summary: 'The allowed actions combine into a known privilege-escalation path (e.g. attach a policy to a role and pass it to ECS).',
    policyTypes: ['identity'],
  },
  check(ctx) {
    // Most policies grant none of the few dozen actions the paths name: then no step has a candidate. (Asked
    // first: it reads tables the other security rules share, while the admin check walks every item.)
    const allowed = namesAllowedBy(ctx.analysis, ESCALATION_ACTIONS);
    if (allowed.size === 0 || ctx.document.statements.some(isUnconditionalAdmin)) return;
    const grants = new GrantIndex(ctx, allowed);
    const granted = new Set<string>();
    for (const a of allowed) if (grants.of(a, a).length > 0) granted.add(a);
    if (granted.size === 0) return;
    // Steps are shared between paths (every launcher path modifies a role the same way): judge each once.
    const perStep = new Map<EscalationStep, Candidate[]>();
    const stepCandidates = (step: EscalationStep): Candidate[] => {
      let list = perStep.get(step);
      if (!list) perStep.set(step, (list = candidates(step, grants)));
      return list;
    };
    // Only the paths that name a granted action can match (a policy grants a handful of the names; there are
    // dozens of paths): marked through the index, then visited in PATHS order (the order findings come in).
    const named = new Uint8Array(PATHS.length);
    for (const a of granted) for (const i of PATHS_BY_ACTION.get(a) ?? NO_PATHS) named[i] = 1;
    const found = new Map<string, { path: EscalationPath; match: Match }>();
    for (let i = 0; i < PATHS.length; i++) {
      if (named[i] === 0) continue;
      const { path, required } = PATHS[i]!;
      // A required step none of whose actions is granted has no candidate: the path cannot match.
      if (!grantsEveryStep(required, granted)) continue;
      const match = findPath(path, stepCandidates);
      if (match) found.set(path.id, { path, match });
    }
    for (const { path, match } of found.values()) {
      if (path.subsumedBy?.some((id) => found.has(id))) continue;
      ctx.report({ pointer: match.pointer, message: message(path, match) });
    }
  },
} satisfies Rule;

/** Each path with the lower-case actions of its required steps, for the check that some action of each is granted. */
const PATHS = ESCALATION_PATHS.map((path) => ({
  path,
  required: path.steps.filter((step) => !step.optional).map((step) => step.actions.map((a) => a.toLowerCase())),
}));

/**
 * By lower-case action name, the indexes of the PATHS whose required steps name it. A path without required
 * steps would match whatever is granted: it is listed under every name, so that it is never skipped.
 */
const PATHS_BY_ACTION = new Map<string, number[]>();
const NO_PATHS: readonly number[] = [];
{
  const everyName = new Set(PATHS.flatMap(({ path }) => path.steps.flatMap((step) => step.actions.map((a) => a.toLowerCase()))));
  PATHS.forEach(({ required }, i) => {
    const names = required.length === 0 ? everyName : new Set(required.flat());
    for (const a of names) {
      let list = PATHS_BY_ACTION.get(a);
      if (!list) PATHS_BY_ACTION.set(a, (list = []));
      list.push(i);
    }
  });
}

function grantsEveryStep(required: readonly (readonly string[])[], granted: ReadonlySet<string>): boolean {
  for (const names of required) {
    let some = false;
    for (const a of names) {
      if (granted.has(a)) {
        some = true;
        break;
      }
    }
    if (!some) return false;
  }
  return true;
}

function isUnconditionalAdmin(s: Statement): boolean {
  return (
    isAllow(s) &&
    !s.condition?.clauses.length &&
    (s.action?.items.some(isAllActions) ?? false) &&
    (s.resource?.items.some((r) => r.value === '*') ?? false)
  );
}

interface Grant {
  statement: Statement;
  hit: ActionHit;
  /** resource patterns as written; undefined for `NotResource` (every resource but some) */
  resources: readonly string[] | undefined;
}

/** Allowed grants per action, after unconditional denies; computed on first use. */
class GrantIndex {
  private readonly cache = new Map<string, Grant[]>();
  /** @param allowed the lower-case names some `Allow` statement applies to: no other name has a grant */
  constructor(
    readonly ctx: RuleContext,
    private readonly allowed: ReadonlySet<string>,
  ) {}

  /** @param key the action's lower-case name */
  of(action: string, key: string): Grant[] {
    let out = this.cache.get(key);
    if (!out) {
      out = this.allowed.has(key) ? this.compute(action) : NO_GRANTS;
      this.cache.set(key, out);
    }
    return out;
  }

  private compute(action: string): Grant[] {
    const statements = this.ctx.document.statements;
    const analysis = this.ctx.analysis;
    const id = actionQueryId(action);
    let out: Grant[] = [];
    for (const s of statements) {
      if (!isAllow(s)) continue;
      const hit = statementAppliesToQuery(analysis, s, id);
      if (!hit || blocked(s, action)) continue;
      const resources = this.resourcesOf(s);
      if (resources && resources.length === 0) continue;
      out.push({ statement: s, hit, resources });
    }
    if (out.length === 0) return NO_GRANTS;
    for (const d of this.denies()) {
      if (!statementAppliesToQuery(analysis, d, id)) continue;
      out = applyDeny(out, d);
      if (out.length === 0) return NO_GRANTS;
    }
    return out;
  }

  private unconditionalDenies: Statement[] | undefined;

  /** The unconditional `Deny` statements with `Resource` (a conditional one may not apply), in order; found once. */
  private denies(): readonly Statement[] {
    if (this.unconditionalDenies === undefined) {
      this.unconditionalDenies = [];
      for (const d of this.ctx.document.statements) {
        if (isDeny(d) && !d.condition?.clauses.length && !d.notResource) this.unconditionalDenies.push(d);
      }
    }
    return this.unconditionalDenies;
  }

  private readonly resources = new Map<Statement, readonly string[] | undefined>();

  /** The statement's resolved resource patterns; undefined for `NotResource`. Once per statement, not per action. */
  private resourcesOf(s: Statement): readonly string[] | undefined {
    if (s.notResource) return undefined;
    let out = this.resources.get(s);
    if (!out) {
      const acc: string[] = [];
      for (const r of s.resource?.items ?? []) if (!r.unresolved) acc.push(r.value);
      this.resources.set(s, (out = acc));
    }
    return out;
  }

  private readonly narrowed = new Map<Statement, boolean>();

  /** narrowsResources, once per statement: every `unscoped` step asks it of each of its grants. */
  narrows(s: Statement): boolean {
    let r = this.narrowed.get(s);
    if (r === undefined) this.narrowed.set(s, (r = narrowsResources(s)));
    return r;
  }
}

const NO_GRANTS: Grant[] = [];

/** The grants left after an unconditional `Deny` statement (rare: kept out of GrantIndex.compute's loop). */
function applyDeny(grants: Grant[], d: Statement): Grant[] {
  // A denied pattern with a policy variable depends on the caller; it removes nothing for certain.
  const denied = (d.resource?.items ?? []).filter((r) => !r.unresolved && !r.value.includes('${')).map((r) => r.value.toLowerCase());
  if (denied.includes('*')) return [];
  return grants
    .map((g) => (g.resources ? { ...g, resources: g.resources.filter((p) => !denied.some((q) => globContains(q, normal(p)) === true)) } : g))
    .filter((g) => g.resources === undefined || g.resources.length > 0);
}

function normal(pattern: string): string {
  return variablesAsWildcards(pattern).toLowerCase();
}

const ATTACH = new Set(['iam:attachrolepolicy', 'iam:attachuserpolicy', 'iam:attachgrouppolicy']);
const BOUNDED = new Set(['iam:createrole', 'iam:attachrolepolicy', 'iam:putrolepolicy', 'iam:attachuserpolicy', 'iam:putuserpolicy']);

/** The documented conditions that make a grant of `action` safe (see the rule's comment). */
function blocked(s: Statement, action: string): boolean {
  const clauses = s.condition?.clauses;
  if (!clauses?.length) return false;
  const a = action.toLowerCase();
  for (const c of clauses) {
    if (!isPositive(c)) continue;
    const key = c.key.toLowerCase();
    if (key === 'iam:policyarn' && ATTACH.has(a)) return true;
    if (key === 'iam:permissionsboundary' && BOUNDED.has(a)) return true;
  }
  return false;
}

/** Whether the statement's `iam:PassedToService` condition (if any) lets the role go to `service`. */
function passesTo(s: Statement, service: string): boolean {
  for (const c of s.condition?.clauses ?? []) {
    if (c.key.toLowerCase() !== 'iam:passedtoservice' || !isPositive(c)) continue;
    if (!c.values.items.some((v) => compileWildcard(v.value.toLowerCase()).matches(service))) return false;
  }
  return true;
}

interface Candidate {
  action: string;
  grant: Grant;
  /** for shared-role steps: the grant's patterns that can name a role */
  roles: readonly string[];
}

const ROLE_ARN = 'arn:*:iam::*:role/*';

function candidates(step: EscalationStep, grants: GrantIndex): Candidate[] {
  const out: Candidate[] = [];
  const catalog = grants.ctx.catalog;
  const scope = step.scope ?? 'any';
  const keys = STEP_KEYS.get(step)!;
  for (let i = 0; i < keys.length; i++) {
    const action = step.actions[i]!;
    const list = grants.of(action, keys[i]!);
    if (list.length === 0) continue;
    for (const grant of list) {
      if (step.passedTo && !passesTo(grant.statement, step.passedTo)) continue;
      const rs = grant.resources;
      let roles: readonly string[] = NO_ROLES;
      let ok = rs === undefined;
      if (scope === 'shared-role') {
        roles = rs ? rolePatterns(rs) : ANY_ROLE;
        ok = roles.length > 0;
      } else if (scope === 'unscoped' && grants.narrows(grant.statement)) {
        // A grant narrowed by the resource's tags or account is not "any role / any instance".
        ok = false;
      } else if (rs) {
        for (const p of rs) {
          const fits =
            scope === 'unscoped'
              ? isUnscoped(catalog, p, 'identity') && resourceFitsAction(catalog, p, action, step.target)
              : resourceFitsAction(catalog, p, action) && (scope === 'any' || !SELF.test(p));
          if (fits) {
            ok = true;
            break;
          }
        }
      }
      if (ok) out.push({ action: fullName(catalog, action), grant, roles });
    }
  }
  return out.length > 1 ? out.sort((a, b) => a.grant.statement.index - b.grant.statement.index) : out;
}

/** The lower-case names of each step's actions (the keys of GrantIndex), in the step's order. */
const STEP_KEYS = new Map<EscalationStep, readonly string[]>();
for (const path of ESCALATION_PATHS) for (const step of path.steps) STEP_KEYS.set(step, step.actions.map((a) => a.toLowerCase()));

const fullNames = new WeakMap<Catalog, Map<string, string>>();

/** The catalogue's spelling of an action the paths name (a constant list: no cap needed), or the name as written. */
function fullName(catalog: Catalog, action: string): string {
  let names = fullNames.get(catalog);
  if (!names) fullNames.set(catalog, (names = new Map()));
  let name = names.get(action);
  if (name === undefined) names.set(action, (name = catalog.action(action)?.fullName ?? action));
  return name;
}

/** A grant limited to the principal's own user: self-service, not escalation (the `others` scope). */
const SELF = /\$\{aws:(username|userid)\}/i;
const NO_ROLES: readonly string[] = [];
const ANY_ROLE: readonly string[] = ['*'];

/** The patterns (normalised) that can name a role; by pattern text, since the same role ARNs recur. */
const rolePatternAnswers = new Map<string, string | null>();

function rolePatterns(resources: readonly string[]): readonly string[] {
  const out: string[] = [];
  for (const p of resources) {
    let role = rolePatternAnswers.get(p);
    if (role === undefined) {
      const n = normal(p);
      role = arnsIntersect(n, ROLE_ARN) ? n : null;
      if (rolePatternAnswers.size >= 10_000) rolePatternAnswers.clear();
      rolePatternAnswers.set(p, role);
    }
    if (role !== null) out.push(role);
  }
  return out;
}

interface Match {
  pointer: string;
  parts: { step: EscalationStep; candidate: Candidate }[];
  /** a role pattern every shared-role step allows, when the path has such steps */
  role: string | undefined;
}

/** Bounds the search for a common role over shared-role steps (pairs of patterns, per path). */
const SEARCH_BUDGET = 20_000;

function findPath(path: EscalationPath, candidatesOf: (step: EscalationStep) => Candidate[]): Match | undefined {
  // Half the paths that get here fail on a step without candidates: say so before building anything.
  for (const step of path.steps) if (!step.optional && candidatesOf(step).length === 0) return undefined;
  const perStep = path.steps.map((step) => ({ step, list: candidatesOf(step) }));
  const chosen = new Map<EscalationStep, { candidate: Candidate; role: string | undefined }>();
  const shared = perStep.filter((e) => e.step.scope === 'shared-role' && !e.step.optional);
  const roles: string[] = [];
  let budget = SEARCH_BUDGET;
  const search = (i: number): boolean => {
    if (i === shared.length) return true;
    for (const candidate of shared[i]!.list) {
      for (const role of candidate.roles) {
        if (--budget < 0) return false;
        if (!roles.every((r) => intersects(r, role))) continue;
        roles.push(role);
        chosen.set(shared[i]!.step, { candidate, role });
        if (search(i + 1)) return true;
        roles.pop();
        chosen.delete(shared[i]!.step);
      }
    }
    return false;
  };
  if (!search(0)) return undefined;
  for (const { step, list } of perStep) {
    if (chosen.has(step)) continue;
    if (step.scope === 'shared-role') {
      // An optional step joins only when it is allowed on a role the others share.
      const fit = list.find((c) => c.roles.some((r) => roles.every((x) => intersects(x, r))));
      if (fit) chosen.set(step, { candidate: fit, role: undefined });
    } else if (list[0]) chosen.set(step, { candidate: list[0], role: undefined });
  }
  const parts = path.steps.flatMap((step) => {
    const c = chosen.get(step);
    return c ? [{ step, candidate: c.candidate }] : [];
  });
  const first = parts[0]!;
  return { pointer: first.candidate.grant.hit.pointer, parts, role: mostSpecific(roles) };
}

/**
 * arnsIntersect by the two texts: role patterns recur across paths and policies, and each path's search asks
 * the same pairs again. Nested maps, not a joined key: no string built per question.
 */
const intersections = new Map<string, Map<string, boolean>>();

function intersects(a: string, b: string): boolean {
  if (a === '*' || b === '*' || a === b) return true;
  let byB = intersections.get(a);
  if (!byB) {
    // Role patterns of the policies linted: the cap only guards against arbitrary input.
    if (intersections.size >= 2_000) intersections.clear();
    intersections.set(a, (byB = new Map()));
  }
  let v = byB.get(b);
  if (v === undefined) {
    if (byB.size >= 2_000) byB.clear();
    byB.set(b, (v = arnsIntersect(a, b)));
  }
  return v;
}

/**
 * Whether two ARN patterns can name one ARN. Compared field by field: a `*` written for the account cannot
 * stand for `123:role/app-x:role` (no account id or role name holds a colon), which a whole-text comparison
 * would allow.
 */
function arnsIntersect(a: string, b: string): boolean {
  const x = parseArn(a);
  const y = parseArn(b);
  if (!x || !y) return globsIntersect(a, b);
  return (
    globsIntersect(x.partition, y.partition) &&
    globsIntersect(x.service, y.service) &&
    globsIntersect(x.region, y.region) &&
    globsIntersect(x.account, y.account) &&
    globsIntersect(x.resource, y.resource)
  );
}

/** The pattern with the most literal characters: the one that best names the shared role. */
function mostSpecific(patterns: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const p of patterns) if (!best || p.replace(/[*?]/g, '').length > best.replace(/[*?]/g, '').length) best = p;
  return best;
}

function message(path: EscalationPath, match: Match): string {
  const parts = match.parts.map(({ step, candidate }) => {
    const to = step.passedTo ? ` to ${step.passedTo}` : '';
    const via = candidate.grant.hit.written.toLowerCase() === candidate.action.toLowerCase() ? '' : ` via "${candidate.grant.hit.written}"`;
    return `${candidate.action}${to}${via} (${statementLabel(candidate.grant.statement)})`;
  });
  const written = match.role && match.parts.flatMap((p) => p.candidate.grant.resources ?? []).find((r) => normal(r) === match.role);
  const role = match.role && match.role !== '*' ? ` on roles matching ${written ?? match.role}` : '';
  return `privilege escalation path "${path.id}" (${path.title}): ${parts.join(', ')}${role}; ${path.description}`;
}
