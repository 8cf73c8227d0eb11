/**
 * Which condition keys exist, beyond what the catalogue lists: in role trust policies the keys of whatever OIDC
 * or SAML provider the account trusts. Shared by the condition rules so they agree on what a key is.
 */
import type { Catalog } from '../catalog/catalog.js';
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

/** Whether a key exists: the catalogue's keys, and in trust policies any provider's standard claims and SAML keys. */
export function isKnownKey(catalog: Catalog, key: string, policyType: PolicyType): boolean {
  if (catalog.conditionKey(key)) return true;
  if (policyType !== 'trust') return false;
  const lower = key.toLowerCase();
  if (lower.startsWith('saml:') && lower.length > 5) return true;
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  return isIssuerPrefix(key.slice(0, colon)) && OIDC_CLAIMS.has(key.slice(key.lastIndexOf(':') + 1).toLowerCase());
}
