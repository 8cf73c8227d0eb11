/**
 * What an Allow statement grants once the unconditional Denies beside it are applied, as resource items: an item a
 * Deny covers whole is gone; a Deny with `NotResource: Q` leaves of a glob only the globs of Q inside it (exact when
 * each glob of Q is inside the grant's glob or apart from it); a `NotResource` excluding every ARN grants nothing.
 * Conditional Denies are left to the caller (kept as exceptions, or judged conservatively).
 */
import { patternContains, patternsMayIntersect, resourceItems, setContains, type ResourceItem } from './resources.js';
import type { AccessStatement } from './statements.js';
import { unionContains } from './union.js';

export interface RemainingItem {
  item: ResourceItem;
  /** the `NotResource` Denies already applied to reach this item */
  used: ReadonlySet<AccessStatement>;
}

/** `applies(d, g)`: whether Deny `d` certainly applies to the principals of Allow `g`. */
export function* remainingItems(
  g: AccessStatement,
  denies: readonly AccessStatement[],
  applies: (d: AccessStatement, g: AccessStatement) => boolean,
): Generator<RemainingItem> {
  const queue: RemainingItem[] = resourceItems(g.resources, g.variables).map((item) => ({ item, used: new Set() }));
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
    yield { item, used };
  }
}
