/**
 * Which condition keys exist, beyond what the catalogue lists: in role trust policies the keys of whatever OIDC
 * or SAML provider the account trusts. Shared by the condition rules so they agree on what a key is.
 */
import type { Catalog, ConditionKeyInfo } from '../catalog/catalog.js';
import type { PolicyType } from '../policy/model.js';

/** Claims IAM puts in the request context for any OIDC provider (IAM User Guide, web identity federation keys). */
export const OIDC_CLAIMS: ReadonlySet<string> = new Set(['aud', 'sub', 'amr', 'azp', 'oaud', 'email', 'id', 'app_id', 'user_id']);

/** `token.actions.githubusercontent.com`, `oidc.eks.us-east-1.amazonaws.com/id/ABC`: a host name, maybe a path. */
export function isIssuerPrefix(prefix: string): boolean {
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(\/\S*)?$/.test(prefix);
}

/** An identity-provider key: an OIDC issuer's claim or a `saml:` key. */
export function isProviderKey(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  return key.slice(0, colon).toLowerCase() === 'saml' || isIssuerPrefix(key.slice(0, colon));
}

const keyInfos = new WeakMap<Catalog, Map<string, ConditionKeyInfo | null>>();

/**
 * `catalog.conditionKey`, remembered by key as written: several rules ask about every condition key of every
 * policy, and a corpus uses a few hundred keys thousands of times.
 */
export function conditionKeyInfo(catalog: Catalog, key: string): ConditionKeyInfo | undefined {
  let byKey = keyInfos.get(catalog);
  if (!byKey) keyInfos.set(catalog, (byKey = new Map()));
  let info = byKey.get(key);
  if (info === undefined) {
    info = catalog.conditionKey(key) ?? null;
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, info);
  }
  return info ?? undefined;
}

/** Whether a key exists: the catalogue's keys, and in trust policies any provider's standard claims and SAML keys. */
export function isKnownKey(catalog: Catalog, key: string, policyType: PolicyType): boolean {
  if (conditionKeyInfo(catalog, key)) return true;
  if (policyType !== 'trust') return false;
  const lower = key.toLowerCase();
  if (lower.startsWith('saml:') && lower.length > 5) return true;
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  return isIssuerPrefix(key.slice(0, colon)) && OIDC_CLAIMS.has(key.slice(key.lastIndexOf(':') + 1).toLowerCase());
}
