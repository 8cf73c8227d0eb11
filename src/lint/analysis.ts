/**
 * Facts about one policy that several rules need (expanded action patterns, resource patterns), computed once
 * per policy on first use.
 */
import type { Action, Catalog, Service } from '../catalog/catalog.js';
import { expandParsedPattern, parseActionPattern, type ActionPattern } from '../engine/actions.js';
import { hasWildcard } from '../engine/wildcard.js';
import type { PolicyDocument, Statement, Str } from '../policy/model.js';

export interface ActionItem {
  item: Str;
  /** undefined when the text is not `service:action` syntax */
  pattern: ActionPattern | undefined;
  /** the named service when the service part has no wildcard and exists */
  service: Service | undefined;
  /** catalogue actions it matches */
  actions: readonly Action[];
}

type ItemFacts = Omit<ActionItem, 'item'>;

const NONE: readonly Action[] = [];

/** What an action text means, by text: policies of a corpus repeat the same actions over and over. */
const factsByText = new WeakMap<Catalog, Map<string, ItemFacts>>();

function factsMap(catalog: Catalog): Map<string, ItemFacts> {
  let byText = factsByText.get(catalog);
  if (!byText) factsByText.set(catalog, (byText = new Map()));
  return byText;
}

/** The facts of a text not seen before (callers look the text up first: the hit path is theirs, in line). */
function newFacts(catalog: Catalog, byText: Map<string, ItemFacts>, text: string): ItemFacts {
  let facts: ItemFacts;
  const pattern = parseActionPattern(text);
  if (!pattern) facts = { pattern, service: undefined, actions: NONE };
  else if (hasWildcard(pattern.service)) facts = { pattern, service: undefined, actions: expandParsedPattern(catalog, pattern) };
  else {
    const service = catalog.service(pattern.service);
    // A literal name (most texts) is the one lookup in the service already found, not a second walk through
    // expandParsedPattern's wildcard tests and service lookup.
    const actions = !service
      ? NONE
      : hasWildcard(pattern.name)
        ? expandParsedPattern(catalog, pattern)
        : (service.action(pattern.name)?.alone ?? NONE);
    facts = { pattern, service, actions };
  }
  if (byText.size >= 100_000) byText.clear();
  // The key is a copy (a slice of a fresh string one character longer): the parser's text is a slice of the whole
  // file, which the memo would keep alive.
  byText.set((' ' + text).slice(1), facts);
  return facts;
}

/** A statement's items, made together on the first question about the statement (one map entry, not three). */
interface StatementItems {
  action: ActionItem[];
  notAction: ActionItem[];
  both: readonly ActionItem[];
}

/** The items of an absent `Action`/`NotAction` (shared: callers treat item lists as read-only). */
const NO_ITEMS: ActionItem[] = [];

export class PolicyAnalysis {
  private readonly byStatement = new Map<Statement, StatementItems>();
  private readonly effective = new Map<Statement, readonly Action[]>();
  /** the catalogue's facts by text, looked up once per policy rather than once per item */
  private readonly facts: Map<string, ItemFacts>;

  constructor(
    readonly document: PolicyDocument,
    readonly catalog: Catalog,
  ) {
    this.facts = factsMap(catalog);
  }

  private itemsOf(s: Statement): StatementItems {
    let out = this.byStatement.get(s);
    if (!out) {
      const action = s.action ? this.items(s.action.items) : NO_ITEMS;
      const notAction = s.notAction ? this.items(s.notAction.items) : NO_ITEMS;
      const both = notAction.length === 0 ? action : action.length === 0 ? notAction : [...action, ...notAction];
      out = { action, notAction, both };
      this.byStatement.set(s, out);
    }
    return out;
  }

  private items(items: readonly Str[]): ActionItem[] {
    const facts = this.facts;
    const out: ActionItem[] = [];
    for (const item of items) {
      if (item.unresolved) out.push({ item, pattern: undefined, service: undefined, actions: NONE });
      else {
        // The memo hit in line (no call per item); named fields, not a spread: a spread into a literal takes
        // V8's slow generic copy, per item.
        const f = facts.get(item.value) ?? newFacts(this.catalog, facts, item.value);
        out.push({ item, pattern: f.pattern, service: f.service, actions: f.actions });
      }
    }
    return out;
  }

  /** The statement's `Action` items, each with what it expands to. */
  actions(s: Statement): ActionItem[] {
    return this.itemsOf(s).action;
  }

  notActions(s: Statement): ActionItem[] {
    return this.itemsOf(s).notAction;
  }

  /** `Action` then `NotAction` items (several rules walk both); one array per statement. */
  allItems(s: Statement): readonly ActionItem[] {
    return this.itemsOf(s).both;
  }

  /**
   * Every catalogue action the statement applies to: the union of its `Action` patterns, or, for `NotAction`,
   * every action none of them matches.
   */
  statementActions(s: Statement): readonly Action[] {
    let out = this.effective.get(s);
    if (!out) {
      if (s.action) {
        const seen = new Set<Action>();
        const acc: Action[] = [];
        for (const it of this.actions(s)) {
          for (const a of it.actions) {
            if (!seen.has(a)) {
              seen.add(a);
              acc.push(a);
            }
          }
        }
        out = acc;
      } else if (s.notAction) {
        const excluded = new Uint8Array(this.catalog.actionCount);
        for (const it of this.notActions(s)) for (const a of it.actions) excluded[a.id] = 1;
        // Ids are positions in `catalog.actions`: a plain loop, not a closure call per catalogue action.
        const all = this.catalog.actions;
        const kept: Action[] = [];
        for (let id = 0; id < all.length; id++) if (!excluded[id]) kept.push(all[id]!);
        out = kept;
      } else out = [];
      this.effective.set(s, out);
    }
    return out;
  }
}
