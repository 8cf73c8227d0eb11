/**
 * A request made ready for evaluation, once: the principal parsed, the action lower-cased, the resource account
 * resolved, the context keys lower-cased ("Key names are case-insensitive", Policy variables) and the keys that
 * the principal implies added. Typed views of context values (numbers, dates, addresses) are parsed on first use
 * and kept, so a prepared request evaluated against many policy sets parses each value once.
 *
 * Preparing never throws: an unparsable principal is an anonymous one (only `"Principal": "*"` admits it).
 */
import { parseArn } from '../arn.js';
import type { ContextValueInput, SimulationRequest } from './types.js';
import type { IpRange } from './values.js';

export interface ContextValue {
  readonly values: readonly string[];
  /** given as a list: a multivalued key, which only the `ForAnyValue:`/`ForAllValues:` operators compare */
  readonly multi: boolean;
  lower?: string[];
  numbers?: (number | undefined)[];
  dates?: (number | undefined)[];
  ips?: (IpRange | undefined)[];
  binaries?: (string | undefined)[];
}

export type PrincipalKind = 'user' | 'role' | 'session' | 'federated' | 'root' | 'service' | 'anonymous';

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** as given */
  text: string;
  partition?: string;
  account?: string;
  /** `partition|account|role-name` for a role or a session of it: what a role ARN in a `Principal` names */
  roleKey?: string;
  /** the IAM user's name (for `aws:username`) */
  userName?: string;
  /** `aws:PrincipalArn`: the user, role (for a session), federated-user or root ARN */
  principalArn?: string;
}

export interface PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly actionLower: string;
  readonly resource: string;
  readonly resourceAccount: string | undefined;
  /** the principal is an IAM identity and the resource is in its account */
  readonly sameAccount: boolean;
  /**
   * The resource's own policy must allow (it cannot be left to identity policies alone): a KMS key ("KMS key
   * policies … must explicitly allow access for principals") or a role being assumed (role trust policies).
   */
  readonly resourcePolicyRequired: boolean;
  readonly context: ReadonlyMap<string, ContextValue>;
}

const ACCOUNT_ID = /^\d{12}$/;
// One quantifier only, so a long non-matching text costs linear time (the dot is checked apart).
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

function lastSegment(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

export function parsePrincipal(text: unknown): RequestPrincipal {
  if (typeof text !== 'string') return { kind: 'anonymous', text: '' };
  if (ACCOUNT_ID.test(text)) {
    return { kind: 'root', text, partition: 'aws', account: text, principalArn: `arn:aws:iam::${text}:root` };
  }
  const arn = parseArn(text);
  if (!arn) {
    if (SERVICE_NAME.test(text) && text.includes('.') && !text.endsWith('.')) return { kind: 'service', text };
    return { kind: 'anonymous', text };
  }
  const { partition, account, resource } = arn;
  if (!ACCOUNT_ID.test(account)) return { kind: 'anonymous', text };
  const base = { text, partition, account };
  if (arn.service === 'iam') {
    if (resource === 'root') return { ...base, kind: 'root', principalArn: text };
    if (resource.startsWith('user/') && resource.length > 5) {
      return { ...base, kind: 'user', userName: lastSegment(resource), principalArn: text };
    }
    if (resource.startsWith('role/') && resource.length > 5) {
      return { ...base, kind: 'role', roleKey: `${partition}|${account}|${lastSegment(resource)}`, principalArn: text };
    }
  } else if (arn.service === 'sts') {
    if (resource.startsWith('assumed-role/')) {
      const parts = resource.split('/');
      if (parts.length === 3 && parts[1] && parts[2]) {
        // The session ARN carries no role path, so aws:PrincipalArn is the role ARN without one.
        const roleArn = `arn:${partition}:iam::${account}:role/${parts[1]}`;
        return { ...base, kind: 'session', roleKey: `${partition}|${account}|${parts[1]}`, principalArn: roleArn };
      }
    } else if (resource.startsWith('federated-user/') && resource.length > 15) {
      return { ...base, kind: 'federated', principalArn: text };
    }
  }
  return { kind: 'anonymous', text };
}

const PRINCIPAL_TYPE: Record<PrincipalKind, string | undefined> = {
  user: 'User',
  role: 'AssumedRole',
  session: 'AssumedRole',
  federated: 'FederatedUser',
  root: 'Account',
  service: undefined,
  anonymous: 'Anonymous',
};

function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function contextValue(v: ContextValueInput | unknown): ContextValue | undefined {
  if (Array.isArray(v)) {
    const values: string[] = [];
    for (const item of v) {
      const s = scalar(item);
      if (s !== undefined) values.push(s);
    }
    // An empty list is an empty data set: like a missing key for every operator ("…prevent missing context keys or
    // context keys with empty values from evaluating to true by including a Null condition…").
    return values.length === 0 ? undefined : { values, multi: true };
  }
  if (typeof v === 'string') return singleValue(v);
  const s = scalar(v);
  return s === undefined ? undefined : { values: [s], multi: false };
}

// Requests repeat the same few values (regions, account ids, tags); a single value's parsed views depend only on
// its text, so one shared ContextValue per text saves an allocation (and a parse) per request. Bounded.
const singleValues = new Map<string, ContextValue>();
function singleValue(s: string): ContextValue {
  let hit = singleValues.get(s);
  if (hit) return hit;
  hit = { values: [s], multi: false };
  if (s.length <= 256) {
    if (singleValues.size >= 10_000) singleValues.clear();
    singleValues.set(s, hit);
  }
  return hit;
}

// Context key names repeat across requests; lower-case each once. Bounded.
const lowerKeys = new Map<string, string>();
function lowerKey(key: string): string {
  let hit = lowerKeys.get(key);
  if (hit === undefined) {
    hit = key.toLowerCase();
    if (lowerKeys.size >= 10_000) lowerKeys.clear();
    lowerKeys.set(key, hit);
  }
  return hit;
}

/** The keys the principal implies (the context may override each of them). */
function derivedKeys(p: RequestPrincipal, into: Map<string, ContextValue>): void {
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) into.set(key, { values: [value], multi: false });
  };
  set('aws:principaltype', PRINCIPAL_TYPE[p.kind]);
  if (p.kind === 'service') {
    set('aws:principalservicename', p.text);
    set('aws:principalisawsservice', 'true');
    return;
  }
  if (p.kind === 'anonymous') return;
  set('aws:principalarn', p.principalArn);
  set('aws:principalaccount', p.account);
  set('aws:principalisawsservice', 'false');
  if (p.kind === 'user') set('aws:username', p.userName);
}

interface PrincipalEntry {
  principal: RequestPrincipal;
  derived: [string, ContextValue][];
}

// Callers ask about few principals many times: parse each once. The entries are never mutated (a ContextValue's
// parsed views are a function of its values, so sharing them across requests is safe).
const principalCache = new Map<string, PrincipalEntry>();

function principalEntry(text: unknown): PrincipalEntry {
  const key = typeof text === 'string' ? text : undefined;
  const hit = key === undefined ? undefined : principalCache.get(key);
  if (hit) return hit;
  const principal = parsePrincipal(text);
  const derived = new Map<string, ContextValue>();
  derivedKeys(principal, derived);
  const entry = { principal, derived: [...derived] };
  if (key !== undefined && key.length < 2048) {
    if (principalCache.size >= 10_000) principalCache.clear();
    principalCache.set(key, entry);
  }
  return entry;
}

class Prepared implements PreparedRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  private lowered: string | undefined;
  readonly resource: string;
  readonly resourceAccount: string | undefined;
  readonly sameAccount: boolean;
  readonly resourcePolicyRequired: boolean;
  private readonly derived: [string, ContextValue][];
  private readonly given: unknown;
  private built: Map<string, ContextValue> | undefined;

  constructor(request: SimulationRequest) {
    const req = (request ?? {}) as Partial<Record<keyof SimulationRequest, unknown>>;
    const entry = principalEntry(req.principal);
    const principal = entry.principal;
    this.principal = principal;
    this.derived = entry.derived;
    this.given = req.context;
    this.action = typeof req.action === 'string' ? req.action : '';
    this.resource = typeof req.resource === 'string' ? req.resource : '';
    // The resource ARN's fields by colon positions (as parseArn splits them), without allocating its parts: this
    // runs once per plain request.
    const r = this.resource;
    let account: string | undefined;
    let required = false;
    if (r.startsWith('arn:')) {
      const c1 = r.indexOf(':', 4);
      const c2 = c1 < 0 ? -1 : r.indexOf(':', c1 + 1);
      const c3 = c2 < 0 ? -1 : r.indexOf(':', c2 + 1);
      const c4 = c3 < 0 ? -1 : r.indexOf(':', c3 + 1);
      if (c4 >= 0) {
        if (c4 > c3 + 1) account = r.slice(c3 + 1, c4);
        const service = c2 - c1 - 1;
        required =
          (service === 3 && r.startsWith('kms', c1 + 1) && r.startsWith('key/', c4 + 1)) ||
          (service === 3 && r.startsWith('iam', c1 + 1) && r.startsWith('role/', c4 + 1) && this.action.slice(0, 4).toLowerCase() === 'sts:');
      }
    }
    const given = typeof req.resourceAccount === 'string' && req.resourceAccount !== '' ? req.resourceAccount : undefined;
    this.resourceAccount = given ?? account ?? principal.account;
    this.resourcePolicyRequired = required;
    this.sameAccount = principal.kind !== 'service' && principal.kind !== 'anonymous' && principal.account === this.resourceAccount;
  }

  /** Lower-cased on first use: a compiled set finds its plan by the action as given, which is usually enough. */
  get actionLower(): string {
    return (this.lowered ??= this.action.toLowerCase());
  }

  /** Built on first use: many decisions (policies without conditions or variables) never read the context. */
  get context(): ReadonlyMap<string, ContextValue> {
    if (this.built) return this.built;
    const context = new Map<string, ContextValue>(this.derived);
    const given = this.given;
    if (given && typeof given === 'object' && !Array.isArray(given)) {
      for (const key in given) {
        if (!Object.prototype.hasOwnProperty.call(given, key)) continue;
        const v = contextValue((given as Record<string, unknown>)[key]);
        if (v) context.set(lowerKey(key), v);
        else context.delete(lowerKey(key));
      }
    }
    this.built = context;
    return context;
  }
}

/** A request made ready for evaluation; its context is read now, so later changes to the object do not count. */
export function prepareRequest(request: SimulationRequest): PreparedRequest {
  const p = new Prepared(request);
  void p.context;
  return p;
}

/** For one evaluation of a plain request: the context is read only if a policy needs it. */
export function prepareOnce(request: SimulationRequest): PreparedRequest {
  return new Prepared(request);
}

export function isPreparedRequest(r: unknown): r is PreparedRequest {
  return r instanceof Prepared;
}

/** A context value's view through a parser, computed once per request and kept on the value. */
export function parsedView<T>(
  value: ContextValue,
  slot: 'numbers' | 'dates' | 'ips' | 'binaries' | 'lower',
  parse: (s: string) => T,
): T[] {
  const hit = value[slot] as T[] | undefined;
  if (hit) return hit;
  const out = value.values.map(parse);
  (value as Record<typeof slot, unknown>)[slot] = out;
  return out;
}
