/**
 * `shrink`: a policy rewritten smaller while allowing (and denying) exactly the same requests over the action
 * catalogue. Statements with the same effect, principal, conditions and resources merge their actions; statements
 * with the same actions merge their resources (not `NotResource`: the union of two complements is not the
 * complement of the union); resources inside another resource of the same statement, and statements inside
 * another statement, are dropped; action lists become wildcards that match no action outside the list.
 * Size is counted as IAM counts it: characters without white space.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { toValue } from '../../policy/tree.js';
import type { PolicyDocument, Statement, StrList } from '../../policy/model.js';
import { globContainsCached } from '../access/resources.js';
import { compressActions, expandPatterns } from './compress.js';

export const DEFAULT_MAX_CHARS = 6144;

export class ShrinkInputError extends Error {}

interface Work {
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  principal: { key: 'Principal' | 'NotPrincipal'; value: unknown } | undefined;
  condition: unknown;
  notAction: boolean;
  ids: Set<number>;
  verbatim: string[];
  /** the patterns as written (of every statement merged in) */
  original: string[];
  /** undefined: no Resource element (every resource) */
  resources: { not: boolean; patterns: string[] } | undefined;
  merged: boolean;
  /** effect, principal and conditions: statements merge only within one frame */
  frame: string;
  /** the action list as written out, once computed */
  compressed?: string[];
}

export interface ShrinkResult {
  /** the smaller policy */
  policy: Record<string, unknown>;
  /** characters without white space, as IAM counts them */
  before: number;
  after: number;
  /** with `split`: the documents, each under the limit (or the one policy when it fits) */
  documents: Record<string, unknown>[];
  /** every document is within `maxChars` */
  fits: boolean;
}

export interface ShrinkOptions {
  maxChars?: number;
  /** split across several documents when one cannot fit */
  split?: boolean;
}

export function compactSize(value: unknown): number {
  return JSON.stringify(value).replace(/\s/g, '').length;
}

function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (typeof x === 'object' && x !== null) {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, norm(o[k])]));
    }
    return x;
  };
  return JSON.stringify(norm(v)) ?? '';
}

function strings(list: StrList): string[] {
  const n = list.node.kind === 'array' ? list.node.items.length : 1;
  if (list.items.length !== n) throw new ShrinkInputError(`${list.pointer}: values must be strings`);
  return list.items.map((s) => s.value);
}

function toWork(catalog: Catalog, s: Statement): Work {
  const effect = s.effect?.value;
  if (effect !== 'Allow' && effect !== 'Deny') throw new ShrinkInputError(`statement ${s.index}: Effect must be "Allow" or "Deny"`);
  if (s.action && s.notAction) throw new ShrinkInputError(`statement ${s.index}: both Action and NotAction`);
  if (s.resource && s.notResource) throw new ShrinkInputError(`statement ${s.index}: both Resource and NotResource`);
  const list = s.action ?? s.notAction;
  if (!list) throw new ShrinkInputError(`statement ${s.index}: neither Action nor NotAction`);
  const original = strings(list);
  const { ids, verbatim } = expandPatterns(catalog, original);
  const resourceList = s.resource ?? s.notResource;
  const block = s.principal ?? s.notPrincipal;
  return {
    sid: s.sid?.value,
    effect,
    principal: block ? { key: s.principal ? 'Principal' : 'NotPrincipal', value: toValue(block.node) } : undefined,
    condition: s.condition ? toValue(s.condition.node) : undefined,
    notAction: !s.action,
    ids,
    verbatim,
    original,
    resources: resourceList ? { not: !s.resource, patterns: strings(resourceList) } : undefined,
    merged: false,
    frame: canonical([effect, block ? [s.principal ? 'Principal' : 'NotPrincipal', toValue(block.node)] : null, s.condition ? toValue(s.condition.node) : null]),
  };
}

const sameFrame = (w: Work): string => w.frame;
const resourceKey = (w: Work): string => (w.resources ? canonical([w.resources.not, [...new Set(w.resources.patterns)].sort()]) : 'none');
const actionKey = (w: Work): string =>
  `${w.notAction}|${[...w.ids].sort((a, b) => a - b).join(',')}|${JSON.stringify([...new Set(w.verbatim.map((v) => v.toLowerCase()))].sort())}`;

function mergeBy(works: Work[], key: (w: Work) => string | undefined, merge: (into: Work, from: Work) => void): Work[] {
  const out: Work[] = [];
  const seen = new Map<string, Work>();
  for (const w of works) {
    const k = key(w);
    const into = k === undefined ? undefined : seen.get(k);
    if (into) {
      merge(into, w);
      into.merged = true;
    } else {
      out.push(w);
      if (k !== undefined) seen.set(k, w);
    }
  }
  return out;
}

/** Drops resource patterns another pattern of the same list contains (exact glob containment). */
function dropContainedResources(patterns: readonly string[]): string[] {
  const unique = [...new Set(patterns)];
  // A pattern can contain another only if its literal head (the text before its first wildcard) starts the other's:
  // index the patterns by head, so thousands of resources are not compared pairwise.
  const byHead = new Map<string, number[]>();
  unique.forEach((q, j) => {
    if (q.includes('${')) return;
    const h = literalHead(q);
    const list = byHead.get(h);
    if (list) list.push(j);
    else byHead.set(h, [j]);
  });
  const candidates = (p: string): number[] => {
    const h = literalHead(p);
    const out: number[] = [];
    for (let k = 0; k <= h.length; k++) out.push(...(byHead.get(h.slice(0, k)) ?? []));
    return out;
  };
  return unique.filter((p, i) =>
    !candidates(p).some((j) => {
      if (j === i) return false;
      const q = unique[j]!;
      if (p.includes('${')) return false;
      return globContainsCached(q, p) && !(j > i && globContainsCached(p, q));
    }),
  );
}

function literalHead(pattern: string): string {
  const star = pattern.indexOf('*');
  const any = pattern.indexOf('?');
  const end = star < 0 ? any : any < 0 ? star : Math.min(star, any);
  return end < 0 ? pattern : pattern.slice(0, end);
}

/** Whether statement `a` allows (or denies) nothing `b` does not. */
function subsumedBy(a: Work, b: Work): boolean {
  if (a === b || a.notAction || b.notAction || sameFrame(a) !== sameFrame(b)) return false;
  for (const id of a.ids) if (!b.ids.has(id)) return false;
  if (a.verbatim.some((v) => !b.verbatim.some((w) => w.toLowerCase() === v.toLowerCase()))) return false;
  if (!b.resources) return true;
  if (!a.resources || a.resources.not || b.resources.not) return false;
  const outer = b.resources.patterns;
  return a.resources.patterns.every((p) => outer.some((q) => q === '*' || (!q.includes('${') && !p.includes('${') && globContainsCached(q, p)) || q === p));
}

function render(catalog: Catalog, w: Work, keepSid: boolean): Record<string, unknown> {
  const one = (xs: string[]): string | string[] => (xs.length === 1 ? xs[0]! : xs);
  const out: Record<string, unknown> = {};
  if (keepSid && w.sid !== undefined && !w.merged) out.Sid = w.sid;
  out.Effect = w.effect;
  if (w.principal) out[w.principal.key] = w.principal.value;
  // A whole service as `service:*` is safe where an action AWS adds later is denied or left out (Deny with Action,
  // Allow with NotAction), not where it would be granted.
  const futureSafe = w.effect === 'Deny' ? !w.notAction : w.notAction;
  const actions = (w.compressed ??= compressActions(catalog, w.ids, w.verbatim, w.original, futureSafe));
  out[w.notAction ? 'NotAction' : 'Action'] = one(actions);
  if (w.resources) out[w.resources.not ? 'NotResource' : 'Resource'] = one(dropContainedResources(w.resources.patterns));
  if (w.condition !== undefined) out.Condition = w.condition;
  return out;
}

function documentOf(doc: PolicyDocument, statements: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (doc.version) out.Version = doc.version.value;
  if (doc.id) out.Id = doc.id.value;
  out.Statement = statements;
  return out;
}

/** Splits one statement's action (then resource) list in halves until each part fits. */
function splitStatement(s: Record<string, unknown>, limit: number): Record<string, unknown>[] {
  if (compactSize(s) <= limit) return [s];
  for (const key of ['Action', 'NotResource', 'Resource'] as const) {
    // NotAction and NotResource lists cannot be split: the parts would each allow more.
    if (key === 'NotResource') continue;
    const v = s[key];
    if (Array.isArray(v) && v.length > 1 && !(key === 'Action' && 'NotAction' in s)) {
      const half = Math.ceil(v.length / 2);
      const a = { ...s, [key]: v.slice(0, half) };
      const b = { ...s, [key]: v.slice(half) };
      delete a.Sid;
      delete b.Sid;
      return [...splitStatement(a, limit), ...splitStatement(b, limit)];
    }
  }
  return [s];
}

/** First-fit decreasing: statements into as few documents under the limit as it finds. */
function pack(doc: PolicyDocument, statements: Record<string, unknown>[], maxChars: number): Record<string, unknown>[] {
  const overhead = compactSize(documentOf(doc, []));
  const parts = statements.flatMap((s) => splitStatement(s, maxChars - overhead));
  const sized = parts.map((s) => ({ s, n: compactSize(s) + 1 })).sort((a, b) => b.n - a.n);
  const bins: { items: Record<string, unknown>[]; used: number }[] = [];
  for (const it of sized) {
    const bin = bins.find((b) => b.used + it.n <= maxChars);
    if (bin) {
      bin.items.push(it.s);
      bin.used += it.n;
    } else bins.push({ items: [it.s], used: overhead + it.n });
  }
  return bins.map((b) => documentOf(doc, b.items));
}

export function shrinkDocument(catalog: Catalog, doc: PolicyDocument, options: ShrinkOptions = {}): ShrinkResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (doc.root.kind !== 'object') throw new ShrinkInputError('a policy must be a JSON object');
  if (!doc.statementElement) throw new ShrinkInputError('the policy has no Statement');
  const before = compactSize(toValue(doc.root));
  let works = doc.statements.map((s) => toWork(catalog, s));
  // Merging resources can make action merges possible and the other way round; two rounds reach a fixed point in
  // practice, a few more cost little.
  for (let round = 0; round < 4; round++) {
    const n = works.length;
    works = mergeBy(
      works,
      (w) => (w.notAction ? undefined : `${sameFrame(w)}|${resourceKey(w)}`),
      (into, from) => {
        for (const id of from.ids) into.ids.add(id);
        into.verbatim.push(...from.verbatim.filter((v) => !into.verbatim.includes(v)));
        into.original.push(...from.original);
      },
    );
    works = mergeBy(
      works,
      (w) => (w.resources && !w.resources.not ? `${sameFrame(w)}|${actionKey(w)}` : undefined),
      (into, from) => {
        into.resources!.patterns.push(...from.resources!.patterns);
        into.original.push(...from.original);
      },
    );
    if (works.length === n) break;
  }
  works = works.filter((w, i) => !works.some((o, j) => subsumedBy(w, o) && !(j > i && subsumedBy(o, w))));
  let statements = works.map((w) => render(catalog, w, true));
  let policy = documentOf(doc, statements);
  if (compactSize(policy) > maxChars) {
    statements = works.map((w) => render(catalog, w, false));
    policy = documentOf(doc, statements);
  }
  // Never hand back something larger than what came in.
  if (compactSize(policy) > before) policy = toValue(doc.root) as Record<string, unknown>;
  const after = compactSize(policy);
  let documents = [policy];
  if (after > maxChars && options.split) documents = pack(doc, statements, maxChars);
  return { policy, before, after, documents, fits: documents.every((d) => compactSize(d) <= maxChars) };
}
