/**
 * Action patterns (`s3:Get*`, `*`, `ec2:Describe?pcs`) expanded over the catalogue. Action names are
 * case-insensitive in IAM, so matching is done on lower-case text. Expansions are cached per pattern.
 */
import type { Action, Catalog, Service } from '../catalog/catalog.js';
import { compileWildcard, hasWildcard } from './wildcard.js';

export interface ActionPattern {
  /** as written */
  text: string;
  /** lower-case service part (may hold wildcards), or `*` for the bare `*` */
  service: string;
  /** lower-case action part (may hold wildcards) */
  name: string;
}

/**
 * `service:action` syntax check: one colon, non-empty parts; or the bare `*`. Service prefixes hold
 * `[a-z0-9*?-]`, names `[a-z0-9*?_-]` (after lower-casing). One lower-casing and one character scan: this runs for
 * every distinct action text of a policy set, so it avoids regular expressions and per-part lower-casing.
 */
export function parseActionPattern(text: string): ActionPattern | undefined {
  if (text === '*') return { text, service: '*', name: '*' };
  const lower = text.toLowerCase();
  const n = lower.length;
  let colon = -1;
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 42 /* * */ || c === 63 /* ? */ || c === 45 /* - */) continue;
    if (c === 58 /* : */ && colon < 0) colon = i;
    else if (c !== 95 /* _ */ || colon < 0) return undefined;
  }
  if (colon <= 0 || colon === n - 1) return undefined;
  return { text, service: lower.slice(0, colon), name: lower.slice(colon + 1) };
}

const expansionCache = new WeakMap<Catalog, Map<string, readonly Action[]>>();

/** The expansion that matches nothing (shared: callers treat expansions as read-only). */
const NO_ACTIONS: readonly Action[] = [];

export function servicesMatching(catalog: Catalog, servicePattern: string): readonly Service[] {
  if (servicePattern === '*') return catalog.services;
  if (!hasWildcard(servicePattern)) {
    const s = catalog.service(servicePattern);
    return s ? [s] : [];
  }
  const m = compileWildcard(servicePattern);
  return catalog.services.filter((s) => m.matches(s.prefix));
}

/** Every catalogue action the pattern matches (empty for bad syntax or an unknown service/action). */
export function expandActionPattern(catalog: Catalog, text: string): readonly Action[] {
  const p = parseActionPattern(text);
  return p ? expandParsedPattern(catalog, p) : [];
}

/** {@link expandActionPattern} for a pattern already parsed (callers that need both parse only once). */
export function expandParsedPattern(catalog: Catalog, p: ActionPattern): readonly Action[] {
  // A literal name is one lookup in the service: a cache keyed by a built string would cost more than it saves.
  if (!hasWildcard(p.service) && !hasWildcard(p.name)) {
    const a = catalog.service(p.service)?.action(p.name);
    return a ? a.alone : NO_ACTIONS;
  }
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const key = p.service === '*' && p.name === '*' ? '*' : `${p.service}:${p.name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let out: readonly Action[];
  if (key === '*') out = catalog.actions;
  else if (!hasWildcard(p.service)) {
    const s = catalog.service(p.service);
    out = s ? expandInService(s, p.name) : NO_ACTIONS;
  } else {
    const acc: Action[] = [];
    for (const s of servicesMatching(catalog, p.service)) for (const a of expandInService(s, p.name)) acc.push(a);
    out = acc;
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * The service's actions matching a lower-case name pattern. A service's actions are sorted by lower-case name,
 * so the actions a pattern's literal head (`get` of `get*`) admits are one contiguous run, found by binary search:
 * `s3:Get*` tests a few dozen names instead of every S3 action, and `Prefix*` needs no matching at all.
 */
function expandInService(s: Service, name: string): readonly Action[] {
  let wild = -1;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 42 || c === 63) {
      wild = i;
      break;
    }
  }
  if (wild < 0) {
    const a = s.action(name);
    return a ? a.alone : NO_ACTIONS;
  }
  if (name === '*') return s.actions;
  const actions = s.actions;
  const head = name.slice(0, wild);
  let lo = 0;
  let hi = actions.length;
  if (head.length > 0 && s.sortedByLowerName) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (actions[mid]!.lowerName < head) lo = mid + 1;
      else hi = mid;
    }
    hi = lo;
    while (hi < actions.length && actions[hi]!.lowerName.startsWith(head)) hi++;
    // `head*` with nothing after the star admits the whole run.
    if (wild === name.length - 1 && name.charCodeAt(wild) === 42) return actions.slice(lo, hi);
  }
  const m = compileWildcard(name);
  const acc: Action[] = [];
  for (let i = lo; i < hi; i++) {
    const a = actions[i]!;
    if (m.matches(a.lowerName)) acc.push(a);
  }
  return acc;
}
