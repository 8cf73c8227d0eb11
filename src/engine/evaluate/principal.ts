/**
 * `Principal` and `NotPrincipal` in resource-based policies and RCPs ("AWS JSON policy elements: Principal",
 * "…: NotPrincipal"). A block is compiled into sets, so matching a request principal is a few lookups.
 *
 * How a request principal is named, and how strongly (the evaluation logic treats the three differently):
 * - DIRECT: `"*"` / `{"AWS":"*"}` (all principals, services included), the IAM user's ARN, the assumed-role session
 *   ARN, the federated-user ARN, the service principal name. "Permissions granted directly to a session are not
 *   limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy."
 * - ROLE: the ARN of the role that a session belongs to (role path ignored: a session ARN has none, and role names
 *   are unique in an account). "Resource-based policies that grant permissions to an IAM role ARN are limited by an
 *   implicit deny in a permissions boundary or session policy."
 * - ACCOUNT: the account id or `arn:…:iam::ID:root`, which "delegates authority to the account": the principal's
 *   identity-based policies must allow as well.
 * Principal values are compared exactly: "You cannot use a wildcard to match part of a principal name or ARN."
 * `Federated` and `CanonicalUser` principals never match (no request principal here is one of those).
 */
import { parseArn } from '../arn.js';
import type { RequestPrincipal } from './request.js';

export const NONE = 0;
export const ACCOUNT = 1;
export const ROLE = 2;
export const DIRECT = 3;
export type PrincipalMatch = typeof NONE | typeof ACCOUNT | typeof ROLE | typeof DIRECT;

export interface PrincipalValues {
  wildcard: boolean;
  aws: readonly string[];
  service: readonly string[];
}

export class CompiledPrincipals {
  private readonly wildcard: boolean;
  private readonly accounts = new Set<string>();
  private readonly users = new Set<string>();
  private readonly roles = new Set<string>();
  private readonly sessions = new Set<string>();
  private readonly federated = new Set<string>();
  private readonly services = new Set<string>();

  constructor(values: PrincipalValues) {
    let wildcard = values.wildcard;
    for (const v of values.aws) {
      if (v === '*') {
        wildcard = true;
        continue;
      }
      if (/^\d{12}$/.test(v)) {
        this.accounts.add(v);
        continue;
      }
      const arn = parseArn(v);
      if (!arn) continue;
      const r = arn.resource;
      if (arn.service === 'iam') {
        if (r === 'root') this.accounts.add(arn.account);
        else if (r.startsWith('user/')) this.users.add(v);
        else if (r.startsWith('role/')) this.roles.add(`${arn.partition}|${arn.account}|${r.slice(r.lastIndexOf('/') + 1)}`);
      } else if (arn.service === 'sts') {
        if (r.startsWith('assumed-role/')) this.sessions.add(v);
        else if (r.startsWith('federated-user/')) this.federated.add(v);
      }
    }
    for (const s of values.service) this.services.add(s);
    this.wildcard = wildcard;
  }

  /** How strongly this block names the principal. */
  match(p: RequestPrincipal): PrincipalMatch {
    if (this.wildcard) return DIRECT;
    switch (p.kind) {
      case 'service':
        return this.services.has(p.text) ? DIRECT : NONE;
      case 'user':
        if (this.users.has(p.text)) return DIRECT;
        break;
      case 'session':
        if (this.sessions.has(p.text)) return DIRECT;
        if (this.roles.has(p.roleKey!)) return ROLE;
        break;
      case 'role':
        if (this.roles.has(p.roleKey!)) return ROLE;
        break;
      case 'federated':
        if (this.federated.has(p.text)) return DIRECT;
        break;
      case 'anonymous':
        return NONE;
      default:
        break;
    }
    return p.account !== undefined && this.accounts.has(p.account) ? ACCOUNT : NONE;
  }

  /**
   * Does a `NotPrincipal` with these values exclude the request principal? Only when it names every identity the
   * request carries: "AWS might validate the account first, then the role, and then the assumed-role user", which
   * is why the docs tell you to list the account, the role and the session. The chain is account+user,
   * account+role(+session for a session ARN), account+federated user, the account for the root, the service name.
   * An anonymous principal cannot be named, so `NotPrincipal` always applies to it (except `"*"`).
   */
  excludes(p: RequestPrincipal): boolean {
    if (this.wildcard) return true;
    const account = p.account !== undefined && this.accounts.has(p.account);
    switch (p.kind) {
      case 'service':
        return this.services.has(p.text);
      case 'user':
        return account && this.users.has(p.text);
      case 'role':
        return account && this.roles.has(p.roleKey!);
      case 'session':
        return account && this.roles.has(p.roleKey!) && this.sessions.has(p.text);
      case 'federated':
        return account && this.federated.has(p.text);
      case 'root':
        return account;
      default:
        return false;
    }
  }
}
