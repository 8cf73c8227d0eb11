/**
 * The decision, as the IAM User Guide lays it out ("Policy evaluation logic", "How AWS enforcement code logic
 * evaluates requests", "Cross-account policy evaluation logic"):
 *
 * 1. An applicable `Deny` in any policy that applies to the request is final (`explicitDeny`): identity policies,
 *    the permissions boundary and the SCPs for an IAM principal, the session policy for a session, the RCPs and
 *    the resource-based policy for everyone.
 * 2. SCPs (IAM principals only; "SCPs apply to principals of the account"): every level must have an applicable
 *    `Allow`. RCPs only deny: `RCPFullAWSAccess` is attached at every level and cannot be detached.
 * 3. Service principals and anonymous callers get access only from the resource-based policy.
 * 4. The grant, for an IAM principal. The identity path is: an identity-based `Allow` (the root user has full
 *    access) and the boundary allows (if there is one) and the session policy allows (a role session without one
 *    passes; a federated-user session without one gets nothing from identity policies).
 *    - Same account: the identity path, or a resource-based `Allow` that names the principal directly (user ARN,
 *      session ARN, `*`: not limited by identity policies, boundary or session policy), or one that names the
 *      session's role (limited by the boundary and the session policy). Naming only the account delegates to the
 *      identity path. KMS keys and roles being assumed are the documented exception: their key or trust policy
 *      must allow, directly, or by naming the account together with the identity path.
 *    - Cross account: the identity path and a resource-based `Allow` that names the principal, its role or its
 *      account ("both … must allow").
 * `sts:GetCallerIdentity` needs no permission at all ("No permissions are required to perform this operation", even
 * under an explicit deny).
 *
 * Statements are found per action through each policy's service index and memoised per action string; a plain
 * decision allocates nothing.
 */
import { compileDocument, PolicyCompileError, statementsForAction, type CompiledDocument, type CompiledStatement } from './compile.js';
import { evaluateCondition } from './condition.js';
import { compileGlob, type Matcher } from './glob.js';
import { ACCOUNT, DIRECT, NONE, ROLE, type PrincipalMatch } from './principal.js';
import { isPreparedRequest, prepareOnce, type PreparedRequest } from './request.js';
import type {
  Decision,
  EvaluateOptions,
  ImplicitDenyReason,
  MatchedStatement,
  PolicyInput,
  PolicySet,
  SimulationRequest,
  SimulationResult,
} from './types.js';
import { resolvePieces } from './variables.js';

type Stmts = readonly CompiledStatement[];
const EMPTY: Stmts = [];

interface Plan {
  identity: Stmts;
  identityAllow: Stmts;
  identityDeny: Stmts;
  resource: Stmts;
  resourceAllow: Stmts;
  resourceDeny: Stmts;
  boundary: Stmts;
  boundaryAllow: Stmts;
  boundaryDeny: Stmts;
  session: Stmts;
  sessionAllow: Stmts;
  sessionDeny: Stmts;
  scp: Stmts[];
  scpAllow: Stmts[];
  scpDeny: Stmts;
  rcp: Stmts[];
  rcpDeny: Stmts;
}

const RESULTS: Record<Decision, SimulationResult> = {
  allowed: Object.freeze({ decision: 'allowed' }),
  explicitDeny: Object.freeze({ decision: 'explicitDeny' }),
  implicitDeny: Object.freeze({ decision: 'implicitDeny' }),
};

function resolveMatcher(s: { template: Parameters<typeof resolvePieces>[0] }, req: PreparedRequest): Matcher | undefined {
  const pieces = resolvePieces(s.template, req.context);
  return pieces ? compileGlob(pieces) : undefined;
}

/**
 * Does the statement apply to the request (its action already matched)? How strongly it names the principal.
 * `boundary`: the principal has a permissions boundary, under which a resource-policy `Deny` with `NotPrincipal`
 * applies whatever it names ("The NotPrincipal element with a Deny effect will always deny any IAM principal that
 * has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element",
 * Permissions boundaries for IAM entities).
 */
export function statementApplies(s: CompiledStatement, req: PreparedRequest, boundary = false): PrincipalMatch {
  if (s.resources) {
    let hit = false;
    for (const r of s.resources) {
      const m = r.matcher ?? resolveMatcher(r as { template: NonNullable<typeof r.template> }, req);
      if (m && m.matches(req.resource)) {
        hit = true;
        break;
      }
    }
    if (hit === s.notResource) return NONE;
  }
  let level: PrincipalMatch = DIRECT;
  if (s.principals) {
    if (s.notPrincipal) {
      if (s.principals.excludes(req.principal) && !(boundary && !s.allow)) return NONE;
    } else {
      level = s.principals.match(req.principal);
      if (level === NONE) return NONE;
    }
  } else if (s.requiresPrincipal) return NONE;
  for (const c of s.conditions) if (!evaluateCondition(c, req.context)) return NONE;
  return level;
}

function anyApplies(list: Stmts, req: PreparedRequest, boundary = false): boolean {
  for (const s of list) if (statementApplies(s, req, boundary) !== NONE) return true;
  return false;
}

function bestApplies(list: Stmts, req: PreparedRequest): PrincipalMatch {
  let best: PrincipalMatch = NONE;
  for (const s of list) {
    const l = statementApplies(s, req);
    if (l > best) {
      best = l;
      if (best === DIRECT) break;
    }
  }
  return best;
}

/** Every applicable statement of a layer, recorded; the strongest Allow and whether a Deny applied. */
function scanAll(list: Stmts, req: PreparedRequest, matched: MatchedStatement[], boundary = false): { allow: PrincipalMatch; deny: boolean } {
  let allow: PrincipalMatch = NONE;
  let deny = false;
  for (const s of list) {
    const l = statementApplies(s, req, boundary);
    if (l === NONE) continue;
    const m: MatchedStatement = { policy: s.policy, statement: s.index, effect: s.allow ? 'Allow' : 'Deny' };
    if (s.sid !== undefined) m.sid = s.sid;
    matched.push(m);
    if (!s.allow) deny = true;
    else if (l > allow) allow = l;
  }
  return { allow, deny };
}

function split(list: Stmts): [Stmts, Stmts] {
  const allow = list.filter((s) => s.allow);
  const deny = list.filter((s) => !s.allow);
  return [allow.length ? allow : EMPTY, deny.length ? deny : EMPTY];
}

interface Facts {
  scpFailed: number[];
  identityAllow: boolean;
  boundaryOk: boolean;
  sessionOk: boolean;
  resource: PrincipalMatch;
}

// Above the catalogue's ~22,000 actions, so a batch over every action never thrashes; plans share empty lists.
const PLAN_CACHE_LIMIT = 65_536;

export class CompiledPolicySet {
  private readonly plans = new Map<string, Plan>();
  /** the same plans by the action as written: no lower-casing (an allocation) per request in the common case */
  private readonly plansByAction = new Map<string, Plan>();

  constructor(
    readonly identity: readonly CompiledDocument[],
    readonly resource: CompiledDocument | undefined,
    /** the permissions boundary: one document, or several read as one (their statements ORed, like one SCP level) */
    boundary: CompiledDocument | readonly CompiledDocument[] | undefined,
    readonly scp: readonly (readonly CompiledDocument[])[],
    readonly rcp: readonly (readonly CompiledDocument[])[],
    readonly session: CompiledDocument | undefined,
  ) {
    this.boundaries = boundary === undefined ? [] : Array.isArray(boundary) ? [...(boundary as readonly CompiledDocument[])] : [boundary as CompiledDocument];
  }

  readonly boundaries: readonly CompiledDocument[];

  /** The statements of every policy whose action element covers the action (memoised per action). */
  private plan(actionLower: string): Plan {
    const hit = this.plans.get(actionLower);
    if (hit) return hit;
    const of = (docs: readonly CompiledDocument[]): Stmts => {
      const out: CompiledStatement[] = [];
      for (const d of docs) out.push(...statementsForAction(d, actionLower));
      return out.length ? out : EMPTY;
    };
    const identity = of(this.identity);
    const resource = this.resource ? of([this.resource]) : EMPTY;
    const boundary = of(this.boundaries);
    const session = this.session ? of([this.session]) : EMPTY;
    const scp = this.scp.map(of);
    const rcp = this.rcp.map(of);
    const [identityAllow, identityDeny] = split(identity);
    const [resourceAllow, resourceDeny] = split(resource);
    const [boundaryAllow, boundaryDeny] = split(boundary);
    const [sessionAllow, sessionDeny] = split(session);
    const plan: Plan = {
      identity,
      identityAllow,
      identityDeny,
      resource,
      resourceAllow,
      resourceDeny,
      boundary,
      boundaryAllow,
      boundaryDeny,
      session,
      sessionAllow,
      sessionDeny,
      scp,
      scpAllow: scp.map((l) => split(l)[0]),
      scpDeny: split(scp.flat())[1],
      rcp,
      rcpDeny: split(rcp.flat())[1],
    };
    if (this.plans.size >= PLAN_CACHE_LIMIT) this.plans.clear();
    this.plans.set(actionLower, plan);
    return plan;
  }

  private planFor(req: PreparedRequest): Plan {
    const hit = this.plansByAction.get(req.action);
    if (hit) return hit;
    const plan = this.plan(req.actionLower);
    if (this.plansByAction.size >= PLAN_CACHE_LIMIT) this.plansByAction.clear();
    this.plansByAction.set(req.action, plan);
    return plan;
  }

  /** The decision alone: the fast path. */
  decide(request: SimulationRequest | PreparedRequest): Decision {
    return this.evaluate(request).decision;
  }

  evaluate(request: SimulationRequest | PreparedRequest, options?: EvaluateOptions): SimulationResult {
    const req = isPreparedRequest(request) ? request : prepareOnce(request);
    return options?.explain ? this.explained(req) : this.fast(req);
  }

  private fast(req: PreparedRequest): SimulationResult {
    const plan = this.planFor(req);
    const kind = req.principal.kind;
    const iam = kind !== 'service' && kind !== 'anonymous';
    if (iam && req.action.length === 21 && req.actionLower === 'sts:getcalleridentity') return RESULTS.allowed;
    const hasBoundary = iam && kind !== 'root' && this.boundaries.length > 0;
    const hasSession = (kind === 'role' || kind === 'session' || kind === 'federated') && this.session !== undefined;

    if (
      (iam && (anyApplies(plan.identityDeny, req) || anyApplies(plan.scpDeny, req))) ||
      (hasBoundary && anyApplies(plan.boundaryDeny, req)) ||
      (hasSession && anyApplies(plan.sessionDeny, req)) ||
      anyApplies(plan.rcpDeny, req) ||
      anyApplies(plan.resourceDeny, req, hasBoundary)
    ) {
      return RESULTS.explicitDeny;
    }
    if (!iam) return bestApplies(plan.resourceAllow, req) === DIRECT ? RESULTS.allowed : RESULTS.implicitDeny;
    for (const level of plan.scpAllow) if (!anyApplies(level, req)) return RESULTS.implicitDeny;

    const identityAllow = kind === 'root' || anyApplies(plan.identityAllow, req);
    const boundaryOk = !hasBoundary || anyApplies(plan.boundaryAllow, req);
    const sessionOk = hasSession ? anyApplies(plan.sessionAllow, req) : kind !== 'federated';
    // The resource policy is consulted only when the identity path cannot decide alone.
    const idPath = identityAllow && boundaryOk && sessionOk;
    if (idPath && req.sameAccount && !req.resourcePolicyRequired) return RESULTS.allowed;
    const resource = bestApplies(plan.resourceAllow, req);
    return grant(req, identityAllow, boundaryOk, sessionOk, resource) ? RESULTS.allowed : RESULTS.implicitDeny;
  }

  private explained(req: PreparedRequest): SimulationResult {
    const plan = this.planFor(req);
    const kind = req.principal.kind;
    const iam = kind !== 'service' && kind !== 'anonymous';
    const hasBoundary = iam && kind !== 'root' && this.boundaries.length > 0;
    const hasSession = (kind === 'role' || kind === 'session' || kind === 'federated') && this.session !== undefined;
    const matched: MatchedStatement[] = [];
    const identity = iam ? scanAll(plan.identity, req, matched) : { allow: NONE, deny: false };
    const resource = scanAll(plan.resource, req, matched, hasBoundary);
    const boundary = hasBoundary ? scanAll(plan.boundary, req, matched) : { allow: DIRECT, deny: false };
    const scp = iam ? plan.scp.map((l) => scanAll(l, req, matched)) : [];
    const rcp = plan.rcp.map((l) => scanAll(l, req, matched));
    const session = hasSession ? scanAll(plan.session, req, matched) : { allow: kind === 'federated' ? NONE : DIRECT, deny: false };

    if (iam && req.actionLower === 'sts:getcalleridentity') return { decision: 'allowed', matched };
    const deny = identity.deny || resource.deny || boundary.deny || session.deny || scp.some((l) => l.deny) || rcp.some((l) => l.deny);
    if (deny) return { decision: 'explicitDeny', matched };

    const facts: Facts = {
      scpFailed: scp.flatMap((l, i) => (l.allow === NONE ? [i] : [])),
      identityAllow: kind === 'root' || identity.allow !== NONE,
      boundaryOk: boundary.allow !== NONE,
      sessionOk: session.allow !== NONE,
      resource: resource.allow,
    };
    const allowed = iam ? facts.scpFailed.length === 0 && grant(req, facts.identityAllow, facts.boundaryOk, facts.sessionOk, facts.resource) : resource.allow === DIRECT;
    return allowed ? { decision: 'allowed', matched } : { decision: 'implicitDeny', matched, denied: reasons(req, facts, this.resource !== undefined) };
  }
}

/** Step 4 of the logic above, for an IAM principal whose SCPs allow (arguments, not an object: the fast path allocates nothing). */
function grant(req: PreparedRequest, identityAllow: boolean, boundaryOk: boolean, sessionOk: boolean, resource: PrincipalMatch): boolean {
  const idPath = identityAllow && boundaryOk && sessionOk;
  if (!req.sameAccount) return idPath && resource !== NONE;
  if (resource === DIRECT) return true;
  if (resource === ROLE && boundaryOk && sessionOk) return true;
  if (req.resourcePolicyRequired) return resource === ACCOUNT && idPath;
  return idPath;
}

/** Which layers failed to allow (for an implicit deny). */
function reasons(req: PreparedRequest, f: Facts, hasResourcePolicy: boolean): ImplicitDenyReason[] {
  const out: ImplicitDenyReason[] = [];
  const kind = req.principal.kind;
  if (kind === 'service' || kind === 'anonymous') {
    out.push({
      layer: 'resource',
      message: `only a resource-based policy can grant access to ${kind === 'service' ? 'a service principal' : 'an anonymous principal'}, and ${hasResourcePolicy ? 'it does not' : 'there is none'}`,
    });
    return out;
  }
  for (const level of f.scpFailed) out.push({ layer: 'scp', level, message: `no statement of the SCPs at level ${level} allows the request` });
  const direct = f.resource === DIRECT;
  const viaRole = f.resource === ROLE;
  if (req.sameAccount && !req.resourcePolicyRequired) {
    if (direct) return out;
    if (!f.identityAllow && !viaRole) out.push({ layer: 'identity', message: 'no identity-based policy allows the request, and no resource-based policy grants it to the principal' });
  } else if (!req.sameAccount) {
    if (!f.identityAllow) out.push({ layer: 'identity', message: 'cross-account access needs an identity-based policy that allows the request' });
    if (f.resource === NONE) {
      out.push({ layer: 'resource', message: `cross-account access needs the resource-based policy to allow the principal or its account${hasResourcePolicy ? '' : ', and there is none'}` });
    }
  } else {
    if (direct) return out;
    const what = req.resource.includes(':kms:') ? 'KMS key policy' : 'role trust policy';
    if (f.resource === NONE) out.push({ layer: 'resource', message: `the ${what} must allow the principal or its account${hasResourcePolicy ? '' : ', and none was given'}` });
    else if (!f.identityAllow && !viaRole) out.push({ layer: 'identity', message: `the ${what} names only the account, so an identity-based policy must allow the request too` });
  }
  if (!f.boundaryOk) out.push({ layer: 'boundary', message: 'the permissions boundary does not allow the request' });
  if (!f.sessionOk) {
    out.push({
      layer: 'session',
      message: kind === 'federated' ? 'a federated-user session gets no permissions from identity policies without a session policy that allows the request' : 'the session policy does not allow the request',
    });
  }
  if (out.length === 0 && !f.identityAllow) out.push({ layer: 'identity', message: 'no identity-based policy allows the request' });
  return out;
}

function asLevels(v: unknown, name: 'scp' | 'rcp'): readonly unknown[][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new PolicyCompileError(name, '', `${name} must be a list of levels, each a list of policies`);
  // A level written as a bare document (not a list) is a level of one document.
  return v.map((level) => (Array.isArray(level) ? level : [level]));
}

/** Compiles a policy set once (throws `PolicyCompileError` for a document IAM would refuse). */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
  const s = (set ?? {}) as Record<string, unknown>;
  const identityIn = s.identity === undefined || s.identity === null ? [] : s.identity;
  if (!Array.isArray(identityIn)) throw new PolicyCompileError('identity', '', 'identity must be a list of policies');
  const identity = identityIn.map((d: PolicyInput, i) => compileDocument(d, `identity[${i}]`, 'none'));
  const present = (v: unknown): boolean => v !== undefined && v !== null;
  const resource = present(s.resource) ? compileDocument(s.resource, 'resource', 'resource') : undefined;
  // A user or role has one boundary; several documents given for it are read as one (statements ORed), labelled
  // boundary[0], boundary[1]… so an explanation still says which document a statement came from.
  const boundaryIn = s.boundary;
  let boundary: CompiledDocument[] = [];
  if (Array.isArray(boundaryIn)) {
    const docs = boundaryIn.filter(present);
    boundary = docs.map((d, i) => compileDocument(d, docs.length === 1 ? 'boundary' : `boundary[${i}]`, 'none'));
  } else if (present(boundaryIn)) boundary = [compileDocument(boundaryIn, 'boundary', 'none')];
  const scp = asLevels(s.scp, 'scp').map((level, i) => level.map((d, j) => compileDocument(d, `scp[${i}][${j}]`, 'none')));
  const rcp = asLevels(s.rcp, 'rcp').map((level, i) => level.map((d, j) => compileDocument(d, `rcp[${i}][${j}]`, 'rcp')));
  const session = present(s.session) ? compileDocument(s.session, 'session', 'none') : undefined;
  return new CompiledPolicySet(identity, resource, boundary, scp, rcp, session);
}
