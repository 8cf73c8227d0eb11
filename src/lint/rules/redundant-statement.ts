import type { Statement, Str, StrList } from '../../policy/model.js';
import { toValue, type JsonNode } from '../../policy/tree.js';
import { PatternIndex } from '../covering.js';
import { STATEMENT_KEYS } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A statement wholly contained in another statement of the same effect: every action, resource and principal it
 * applies to, the other applies to as well, under the same conditions or none. Conservative: actions and
 * resources by exact glob containment (`NotAction`/`NotResource` by the reverse containment), principals only
 * when written identically, conditions only when identical or when the containing statement has none. Statements
 * with unresolved template values or unknown elements are not compared.
 */
export default {
  meta: {
    code: 'redundant-statement',
    severity: 'suggestion',
    summary: 'A statement is wholly contained in another statement with the same effect.',
  },
  check(ctx) {
    if (ctx.document.statements.length < 2) return;
    const shapes = ctx.document.statements.map(shape).filter((x): x is Shape => x !== undefined);
    const withNotAction = shapes.filter((sh) => sh.notAction);
    // Candidates for containing a statement with Action: the statements owning a pattern that covers its first
    // action (found through one index over every statement's actions), instead of every other statement.
    const coverersOf = ownersOfCoverers(shapes);
    // Thousands of statements that share an action make this quadratic; a suggestion is not worth minutes, so the
    // comparisons per policy are bounded (IAM's largest policy, 10,240 characters, holds a few hundred statements).
    let budget = MAX_COMPARISONS;
    for (const inner of shapes) {
      const first = inner.action?.items[0];
      const candidates = inner.notAction ? withNotAction : first === undefined ? [] : coverersOf(first);
      for (const outer of candidates) {
        if (outer === inner) continue;
        if (--budget < 0) return;
        if (!contains(outer, inner)) continue;
        // Identical statements contain each other: the later one is the redundant one.
        if (outer.s.index > inner.s.index && contains(inner, outer)) continue;
        ctx.report({
          pointer: inner.s.pointer,
          message: `this ${inner.effect} statement adds nothing: ${outer.s.pointer} already ${inner.effect === 'Allow' ? 'allows' : 'denies'} everything it does${outer.s.condition?.node === undefined ? '' : ' under the same conditions'}`,
        });
        break;
      }
    }
  },
} satisfies Rule;

const MAX_COMPARISONS = 200_000;

/** The statements (in order) that own a pattern covering `action`. */
function ownersOfCoverers(shapes: readonly Shape[]): (action: string) => Shape[] {
  const owners = new Map<string, Shape[]>();
  for (const sh of shapes) {
    for (const a of sh.action?.items ?? []) {
      const list = owners.get(a);
      if (list) {
        if (list[list.length - 1] !== sh) list.push(sh);
      } else owners.set(a, [sh]);
    }
  }
  const actionIndex = new PatternIndex(owners.keys());
  return (action) => [...new Set(actionIndex.coverers(action).flatMap((p) => owners.get(p) ?? []))].sort((x, y) => x.s.index - y.s.index);
}

interface Shape {
  s: Statement;
  effect: string;
  action?: PatternSet;
  notAction?: PatternSet;
  resource?: PatternSet;
  notResource?: PatternSet;
  principal: string | undefined;
}

/** A list's patterns; the containment index is built only when a comparison gets that far. */
class PatternSet {
  readonly set: ReadonlySet<string>;
  private built: PatternIndex | undefined;

  constructor(readonly items: readonly string[]) {
    this.set = new Set(items);
  }

  get index(): PatternIndex {
    // Only wildcard patterns can cover another pattern; exact repeats are found through `set`.
    return (this.built ??= new PatternIndex(this.items.filter((i) => !i.includes('${') && (i.includes('*') || i.includes('?')))));
  }
}

/** Canonical JSON of each statement's `Condition`, computed when two statements' conditions are compared. */
const conditions = new WeakMap<Statement, string | undefined>();

function conditionOf(s: Statement): string | undefined {
  if (!s.condition) return undefined;
  if (!conditions.has(s)) conditions.set(s, canonical(s.condition.node));
  return conditions.get(s);
}

function patterns(list: StrList | undefined, caseInsensitive: boolean): PatternSet | undefined | false {
  if (!list) return undefined;
  if (list.items.length !== (list.node.kind === 'array' ? list.node.items.length : 1)) return false;
  if (list.items.some((i: Str) => i.unresolved || i.node.kind !== 'string')) return false;
  const items = list.items.map((i) => (caseInsensitive ? i.value.toLowerCase() : i.value));
  return new PatternSet(items);
}

/** Canonical JSON (sorted keys) of an element, for "written identically". */
function canonical(node: JsonNode | undefined): string | undefined {
  if (!node) return undefined;
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.keys(v)
        .sort()
        .map((k) => [k, sort((v as Record<string, unknown>)[k])]);
    }
    return v;
  };
  return JSON.stringify(sort(toValue(node)));
}

function shape(s: Statement): Shape | undefined {
  const effect = s.effect?.value;
  if ((effect !== 'Allow' && effect !== 'Deny') || s.effect?.unresolved) return undefined;
  // A statement with a misspelled element does not say what its author meant; leave it to unknown-element.
  if (s.node.props.some((p) => !STATEMENT_KEYS.includes(p.key))) return undefined;
  const action = patterns(s.action, true);
  const notAction = patterns(s.notAction, true);
  const resource = patterns(s.resource, false);
  const notResource = patterns(s.notResource, false);
  if (action === false || notAction === false || resource === false || notResource === false) return undefined;
  if (!action === !notAction || (resource && notResource)) return undefined;
  const principal = canonical(s.principal?.node);
  const notPrincipal = canonical(s.notPrincipal?.node);
  if (principal && notPrincipal) return undefined;
  return {
    s,
    effect,
    ...(action ? { action } : {}),
    ...(notAction ? { notAction } : {}),
    ...(resource ? { resource } : {}),
    ...(notResource ? { notResource } : {}),
    principal: principal !== undefined ? `P${principal}` : notPrincipal !== undefined ? `N${notPrincipal}` : undefined,
  };
}

/** Every pattern of `inner` is one of `outer`'s or covered by one of them. */
function covers(outer: PatternSet, inner: PatternSet): boolean {
  return inner.items.every((i) => outer.set.has(i) || (!i.includes('${') && outer.index.coveredBy(i) !== undefined));
}

function contains(outer: Shape, inner: Shape): boolean {
  if (outer.effect !== inner.effect) return false;
  if (outer.principal !== inner.principal) return false;
  if (outer.s.condition && conditionOf(outer.s) !== conditionOf(inner.s)) return false;
  if (outer.action && inner.action) {
    if (!covers(outer.action, inner.action)) return false;
  } else if (outer.notAction && inner.notAction) {
    // The inner excludes at least what the outer excludes.
    if (!covers(inner.notAction, outer.notAction)) return false;
  } else return false;
  if (outer.resource && inner.resource) return covers(outer.resource, inner.resource);
  if (outer.notResource && inner.notResource) return covers(inner.notResource, outer.notResource);
  return !outer.resource && !outer.notResource && !inner.resource && !inner.notResource;
}
