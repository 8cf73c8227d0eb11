/**
 * A slow, obviously-correct reference evaluator, written straight from the IAM User Guide and sharing no code with
 * the engine: it reads the raw JSON each time, turns every wildcard into a regular expression, and follows the
 * evaluation flow chart step by step. It covers the subset the property test generates.
 */
import type { Decision, PolicySet, SimulationRequest } from '../../../src/engine/evaluate/index.js';

type Json = Record<string, unknown>;
type Ctx = Map<string, string[] | string>;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** IAM wildcard text to a regular expression; literal parts (from variables) escaped. */
function globRegex(parts: { text: string; wild: boolean }[]): RegExp {
  let re = '';
  for (const p of parts) {
    if (!p.wild) re += esc(p.text);
    else for (const ch of p.text) re += ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : esc(ch);
  }
  return new RegExp(`^${re}$`);
}

/** Splits a value at policy variables; null when a variable cannot be resolved. */
function substitute(value: string, ctx: Ctx, variables: boolean): { text: string; wild: boolean }[] | null {
  if (!variables) return [{ text: value, wild: true }];
  const out: { text: string; wild: boolean }[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    out.push({ text: value.slice(last, m.index), wild: true });
    last = m.index + m[0].length;
    const inner = m[1]!;
    if (inner === '*' || inner === '?' || inner === '$') {
      out.push({ text: inner, wild: false });
      continue;
    }
    const [name, def] = inner.split(',');
    const v = ctx.get(name!.trim().toLowerCase());
    const d = def?.trim();
    if (typeof v === 'string') out.push({ text: v, wild: false });
    else if (d && d.length >= 2 && d.startsWith("'") && d.endsWith("'")) out.push({ text: d.slice(1, -1), wild: false });
    else return null;
  }
  out.push({ text: value.slice(last), wild: true });
  return out;
}

interface Who {
  kind: string;
  text: string;
  account?: string;
  role?: string;
}

function who(principal: string): Who {
  let m = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (m) return { kind: 'user', text: principal, account: m[1] };
  m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(principal);
  if (m) return { kind: 'role', text: principal, account: m[1], role: m[2] };
  m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/([^/]+)$/.exec(principal);
  if (m) return { kind: 'session', text: principal, account: m[1], role: m[2] };
  m = /^arn:aws:sts::(\d{12}):federated-user\/.+$/.exec(principal);
  if (m) return { kind: 'federated', text: principal, account: m[1] };
  m = /^arn:aws:iam::(\d{12}):root$/.exec(principal);
  if (m) return { kind: 'root', text: principal, account: m[1] };
  if (/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) return { kind: 'service', text: principal };
  return { kind: 'anonymous', text: principal };
}

function context(req: SimulationRequest, w: Who): Ctx {
  const ctx: Ctx = new Map();
  const types: Record<string, string> = { user: 'User', role: 'AssumedRole', session: 'AssumedRole', federated: 'FederatedUser', root: 'Account', anonymous: 'Anonymous' };
  if (types[w.kind]) ctx.set('aws:principaltype', types[w.kind]!);
  if (w.kind === 'service') {
    ctx.set('aws:principalservicename', w.text);
    ctx.set('aws:principalisawsservice', 'true');
  } else if (w.kind !== 'anonymous') {
    ctx.set('aws:principalaccount', w.account!);
    ctx.set('aws:principalisawsservice', 'false');
    ctx.set('aws:principalarn', w.kind === 'session' ? `arn:aws:iam::${w.account}:role/${w.role}` : w.text);
    if (w.kind === 'user') ctx.set('aws:username', w.text.slice(w.text.lastIndexOf('/') + 1));
  }
  for (const [k, v] of Object.entries(req.context ?? {})) {
    if (Array.isArray(v)) {
      if (v.length === 0) ctx.delete(k.toLowerCase());
      else ctx.set(k.toLowerCase(), v.map(String));
    } else ctx.set(k.toLowerCase(), String(v));
  }
  return ctx;
}

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'NotIpAddress', 'ArnNotEquals', 'ArnNotLike']);

function ipv4(s: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? null : parts.reduce((a, b) => a * 256 + b, 0);
}

/** Does one request value match one policy value under the (un-negated) base operator? */
function valueMatches(base: string, requestValue: string, policyValue: string, ctx: Ctx, variables: boolean): boolean {
  const withVars = base.startsWith('String') || base.startsWith('Arn') || base === 'Bool';
  const parts = withVars ? substitute(policyValue, ctx, variables) : [{ text: policyValue, wild: true }];
  if (!parts) return false;
  const text = parts.map((p) => p.text).join('');
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return requestValue === text;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return requestValue.toLowerCase() === text.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return globRegex(parts).test(requestValue);
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan': {
      const num = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
      if (!num.test(requestValue) || !num.test(text)) return false;
      return base === 'NumericLessThan' ? Number(requestValue) < Number(text) : Number(requestValue) === Number(text);
    }
    case 'Bool':
      return ['true', 'false'].includes(text.toLowerCase()) && requestValue.toLowerCase() === text.toLowerCase();
    case 'IpAddress':
    case 'NotIpAddress': {
      const [addr, bits] = text.split('/');
      const a = ipv4(addr!);
      const r = ipv4(requestValue);
      if (a === null || r === null) return false;
      const n = bits === undefined ? 32 : Number(bits);
      return n === 0 || Math.floor(a / 2 ** (32 - n)) === Math.floor(r / 2 ** (32 - n));
    }
    case 'ArnLike':
    case 'ArnEquals':
    case 'ArnNotLike':
    case 'ArnNotEquals': {
      const p = /^([^:]*):([^:]*):([^:]*):([^:]*):([^:]*):([\s\S]*)$/.exec(text);
      const v = /^([^:]*):([^:]*):([^:]*):([^:]*):([^:]*):([\s\S]*)$/.exec(requestValue);
      if (!p || !v) return false;
      // Fields of the substituted text; variable text is assumed free of wildcards in the generated policies.
      for (let i = 1; i <= 6; i++) if (!globRegex([{ text: p[i]!, wild: true }]).test(v[i]!)) return false;
      return true;
    }
    default:
      throw new Error(`reference: operator ${base} not covered`);
  }
}

function conditionHolds(operator: string, key: string, values: unknown, ctx: Ctx, variables: boolean): boolean {
  let op = operator;
  let set: string | undefined;
  if (op.includes(':')) [set, op] = op.split(':') as [string, string];
  const ifExists = op.endsWith('IfExists');
  const base = ifExists ? op.slice(0, -8) : op;
  const policyValues = list(values).map(String);
  const v = ctx.get(key.toLowerCase());
  if (base === 'Null') return policyValues.some((p) => (p.toLowerCase() === 'true' ? v === undefined : p.toLowerCase() === 'false' ? v !== undefined : false));
  const negated = NEGATED.has(base);
  if (v === undefined) return ifExists || set === 'ForAllValues' || (set !== 'ForAnyValue' && negated);
  // Per request value: matches any policy value; for a negated operator, matches none.
  const one = (rv: string): boolean => policyValues.some((p) => valueMatches(base, rv, p, ctx, variables)) !== negated;
  if (set === 'ForAnyValue') return list(v).some((x) => one(x as string));
  if (set === 'ForAllValues') return list(v).every((x) => one(x as string));
  return typeof v === 'string' && one(v);
}

const DIRECT = 3, ROLE = 2, ACCOUNT = 1, NONE = 0;

function principalLevel(block: unknown, w: Who): number {
  if (block === '*') return DIRECT;
  const b = block as Json;
  const aws = list(b.AWS).map(String);
  if (aws.includes('*')) return DIRECT;
  if (w.kind === 'service') return list(b.Service).includes(w.text) ? DIRECT : NONE;
  if (w.kind === 'anonymous') return NONE;
  if (['user', 'session', 'federated'].includes(w.kind) && aws.includes(w.text)) return DIRECT;
  if ((w.kind === 'role' || w.kind === 'session') && aws.some((a) => new RegExp(`^arn:aws:iam::${w.account}:role/(.*/)?${esc(w.role!)}$`).test(a))) return ROLE;
  if (aws.includes(w.account!) || aws.includes(`arn:aws:iam::${w.account}:root`)) return ACCOUNT;
  return NONE;
}

/** NotPrincipal spares only a principal whose every identity (account, role, session/user) is listed. */
function notPrincipalSpares(block: unknown, w: Who): boolean {
  if (block === '*') return true;
  const b = block as Json;
  const aws = list(b.AWS).map(String);
  if (aws.includes('*')) return true;
  if (w.kind === 'service') return list(b.Service).includes(w.text);
  if (w.kind === 'anonymous') return false;
  const acct = aws.includes(w.account!) || aws.includes(`arn:aws:iam::${w.account}:root`);
  const role = aws.some((a) => w.role !== undefined && new RegExp(`^arn:aws:iam::${w.account}:role/(.*/)?${esc(w.role)}$`).test(a));
  switch (w.kind) {
    case 'user':
    case 'federated':
      return acct && aws.includes(w.text);
    case 'role':
      return acct && role;
    case 'session':
      return acct && role && aws.includes(w.text);
    default:
      return acct;
  }
}

/** The principal level at which a statement applies (0: it does not). */
function applies(st: Json, req: SimulationRequest, w: Who, ctx: Ctx, variables: boolean, withPrincipal: boolean, hasBoundary = false): number {
  const actions = list(st.Action ?? st.NotAction).map(String);
  const actionHit = actions.some((a) => globRegex([{ text: a.toLowerCase(), wild: true }]).test(req.action.toLowerCase()));
  if (actionHit !== (st.Action !== undefined)) return NONE;
  if (st.Resource !== undefined || st.NotResource !== undefined) {
    const rs = list(st.Resource ?? st.NotResource).map(String);
    const hit = rs.some((r) => {
      const parts = substitute(r, ctx, variables);
      return parts !== null && globRegex(parts).test(req.resource);
    });
    if (hit !== (st.Resource !== undefined)) return NONE;
  }
  let level = DIRECT;
  if (withPrincipal) {
    if (st.Principal !== undefined) level = principalLevel(st.Principal, w);
    // Permissions boundaries: a resource-policy Deny with NotPrincipal always denies a principal that has a boundary.
    else if (st.NotPrincipal !== undefined) level = notPrincipalSpares(st.NotPrincipal, w) && !(hasBoundary && st.Effect === 'Deny') ? NONE : DIRECT;
    else level = NONE;
    if (level === NONE) return NONE;
  }
  for (const [op, block] of Object.entries((st.Condition ?? {}) as Record<string, Json>)) {
    for (const [key, values] of Object.entries(block)) if (!conditionHolds(op, key, values, ctx, variables)) return NONE;
  }
  return level;
}

/** [best Allow level, any Deny] over some policies. */
function scan(docs: unknown[], req: SimulationRequest, w: Who, ctx: Ctx, withPrincipal: boolean, hasBoundary = false): [number, boolean] {
  let allow = NONE;
  let deny = false;
  for (const d of docs) {
    const doc = d as Json;
    const variables = doc.Version === '2012-10-17';
    for (const st of list(doc.Statement) as Json[]) {
      const l = applies(st, req, w, ctx, variables, withPrincipal, hasBoundary);
      if (l === NONE) continue;
      if (st.Effect === 'Deny') deny = true;
      else allow = Math.max(allow, l);
    }
  }
  return [allow, deny];
}

export function referenceDecision(set: PolicySet, req: SimulationRequest): Decision {
  const w = who(req.principal);
  const ctx = context(req, w);
  const iam = w.kind !== 'service' && w.kind !== 'anonymous';
  const resourceArn = /^arn:[^:]*:([^:]*):[^:]*:([^:]*):([\s\S]*)$/.exec(req.resource);
  const resourceAccount = req.resourceAccount ?? (resourceArn && resourceArn[2] ? resourceArn[2] : w.account);
  const same = iam && w.account === resourceAccount;
  const sessionPrincipal = ['role', 'session', 'federated'].includes(w.kind);

  const identity = iam ? scan(list(set.identity), req, w, ctx, false) : [NONE, false];
  const hasBoundary = iam && w.kind !== 'root' && !!set.boundary;
  const resource = set.resource ? scan([set.resource], req, w, ctx, true, hasBoundary) : [NONE, false];
  const boundary = hasBoundary ? scan(list(set.boundary), req, w, ctx, false) : [DIRECT, false];
  const session = sessionPrincipal && set.session ? scan([set.session], req, w, ctx, false) : [w.kind === 'federated' ? NONE : DIRECT, false];
  const scps = iam ? list(set.scp).map((level) => scan(list(level), req, w, ctx, false)) : [];
  const rcps = list(set.rcp).map((level) => scan(list(level), req, w, ctx, true));

  // Step 0: GetCallerIdentity needs no permission.
  if (iam && req.action.toLowerCase() === 'sts:getcalleridentity') return 'allowed';
  // Step 1: any explicit deny.
  if ([identity, resource, boundary, session, ...scps, ...rcps].some(([, d]) => d)) return 'explicitDeny';
  // Service principals and anonymous callers: only the resource policy, naming them directly.
  if (!iam) return resource[0] === DIRECT ? 'allowed' : 'implicitDeny';
  // Step 2: every SCP level allows (RCPs only deny: RCPFullAWSAccess).
  if (scps.some(([a]) => a === NONE)) return 'implicitDeny';
  // Step 3: the grant.
  const identityAllow = w.kind === 'root' || identity[0] !== NONE;
  const boundaryOk = boundary[0] !== NONE;
  const sessionOk = session[0] !== NONE;
  const idPath = identityAllow && boundaryOk && sessionOk;
  const r = resource[0];
  if (!same) return idPath && r !== NONE ? 'allowed' : 'implicitDeny';
  const strict = !!resourceArn && ((resourceArn[1] === 'kms' && resourceArn[3]!.startsWith('key/')) || (resourceArn[1] === 'iam' && resourceArn[3]!.startsWith('role/') && req.action.toLowerCase().startsWith('sts:')));
  const ok = r === DIRECT || (r === ROLE && boundaryOk && sessionOk) || (strict ? r === ACCOUNT && idPath : idPath);
  return ok ? 'allowed' : 'implicitDeny';
}
