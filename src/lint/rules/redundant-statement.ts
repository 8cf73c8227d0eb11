import type { Statement, StrList } from '../../policy/model.js';
import type { JsonNode } from '../../policy/tree.js';
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
    const statements = ctx.document.statements;
    if (statements.length < 2) return;
    const shapes: Shape[] = [];
    for (const s of statements) {
      const sh = shape(s);
      if (sh) shapes.push(sh);
    }
    if (shapes.length < 2) return;
    findCandidates(shapes);
    // Thousands of statements that share an action make this quadratic; a suggestion is not worth minutes, so the
    // comparisons per policy are bounded (IAM's largest policy, 10,240 characters, holds a few hundred statements).
    let budget = MAX_COMPARISONS;
    for (const inner of shapes) {
      for (const outer of inner.candidates) {
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
const NO_SHAPES: readonly Shape[] = [];

/**
 * Sets each shape's `candidates`: for a statement with `NotAction`, every statement with `NotAction`; for one with
 * `Action`, the statements (in order) owning a pattern equal to its first action or a wildcard covering it. Only
 * the statements' first actions and wildcard patterns are indexed, not every action: most statements are
 * candidates for nothing, and their lists are never turned into sets.
 */
function findCandidates(shapes: readonly Shape[]): void {
  // In small functions: each is optimised on its own and soon, where one large function took TurboFan ~50 ms
  // (twice, after a deopt) while the CLI run went on in slower tiers.
  const withNotAction: Shape[] = [];
  const byFirst = new Map<string, Shape[]>();
  // Lengths of the (lower-cased) first actions: an action of another length cannot equal one, so most actions are
  // passed over without being lower-cased. Lower-casing keeps a string's length except for U+0130 (capital I with
  // dot, which becomes two code units).
  const firstLengths: boolean[] = [];
  for (const sh of shapes) {
    if (sh.notAction) withNotAction.push(sh);
    else addFirst(sh, byFirst, firstLengths);
  }
  const wildcardOwners = new Map<string, Shape[]>();
  let wildcards: PatternIndex | undefined;
  for (const sh of shapes) {
    if (sh.notAction) sh.candidates = withNotAction;
    else wildcards = addOwner(sh, byFirst, firstLengths, wildcardOwners, wildcards);
  }
  if (wildcards) addWildcardOwners(byFirst, wildcards, wildcardOwners);
}

function addFirst(sh: Shape, byFirst: Map<string, Shape[]>, firstLengths: boolean[]): void {
  const first = sh.s.action!.items[0];
  if (first === undefined) return;
  const key = first.value.toLowerCase();
  firstLengths[key.length] = true;
  const list = byFirst.get(key);
  if (list) list.push(sh);
  else byFirst.set(key, [sh]);
}

/**
 * Makes `sh` a candidate of the statements whose first action it lists, and records its wildcard patterns (in
 * `wildcards`, made on the first one: the index is returned).
 */
function addOwner(
  sh: Shape,
  byFirst: Map<string, Shape[]>,
  firstLengths: boolean[],
  wildcardOwners: Map<string, Shape[]>,
  wildcards: PatternIndex | undefined,
): PatternIndex | undefined {
  const items = sh.s.action!.items;
  for (let i = 0; i < items.length; i++) {
    const raw = items[i]!.value;
    const wildcard = raw.includes('*') || raw.includes('?');
    const sameLength = firstLengths[raw.length] === true || raw.includes('\u0130');
    if (!wildcard && !sameLength) continue;
    const a = raw.toLowerCase();
    const inners = sameLength ? byFirst.get(a) : undefined;
    if (inners !== undefined) addCandidate(inners, sh);
    if (wildcard) {
      const owners = wildcardOwners.get(a);
      if (owners) {
        if (owners[owners.length - 1] !== sh) owners.push(sh);
      } else {
        wildcardOwners.set(a, [sh]);
        (wildcards ??= new PatternIndex([])).add(a);
      }
    }
  }
  return wildcards;
}

function addCandidate(inners: readonly Shape[], sh: Shape): void {
  for (const inner of inners) {
    const c = inner.candidates === NO_SHAPES ? (inner.candidates = []) : (inner.candidates as Shape[]);
    if (c[c.length - 1] !== sh) c.push(sh);
  }
}

/** Adds to each statement's candidates the owners of the wildcard patterns that cover its first action. */
function addWildcardOwners(byFirst: Map<string, Shape[]>, wildcards: PatternIndex, wildcardOwners: Map<string, Shape[]>): void {
  for (const [first, list] of byFirst) {
    let more: Shape[] | undefined;
    // Owners of the first action itself were found above (coverers leaves the pattern itself out).
    for (const w of wildcards.coverers(first)) {
      (more ??= []).push(...wildcardOwners.get(w)!);
    }
    if (!more) continue;
    for (const inner of list) {
      inner.candidates = [...new Set([...inner.candidates, ...more])].sort((x, y) => x.s.index - y.s.index);
    }
  }
}

interface Shape {
  s: Statement;
  effect: string;
  action: PatternSet | undefined;
  notAction: PatternSet | undefined;
  resource: PatternSet | undefined;
  notResource: PatternSet | undefined;
  /** the statements that may contain this one, in order (see `findCandidates`) */
  candidates: readonly Shape[];
}

/** A list's patterns (lower-cased for actions); the set and the containment index are built when a comparison needs them. */
class PatternSet {
  private values: readonly string[] | undefined;
  private builtSet: ReadonlySet<string> | undefined;
  private built: PatternIndex | undefined;

  constructor(
    private readonly list: StrList,
    private readonly caseInsensitive: boolean,
  ) {}

  get items(): readonly string[] {
    if (this.values === undefined) {
      const items = this.list.items;
      const out = new Array<string>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = this.caseInsensitive ? items[i]!.value.toLowerCase() : items[i]!.value;
      this.values = out;
    }
    return this.values;
  }

  get set(): ReadonlySet<string> {
    return (this.builtSet ??= new Set(this.items));
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

/** `Principal`/`NotPrincipal` as compared ("written identically"), computed when two statements are compared. */
const principals = new WeakMap<Statement, string | undefined>();

function principalOf(s: Statement): string | undefined {
  if (!s.principal && !s.notPrincipal) return undefined;
  if (!principals.has(s)) principals.set(s, s.principal ? `P${canonical(s.principal.node)}` : `N${canonical(s.notPrincipal!.node)}`);
  return principals.get(s);
}

/** Whether a list can be compared: every item written is a known string. */
function plain(list: StrList): boolean {
  const items = list.items;
  if (items.length !== (list.node.kind === 'array' ? list.node.items.length : 1)) return false;
  for (const i of items) if (i.unresolved || i.node.kind !== 'string') return false;
  return true;
}

/** Canonical JSON (sorted keys) of an element, for "written identically". */
function canonical(node: JsonNode | undefined): string | undefined {
  return node ? canonicalText(node) : undefined;
}

/**
 * `JSON.stringify` of the element's value with each object written as its `[key, value]` pairs sorted by key (a
 * repeated key takes its last value, as `JSON.parse` does), written straight from the tree: no intermediate
 * objects.
 */
function canonicalText(node: JsonNode): string {
  switch (node.kind) {
    case 'object': {
      const keys: string[] = [];
      const values = new Map<string, JsonNode>();
      for (const p of node.props) {
        if (!values.has(p.key)) keys.push(p.key);
        values.set(p.key, p.value);
      }
      keys.sort();
      let out = '[';
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out += ',';
        out += `[${JSON.stringify(keys[i])},${canonicalText(values.get(keys[i]!)!)}]`;
      }
      return `${out}]`;
    }
    case 'array': {
      let out = '[';
      for (let i = 0; i < node.items.length; i++) {
        if (i > 0) out += ',';
        out += canonicalText(node.items[i]!);
      }
      return `${out}]`;
    }
    case 'null':
      return 'null';
    default:
      // Strings, numbers (by value: 1.50 is 1.5) and booleans as JSON writes them.
      return JSON.stringify(node.value);
  }
}

function shape(s: Statement): Shape | undefined {
  const effect = s.effect?.value;
  if ((effect !== 'Allow' && effect !== 'Deny') || s.effect!.unresolved) return undefined;
  // A statement with a misspelled element does not say what its author meant; leave it to unknown-element.
  for (const p of s.node.props) if (!STATEMENT_KEYS.includes(p.key)) return undefined;
  const { action, notAction, resource, notResource } = s;
  if ((action && !plain(action)) || (notAction && !plain(notAction))) return undefined;
  if ((resource && !plain(resource)) || (notResource && !plain(notResource))) return undefined;
  if (!action === !notAction || (resource && notResource)) return undefined;
  if (s.principal && s.notPrincipal) return undefined;
  // Every field in the literal: all shapes share one layout, so the reads of them stay monomorphic.
  return {
    s,
    effect,
    action: action ? new PatternSet(action, true) : undefined,
    notAction: notAction ? new PatternSet(notAction, true) : undefined,
    resource: resource ? new PatternSet(resource, false) : undefined,
    notResource: notResource ? new PatternSet(notResource, false) : undefined,
    candidates: NO_SHAPES,
  };
}

/** Every pattern of `inner` is one of `outer`'s or covered by one of them. */
function covers(outer: PatternSet, inner: PatternSet): boolean {
  for (const i of inner.items) {
    if (!outer.set.has(i) && (i.includes('${') || outer.index.coveredBy(i) === undefined)) return false;
  }
  return true;
}

function contains(outer: Shape, inner: Shape): boolean {
  if (outer.effect !== inner.effect) return false;
  if (principalOf(outer.s) !== principalOf(inner.s)) return false;
  // A condition on the outer only is a difference, seen without writing either condition out.
  if (outer.s.condition && (!inner.s.condition || conditionOf(outer.s) !== conditionOf(inner.s))) return false;
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
