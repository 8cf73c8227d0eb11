import type { Action, Catalog } from '../../catalog/catalog.js';
import type { ConditionClause, Statement } from '../../policy/model.js';
import { isAllow, isDeny } from '../../policy/model.js';
import { conditionKeyInfo, isProviderKey } from '../condition-keys.js';
import { hasMergedPages } from '../resource-match.js';
import type { Rule } from '../rule.js';

/**
 * A service-specific or tag condition key that none of the statement's actions supports, under an operator that
 * is false when the key is absent: the statement can never match. In an `Allow` the permission is never granted;
 * in a `Deny` the deny never applies (Access Analyzer: "Allow/Deny with unsupported tag condition key for
 * service").
 *
 * Global `aws:` keys are in every request where they apply and are not judged, except the tag keys
 * (`aws:RequestTag/…`, `aws:TagKeys`, `aws:ResourceTag/…`), which the reference lists per action and resource
 * type. Operators that hold when the key is absent are not judged: `…IfExists`, `Null`, the negated operators
 * (`StringNotEquals`…) and `ForAllValues:`. `NotAction` statements are skipped, and so are keys of identity
 * providers, keys the reference lists for none of their own service's actions, and actions of services whose
 * reference pages the catalogue merged.
 */
export default {
  meta: {
    code: 'condition-key-not-applicable',
    severity: 'warning',
    summary: "No action in the statement supports the condition key, so the statement never matches.",
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!s.action || !s.condition || (!isAllow(s) && !isDeny(s))) continue;
      // Judged per item expansion (cached across policies); the statement's union is built only for a message.
      // One pass, no closures: skipped when no item names an action or one names a merged-pages service.
      let named = false;
      let merged = false;
      for (const it of ctx.analysis.actions(s)) {
        if (it.actions.length === 0) continue;
        named = true;
        if (anyMerged(it.actions)) {
          merged = true;
          break;
        }
      }
      if (!named || merged) continue;
      const judged = new Set<string>();
      for (const clause of s.condition.clauses) {
        if (!falseWhenAbsent(clause) || judged.has(clause.keyPointer)) continue;
        judged.add(clause.keyPointer);
        if (!isPerActionKey(ctx, clause.key)) continue;
        // The statement's actions are the union of its items' expansions, which recur across policies.
        if (ctx.analysis.actions(s).some((it) => anySupports(it.actions, clause.key))) continue;
        ctx.report({ pointer: clause.keyPointer, message: message(s, clause, ctx.analysis.statementActions(s).length) });
      }
    }
  },
} satisfies Rule;

const mergedAnswers = new WeakMap<readonly Action[], boolean>();

/** Whether some action of an expansion is of a service whose reference pages were merged (by expansion). */
function anyMerged(actions: readonly Action[]): boolean {
  // One action (most items) is one set lookup, cheaper than the memo's.
  if (actions.length === 1) return hasMergedPages(actions[0]!.service);
  let r = mergedAnswers.get(actions);
  if (r === undefined) {
    r = actions.some((a) => hasMergedPages(a.service));
    mergedAnswers.set(actions, r);
  }
  return r;
}

/** Whether the condition is false for a request that does not carry the key. */
function falseWhenAbsent(clause: ConditionClause): boolean {
  const op = clause.op;
  if (!op) return false;
  if (op.ifExists || op.base.family === 'Null') return false;
  if (op.set === 'ForAllValues') return false;
  // "If the key is not present … StringNotLike or ArnNotLike … the condition is true."
  if (op.base.negated && op.set !== 'ForAnyValue') return false;
  return true;
}

const TAG_KEY = /^aws:(requesttag\/|resourcetag\/|tagkeys$)/;

/** Keys whose availability depends on the action: service keys the catalogue knows, and the global tag keys. */
/** Answers by expansion (one array per action text, shared across policies) and key. */
const supportAnswers = new WeakMap<readonly Action[], Map<string, boolean>>();

function anySupports(actions: readonly Action[], key: string): boolean {
  let byKey = supportAnswers.get(actions);
  if (!byKey) supportAnswers.set(actions, (byKey = new Map()));
  let r = byKey.get(key);
  if (r === undefined) {
    r = actions.some((a) => a.supportsConditionKey(key));
    byKey.set(key, r);
  }
  return r;
}

/** Answers by key: judging one scans every action of the key's service. */
const perActionKeys = new WeakMap<Catalog, Map<string, boolean>>();

function isPerActionKey(ctx: Parameters<Rule['check']>[0], key: string): boolean {
  let byKey = perActionKeys.get(ctx.catalog);
  if (!byKey) perActionKeys.set(ctx.catalog, (byKey = new Map()));
  let r = byKey.get(key);
  if (r === undefined) {
    r = computeIsPerActionKey(ctx, key);
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, r);
  }
  return r;
}

function computeIsPerActionKey(ctx: Parameters<Rule['check']>[0], key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:')) return TAG_KEY.test(lower) && conditionKeyInfo(ctx.catalog, key) !== undefined;
  if (isProviderKey(key)) return false;
  const info = conditionKeyInfo(ctx.catalog, key);
  if (info === undefined || info.scope !== 'service') return false;
  // A key the reference defines but lists for none of its service's actions or resource types (an incomplete
  // entry, like iottwinmaker:linkedServices) cannot be judged.
  const service = ctx.catalog.service(lower.slice(0, lower.indexOf(':')));
  return service !== undefined && service.someActionSupportsConditionKey(key);
}

function message(s: Statement, clause: ConditionClause, count: number): string {
  const what = count === 1 ? 'the statement\'s action does not support' : `none of the statement's ${count} actions supports`;
  const effect = s.effect?.value === 'Deny' ? 'the deny never applies' : 'the statement never grants anything';
  return `${what} ${clause.key}, so its requests never carry the key and ${clause.operator} is false: ${effect}`;
}
