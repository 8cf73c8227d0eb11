/**
 * The allowed set of a policy set as data: per catalogue action, each `Allow` grant (one resource glob, or "all
 * except" for `NotResource`) with its conditions, less what `Deny` statements take away. A deny is subtracted where
 * that is exact (an unconditional deny containing the grant removes it; an unconditional `NotResource` deny leaves
 * exactly its globs inside the grant); any other deny that may cut into the grant is kept as an explicit exception.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { conditionsObject } from './conditions.js';
import { itemText, resourceItems, setMayIntersect } from './resources.js';
import type { AccessStatement } from './statements.js';
import { groupActionsByStatements } from './universe.js';
import { remainingItems } from './remaining.js';

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
  const out: Grant[] = [];
  for (const group of groupActionsByStatements(catalog, statements)) {
    const ss = group.statements.map((i) => statements[i]!);
    const allows = ss.filter((s) => s.effect === 'Allow');
    const denies = ss.filter((s) => s.effect === 'Deny');
    for (const g of allows) {
      for (const { item, used } of remainingItems(g, denies, applies)) {
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
