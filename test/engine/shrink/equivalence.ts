/**
 * Checks that two policies allow (and explicitly deny) exactly the same requests, with the evaluator: every catalogue action either
 * policy reaches (sampled to a budget), against resource ARNs built from the action's resource types' ARN formats
 * and from the policies' own resource strings, with and without a request context that satisfies the conditions
 * the policy names. Returns the first disagreement, or undefined.
 */
import type { Catalog } from '../../../src/catalog/catalog.js';
import { expandActionPattern } from '../../../src/engine/actions.js';
import { compilePolicySet } from '../../../src/engine/evaluate/index.js';
import type { SimulationRequest } from '../../../src/engine/evaluate/types.js';

type Doc = Record<string, unknown>;
type Stmt = Record<string, unknown>;

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]).map(String) : [String(v)]);
const statementsOf = (d: Doc): Stmt[] => (Array.isArray(d.Statement) ? (d.Statement as Stmt[]) : d.Statement ? [d.Statement as Stmt] : []);

function concrete(pattern: string, fill: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, 'v').replace(/\*/g, fill).replace(/\?/g, 'q');
}

function arnFromFormat(format: string): string {
  return format
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, 'us-east-1')
    .replace(/\$\{Account\}/g, '123456789012')
    .replace(/\$\{[^}]*\}/g, 'name');
}

/** Catalogue action names either policy's statements reach. */
function reachedActions(catalog: Catalog, docs: Doc[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    for (const s of statementsOf(d)) {
      if (s.NotAction !== undefined) {
        const not = new Set(list(s.NotAction).flatMap((p) => expandActionPattern(catalog, p).map((a) => a.id)));
        // Every action outside the list: take a spread of them plus the neighbours of the excluded ones.
        const all = catalog.actions;
        for (let i = 0; i < all.length; i += 97) if (!not.has(all[i]!.id)) out.add(all[i]!.fullName);
        for (const id of not) {
          for (const n of [id - 1, id, id + 1]) if (all[n]) out.add(all[n]!.fullName);
        }
      }
      for (const p of list(s.Action)) for (const a of expandActionPattern(catalog, p)) out.add(a.fullName);
    }
  }
  return [...out].sort();
}

function contextFor(docs: Doc[]): Record<string, string[]> {
  const ctx: Record<string, string[]> = {};
  for (const d of docs) {
    for (const s of statementsOf(d)) {
      const c = s.Condition as Record<string, Record<string, unknown>> | undefined;
      if (!c) continue;
      for (const block of Object.values(c)) {
        for (const [k, v] of Object.entries(block ?? {})) {
          const first = list(v)[0];
          // A CIDR becomes its first address, so that IpAddress conditions can be met.
          if (first !== undefined && !(k in ctx)) ctx[k] = [concrete(first.replace(/^([\d.]+)\/\d+$/, '$1'), 'x')];
        }
      }
    }
  }
  return ctx;
}

export interface Disagreement {
  request: SimulationRequest;
  a: string;
  b: string;
}

export interface CheckOptions {
  maxActions?: number;
  seed?: number;
  /** only look for requests `b` allows and `a` does not (a diff's "no new access" claim) */
  subset?: boolean;
}

export function equivalent(catalog: Catalog, a: Doc, b: Doc, options: CheckOptions = {}): Disagreement | undefined {
  const ca = compilePolicySet({ identity: [a] });
  const cb = compilePolicySet({ identity: [b] });
  let actions = reachedActions(catalog, [a, b]);
  const max = options.maxActions ?? Infinity;
  if (actions.length > max) {
    // Deterministic spread over the list, so every region of it is checked.
    const step = actions.length / max;
    const offset = (options.seed ?? 0) % Math.max(1, Math.floor(step));
    actions = Array.from({ length: max }, (_, i) => actions[Math.min(actions.length - 1, Math.floor(i * step) + offset)]!);
  }
  const own = [...new Set([a, b].flatMap((d) => statementsOf(d).flatMap((s) => [...list(s.Resource), ...list(s.NotResource)])))];
  const ownArns = own.flatMap((r) => [concrete(r, 'x'), concrete(r, ''), concrete(r, 'x/y:z')]);
  const contexts: Record<string, string[]>[] = [{}, contextFor([a, b])];
  for (const name of actions) {
    const action = catalog.action(name);
    // Every own ARN for a diff claim (one left out hid a proven addition); a bounded sample for whole-corpus checks.
    const arns = new Set<string>(['*', ...(options.subset ? ownArns : ownArns.slice(0, 96))]);
    for (const r of action?.resources ?? []) arns.add(arnFromFormat(r.type.arnFormat));
    for (const resource of arns) {
      for (const context of contexts) {
        // The resource is taken to be in the principal's account: identity policies alone decide same-account
        // requests (a cross-account one would also need the resource's policy, and be refused by both sides).
        const request: SimulationRequest = { principal: 'arn:aws:iam::123456789012:role/r', action: name, resource, resourceAccount: '123456789012', context };
        const x = ca.evaluate(request, { explain: false }).decision;
        const y = cb.evaluate(request, { explain: false }).decision;
        // Explicit denies must survive too: attached beside other policies, they override those policies' allows.
        if (options.subset ? y === 'allowed' && x !== 'allowed' : x !== y) return { request, a: x, b: y };
      }
    }
  }
  return undefined;
}
