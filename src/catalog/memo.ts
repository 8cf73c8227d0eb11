/**
 * A bounded memo of answers that depend on the catalogue, one map per catalogue (so a test's small catalogue
 * never sees the real one's answers). For questions whose first answer is costly and recurs across statements and
 * policies, such as the nearest name to a misspelt one. Hot per-item lookups keep their own inline maps, where one
 * call per item would cost more than the memo saves.
 */
import type { Catalog } from './catalog.js';

export class CatalogMemo<V> {
  private readonly byCatalog = new WeakMap<Catalog, Map<string, V>>();

  /** `limit`: entries kept per catalogue before the map starts over, so hostile input cannot grow it unbounded. */
  constructor(private readonly limit = 10_000) {}

  get(catalog: Catalog, key: string, compute: () => V): V {
    let answers = this.byCatalog.get(catalog);
    if (!answers) this.byCatalog.set(catalog, (answers = new Map()));
    if (answers.has(key)) return answers.get(key) as V;
    const value = compute();
    if (answers.size >= this.limit) answers.clear();
    answers.set(key, value);
    return value;
  }
}
