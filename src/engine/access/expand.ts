/** `expandActions`: action patterns (or a `NotAction` list) → the catalogue actions they cover, by name. */
import type { Catalog } from '../../catalog/catalog.js';
import { getCatalog } from '../../catalog/load.js';
import { expandActionPattern } from '../actions.js';

export function expandActions(
  patterns: string | readonly string[],
  options: { not?: boolean; catalog?: Catalog } = {},
): string[] {
  const catalog = options.catalog ?? getCatalog();
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  const ids = new Set<number>();
  for (const p of list) for (const a of expandActionPattern(catalog, p)) ids.add(a.id);
  if (!options.not) return [...ids].sort((a, b) => a - b).map((id) => catalog.actionById(id)!.fullName);
  return catalog.actions.filter((a) => !ids.has(a.id)).map((a) => a.fullName);
}
