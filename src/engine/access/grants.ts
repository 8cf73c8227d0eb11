/**
 * The allowed set of a policy set as data: per catalogue action, each `Allow` grant (one resource glob, or "all
 * except" for `NotResource`) with its conditions, less what `Deny` statements take away. A deny is subtracted where
 * that is exact (an unconditional deny containing the grant removes it; an unconditional `NotResource` deny leaves
 * exactly its globs inside the grant); any other deny that may cut into the grant is kept as an explicit exception.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { conditionsObject } from './conditions.js';
import { itemText, patternContains, patternsMayIntersect, resourceItems, setContains, setMayIntersect, type ResourceItem } from './resources.js';
import type { AccessStatement } from './statements.js';
import { unionContains } from './union.js';
import { ActionUniverse } from './universe.js';

export interface GrantException {
  resource: string;
  conditions: Record<string, Record<string, string[]>>;
  statement: string;
}

export interface Grant {
  action: string;
  resource: string;
  conditions: Record<string, Record<string, string[]>>;
  statement: string;
  /** denies that may take part of this grant away (conditional, or overlapping without containing it) */
  except?: GrantException[];
}

const applies = (d: AccessStatement, g: AccessStatement): boolean => d.principal === undefined || d.principal === g.principal;

/** Every grant of the statements, by action, after exact deny subtraction. */
export function grantsOfStatements(catalog: Catalog, statements: readonly AccessStatement[]): Grant[] {
  const universe = new ActionUniverse(
    catalog,
    statements.map((s) => s.actions),
  );
  const perAction: number[][] = Array.from({ length: universe.size }, () => []);
  statements.forEach((s, si) => {
    for (const i of universe.indices(s.actions)) perAction[i]!.push(si);
  });
  const groups = new Map<string, { ids: number[]; actions: string[] }>();
  perAction.forEach((ids, i) => {
    if (ids.length === 0) return;
    const k = ids.join(',');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ids, actions: [] }));
    g.actions.push(universe.names[i]!);
  });
  const out: Grant[] = [];
  for (const group of groups.values()) {
    const ss = group.ids.map((i) => statements[i]!);
    const allows = ss.filter((s) => s.effect === 'Allow');
    const denies = ss.filter((s) => s.effect === 'Deny');
    for (const g of allows) {
      const queue: { item: ResourceItem; used: Set<AccessStatement> }[] = resourceItems(g.resources, g.variables).map((item) => ({ item, used: new Set() }));
      while (queue.length > 0) {
        const { item, used } = queue.pop()!;
        if (item.not && unionContains(item.patterns.filter((p) => !p.includes('${')), '*')) continue;
        if (denies.some((d) => d.conditions.length === 0 && applies(d, g) && setContains(d.resources, d.variables, item))) continue;
        const carve = item.not
          ? undefined
          : denies.find(
              (d) =>
                !used.has(d) &&
                d.conditions.length === 0 &&
                d.resources.not &&
                applies(d, g) &&
                d.resources.patterns.every(
                  (q) => patternContains(item.patterns[0]!, q, item.variables, d.variables) || !patternsMayIntersect(item.patterns[0]!, q, item.variables, d.variables),
                ),
            );
        if (carve) {
          const next = new Set(used).add(carve);
          for (const q of carve.resources.patterns) {
            if (patternContains(item.patterns[0]!, q, item.variables, carve.variables)) queue.push({ item: { not: false, patterns: [q], variables: carve.variables }, used: next });
          }
          continue;
        }
        const except: GrantException[] = denies
          .filter((d) => !used.has(d) && setMayIntersect(d.resources, d.variables, item))
          .flatMap((d) => resourceItems(d.resources, d.variables).map((it) => ({ resource: itemText(it), conditions: conditionsObject(d.conditions), statement: d.source })));
        const conditions = conditionsObject(g.conditions);
        const resource = itemText(item);
        for (const action of group.actions) {
          const grant: Grant = { action, resource, conditions, statement: g.source };
          if (except.length > 0) grant.except = except;
          out.push(grant);
        }
      }
    }
  }
  out.sort((a, b) => (a.action.toLowerCase() < b.action.toLowerCase() ? -1 : a.action.toLowerCase() > b.action.toLowerCase() ? 1 : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  return out;
}
