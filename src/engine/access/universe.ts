/**
 * The actions a comparison ranges over: the whole catalogue, plus any literal action a policy names that the
 * catalogue does not know (a new or private action is still granted by the text). Each statement's action element
 * becomes the list of universe indices it covers; `NotAction` is the complement. Only the services some pattern
 * can reach are loaded (`NotAction` or a wildcard service reaches them all).
 */
import type { Action, Catalog } from '../../catalog/catalog.js';
import { expandActionPattern, parseActionPattern } from '../actions.js';
import { compileWildcard, hasWildcard } from '../wildcard.js';
import type { PatternSet } from './statements.js';

export class ActionUniverse {
  /** display names (`s3:GetObject`); catalogue actions first, by id */
  readonly names: string[];
  private readonly lower: string[];
  private readonly catalogCount: number;
  /** catalogue action id → universe index */
  private readonly index = new Map<number, number>();

  constructor(
    readonly catalog: Catalog,
    patternSets: readonly PatternSet[],
  ) {
    const actions = relevantActions(catalog, patternSets);
    actions.forEach((a, i) => this.index.set(a.id, i));
    this.names = actions.map((a) => a.fullName);
    this.lower = actions.map((a) => a.fullName.toLowerCase());
    this.catalogCount = this.names.length;
    const extra = new Map<string, string>();
    for (const set of patternSets) {
      for (const p of set.patterns) {
        if (hasWildcard(p) || !parseActionPattern(p)) continue;
        if (expandActionPattern(catalog, p).length === 0 && !extra.has(p.toLowerCase())) extra.set(p.toLowerCase(), p);
      }
    }
    for (const [l, n] of extra) {
      this.names.push(n);
      this.lower.push(l);
    }
  }

  get size(): number {
    return this.names.length;
  }

  lowerName(i: number): string {
    return this.lower[i]!;
  }

  /** Indices the set covers, ascending. */
  indices(set: PatternSet): number[] {
    const hit = new Uint8Array(this.size);
    for (const p of set.patterns) {
      for (const a of expandActionPattern(this.catalog, p)) {
        const i = this.index.get(a.id);
        if (i !== undefined) hit[i] = 1;
      }
      if (this.size > this.catalogCount) {
        const m = compileWildcard(p.toLowerCase());
        for (let i = this.catalogCount; i < this.size; i++) if (m.matches(this.lower[i]!)) hit[i] = 1;
      }
    }
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) if (hit[i] !== (set.not ? 1 : 0)) out.push(i);
    return out;
  }
}

function relevantActions(catalog: Catalog, sets: readonly PatternSet[]): readonly Action[] {
  const prefixes = new Set<string>();
  for (const set of sets) {
    if (set.not) return catalog.actions;
    for (const p of set.patterns) {
      const parsed = parseActionPattern(p);
      if (!parsed) continue;
      if (hasWildcard(parsed.service)) return catalog.actions;
      prefixes.add(parsed.service);
    }
  }
  const out: Action[] = [];
  for (const s of catalog.services) if (prefixes.has(s.prefix)) out.push(...s.actions);
  return out;
}

/** Actions that the same statements apply to: judged together, once. */
export interface ActionGroup {
  /** indices into the statement list, ascending */
  statements: number[];
  actions: string[];
}

/** The catalogue actions the statements name, grouped by exactly which statements apply to each. */
export function groupActionsByStatements(catalog: Catalog, statements: readonly { actions: PatternSet }[]): ActionGroup[] {
  const universe = new ActionUniverse(
    catalog,
    statements.map((s) => s.actions),
  );
  const perAction: number[][] = Array.from({ length: universe.size }, () => []);
  statements.forEach((s, si) => {
    for (const i of universe.indices(s.actions)) perAction[i]!.push(si);
  });
  const groups = new Map<string, ActionGroup>();
  perAction.forEach((ss, i) => {
    if (ss.length === 0) return;
    const k = ss.join(',');
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { statements: ss, actions: [] }));
    g.actions.push(universe.names[i]!);
  });
  return [...groups.values()];
}
