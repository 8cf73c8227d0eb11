import type { Catalog } from '../../catalog/catalog.js';
import { CatalogMemo } from '../../catalog/memo.js';
import { editDistance } from '../../catalog/suggest.js';
import { isIssuerPrefix, isKnownKey, OIDC_CLAIMS } from '../condition-keys.js';
import type { Rule } from '../rule.js';

/**
 * A condition key that no service, global key list or identity provider defines (Access Analyzer: "Invalid
 * global condition key", "Invalid service condition key", "Invalid condition key format"). IAM accepts the policy
 * in most cases, but the key is never in the request context, so the condition never matches as intended. Key
 * names are case-insensitive; templated keys (`aws:ResourceTag/team`) are known through their template.
 *
 * In role trust policies the claims of any OIDC provider (`<issuer>:aud`, `:sub`, `:amr`…) and every `saml:` key
 * are known: the issuer is whatever provider the account trusts, which the catalogue cannot list.
 */
export default {
  meta: {
    code: 'unknown-condition-key',
    severity: 'error',
    summary: 'A condition key does not exist; the condition never matches as intended.',
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const s of ctx.document.statements) {
      // Most statements have no condition: skipped without a fresh empty list each.
      if (!s.condition) continue;
      for (const clause of s.condition.clauses) {
        if (seen.has(clause.keyPointer)) continue;
        seen.add(clause.keyPointer);
        const key = clause.key;
        if (isKnownKey(ctx.catalog, key, ctx.policyType)) continue;
        const colon = key.indexOf(':');
        if (colon <= 0 || colon === key.length - 1) {
          ctx.report({ pointer: clause.keyPointer, message: `"${key}" is not a condition key: keys are written prefix:name (aws:SourceIp, s3:prefix)` });
          continue;
        }
        const prefix = key.slice(0, colon);
        const fix = suggestion(ctx.catalog, key);
        const hint = fix ? `; did you mean "${fix}"?` : '';
        const service = ctx.catalog.service(prefix);
        let message: string;
        if (prefix.toLowerCase() === 'aws') message = `no global condition key "${key}"`;
        else if (service) message = `${service.name} has no condition key "${key}"`;
        else if (isIssuerPrefix(prefix) && ctx.policyType === 'trust') {
          message = `"${key}": for an OIDC provider IAM knows the claims ${[...OIDC_CLAIMS].join(', ')} (and the ones the reference lists for its provider)`;
        } else if (isIssuerPrefix(prefix)) {
          message = `"${key}" is an identity-provider key, which is available in role trust policies, not in a ${ctx.policyType} policy`;
        } else message = `no service has the prefix "${prefix}", so there is no condition key "${key}"`;
        ctx.report({ pointer: clause.keyPointer, message: `${message}${hint}`, ...(fix ? { fix } : {}) });
      }
    }
  },
} satisfies Rule;

/** Suggestions by key as written: a misspelt key recurs across statements and policies, and the search is costly. */
const suggestions = new CatalogMemo<string | undefined>();

function suggestion(catalog: Catalog, key: string): string | undefined {
  return suggestions.get(catalog, key, () => suggestKey(catalog, key));
}

/**
 * The known key the author most likely meant: within a small edit distance, one candidate only. Service keys
 * are compared with the keys the service's actions and resource types use; `aws:` keys by trying every single
 * edit (the global keys are looked up, not listed). A template (`aws:ResourceTag/${TagKey}`) keeps the
 * author's tag name.
 */
function suggestKey(catalog: Catalog, key: string): string | undefined {
  const colon = key.indexOf(':');
  const prefix = key.slice(0, colon).toLowerCase();
  const slash = key.indexOf('/');
  const head = slash < 0 ? key : key.slice(0, slash + 1);
  const tail = slash < 0 ? '' : key.slice(slash + 1);
  if (prefix === 'aws') {
    const found = new Set<string>();
    const lowerHead = head.toLowerCase();
    // Edits after `aws:` keep the prefix, so they can name only a global key: they are tried only when one is
    // near (most misspelt keys are near none, and trying every edit is thousands of lookups). Non-ASCII text keeps
    // every edit: its lower case is not the same letter by letter.
    const afterPrefix = !/^[ -~]*$/.test(key) || catalog.isNearGlobalConditionKey(`${lowerHead}${tail.toLowerCase()}`);
    for (const h of singleEdits(lowerHead, afterPrefix ? lowerHead.length : 3)) {
      const info = catalog.conditionKey(`${h}${tail}`);
      if (info) found.add(canonical(info.key, tail));
    }
    return found.size === 1 ? [...found][0] : undefined;
  }
  const service = catalog.service(prefix);
  if (!service) return undefined;
  const candidates = new Set<string>();
  for (const a of service.actions) {
    for (const k of a.conditionKeys) candidates.add(k);
    for (const r of a.resources) for (const k of r.conditionKeys) candidates.add(k);
  }
  for (const t of service.resourceTypes) for (const k of t.conditionKeys) candidates.add(k);
  const budget = Math.max(2, Math.floor(key.length / 8));
  let best: string[] = [];
  let bestDistance = budget + 1;
  for (const c of candidates) {
    if (!c.toLowerCase().startsWith(`${prefix}:`)) continue;
    const template = c.indexOf('${');
    const d =
      template >= 0
        ? tail === ''
          ? budget + 1
          : editDistance(head.toLowerCase(), c.slice(0, template).toLowerCase(), budget)
        : editDistance(key.toLowerCase(), c.toLowerCase(), budget);
    if (d > budget) continue;
    if (d < bestDistance) {
      best = [canonical(c, tail)];
      bestDistance = d;
    } else if (d === bestDistance && !best.includes(canonical(c, tail))) best.push(canonical(c, tail));
  }
  return best.length === 1 ? best[0] : undefined;
}

/** `aws:ResourceTag/${TagKey}` with the author's tag name → `aws:ResourceTag/team`. */
function canonical(known: string, tail: string): string {
  const t = known.indexOf('${');
  return t >= 0 ? `${known.slice(0, t)}${tail}` : known;
}

/**
 * Every text one deletion, transposition, substitution or insertion away (over the characters keys use), at
 * positions up to `last`.
 */
function singleEdits(text: string, last: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-_/';
  const out: string[] = [];
  const end = Math.min(last, text.length);
  for (let i = 0; i <= end; i++) {
    const a = text.slice(0, i);
    const b = text.slice(i);
    if (b.length > 0) out.push(a + b.slice(1));
    if (b.length > 1) out.push(a + b[1] + b[0] + b.slice(2));
    for (const c of alphabet) {
      if (b.length > 0) out.push(a + c + b.slice(1));
      out.push(a + c + b);
    }
  }
  return out;
}
