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

/** `service:action` syntax check: one colon, non-empty parts; or the bare `*`. */
export function parseActionPattern(text: string): ActionPattern | undefined {
  if (text === '*') return { text, service: '*', name: '*' };
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || text.indexOf(':', colon + 1) >= 0) return undefined;
  const service = text.slice(0, colon).toLowerCase();
  const name = text.slice(colon + 1).toLowerCase();
  if (!/^[a-z0-9*?-]+$/.test(service) || !/^[a-z0-9*?_-]+$/.test(name)) return undefined;
  return { text, service, name };
}

const expansionCache = new WeakMap<Catalog, Map<string, readonly Action[]>>();

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
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const key = text.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const p = parseActionPattern(text);
  let out: readonly Action[] = [];
  if (p) {
    if (p.service === '*' && p.name === '*') out = catalog.actions;
    else {
      const services = servicesMatching(catalog, p.service);
      if (!hasWildcard(p.name)) {
        const acc: Action[] = [];
        for (const s of services) {
          const a = s.action(p.name);
          if (a) acc.push(a);
        }
        out = acc;
      } else if (p.name === '*') {
        out = services.length === 1 ? services[0]!.actions : services.flatMap((s) => s.actions);
      } else {
        const m = compileWildcard(p.name);
        const acc: Action[] = [];
        for (const s of services) for (const a of s.actions) if (m.matches(a.lowerName)) acc.push(a);
        out = acc;
      }
    }
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(key, out);
  return out;
}
