import type { Action, ResourceType, Service } from '../../catalog/catalog.js';
import { variablesAsWildcards, type ArnFormat } from '../../engine/arn.js';
import type { Statement } from '../../policy/model.js';
import { formatsOf, hasMergedPages, knownTypesOf, resourcePattern, resourceTypesFor, type ResourcePattern } from '../resource-match.js';
import type { Rule } from '../rule.js';

/**
 * An action none of whose resource types can be any of the statement's resources: `iam:CreatePolicy` acts on
 * `policy` ARNs, so `"Resource": "arn:aws:iam::*:role/x"` never matches a request for it and the entry grants
 * (or denies) nothing. For a wildcard pattern, only when no action it matches can apply. Actions that take no
 * resource ARNs at all are `action-requires-wildcard`'s; `NotResource` statements are not judged. Matching
 * follows IAM's wildcard rules and the data's known gaps (see `resource-match.ts`).
 */
export default {
  meta: {
    code: 'unsupported-resource',
    severity: 'error',
    summary: "None of the statement's resources is a resource type the action acts on; the entry grants nothing.",
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      const patterns = resourcePatterns(s);
      if (!patterns) continue;
      // The known resource types each resource can be; computed only when a finding is in sight.
      let named: (readonly ResourceType[])[] | undefined;
      for (const it of ctx.analysis.actions(s)) {
        const { scoped, types } = scopeOf(it.actions);
        if (scoped.length === 0) continue;
        // Can some resource be a resource of one of these types? (One memo lookup per resource once warm.)
        let fits = false;
        for (const p of patterns) {
          if (p.matchesSomeType(types)) {
            fits = true;
            break;
          }
        }
        if (fits) continue;
        named ??= patterns.map((p) => knownTypesOf(ctx.catalog, p));
        if (!certain(named, scoped)) continue;
        ctx.report({ pointer: it.item.pointer, message: message(it.item.value, it.pattern?.name ?? '', scoped) });
      }
    }
  },
} satisfies Rule;

interface Scope {
  /** the actions that take resource ARNs */
  scoped: readonly Action[];
  /** their distinct resource types (a wildcard's actions share a few types) */
  types: readonly ResourceType[];
}

/** Scopes by expansion: one per action text, shared across policies (one lookup per entry once warm). */
const scopes = new WeakMap<readonly Action[], Scope>();
const UNSCOPED: Scope = { scoped: [], types: [] };

function scopeOf(actions: readonly Action[]): Scope {
  // One action without resource types (of a service whose pages were not merged: see resourceTypesFor) is
  // unscoped: answered from the catalogue's own list, no memo entry.
  if (actions.length === 1 && actions[0]!.resources.length === 0 && !hasMergedPages(actions[0]!.service)) return UNSCOPED;
  let scope = scopes.get(actions);
  if (!scope) {
    // Most entries name one action: its own list and its type list serve as they are (no set, no copies).
    if (actions.length === 1) {
      const types = resourceTypesFor(actions[0]!);
      scope = types.length === 0 ? UNSCOPED : { scoped: actions, types };
      scopes.set(actions, scope);
      return scope;
    }
    const scoped: Action[] = [];
    const seen = new Set<ResourceType>();
    for (const a of actions) {
      const types = resourceTypesFor(a);
      if (types.length === 0) continue;
      scoped.push(a);
      for (const t of types) seen.add(t);
    }
    scope = scoped.length === 0 ? UNSCOPED : { scoped, types: [...seen] };
    scopes.set(actions, scope);
  }
  return scope;
}

/**
 * Whether the reference settles the question. Not when a resource is no known type (it may be newer than the
 * catalogue), nor when a resource lies outside the ARN namespaces of the resource types the action is listed
 * with: the reference is incomplete for resources of other services that a service also authorises against
 * (EMR's `ec2:RunInstances` on a `resource-groups` group, Cloud9's `ec2:StartInstances` on a License Manager
 * configuration), and for newer types another service owns in a namespace the action also uses
 * (`sagemaker-mlflow` actions on SageMaker's `mlflow-app`). A mismatch inside the action's own namespace
 * (`iam:CreatePolicy` on an IAM role, `kafka-cluster:DescribeTopic` on a cluster) is certain.
 */
function certain(named: readonly (readonly ResourceType[])[], actions: readonly Action[]): boolean {
  if (named.some((types) => types.length === 0)) return false;
  for (const a of actions) {
    const { arnServices, ownFormats } = namespacesOf(a);
    for (const types of named) {
      // Every type this resource can be must lie in a namespace the action's own types use.
      if (!types.every((t) => formatsOf(t).some((f) => arnServices.has(f.service)))) return false;
      for (const t of types) {
        if (t.service === a.service) continue;
        if (formatsOf(t).some((f) => arnServices.has(f.service) && !ownFormats.has(shape(f)))) return false;
      }
    }
  }
  return true;
}

const namespaces = new WeakMap<Action, { arnServices: ReadonlySet<string>; ownFormats: ReadonlySet<string> }>();

/** The ARN services of the action's resource types, and its own service's format shapes (once per action). */
function namespacesOf(a: Action): { arnServices: ReadonlySet<string>; ownFormats: ReadonlySet<string> } {
  let n = namespaces.get(a);
  if (!n) {
    const arnServices = new Set<string>();
    for (const t of resourceTypesFor(a)) for (const f of formatsOf(t)) arnServices.add(f.service);
    n = { arnServices, ownFormats: shapesOf(a.service) };
    namespaces.set(a, n);
  }
  return n;
}

const shapesByService = new WeakMap<Service, ReadonlySet<string>>();

/** The format shapes of a service's own resource types (once per service, not per action). */
function shapesOf(service: Service): ReadonlySet<string> {
  let shapes = shapesByService.get(service);
  if (!shapes) {
    const acc = new Set<string>();
    // Types other services merely reference (sts and ec2 list IAM's `role`) are the owner's, not foreign.
    for (const t of service.resourceTypes) for (const f of formatsOf(t)) acc.add(shape(f));
    shapesByService.set(service, (shapes = acc));
  }
  return shapes;
}

const shapeOfFormat = new WeakMap<ArnFormat, string>();

/** A format without its variable names: `role/${RoleName}` and `role/${RoleNameWithPath}` are one shape. */
function shape(f: ArnFormat): string {
  let out = shapeOfFormat.get(f);
  if (out === undefined) shapeOfFormat.set(f, (out = f.format.replace(/\$\{[^}]*\}/g, '${}')));
  return out;
}

/**
 * The statement's resources as ARN patterns, or undefined when the statement is not judged: no `Resource`, a
 * `"*"` (which every action applies to), or nothing that is an ARN at all (invalid-arn's finding).
 */
function resourcePatterns(s: Statement): ResourcePattern[] | undefined {
  const items = s.resource?.items;
  if (!items || items.length === 0) return undefined;
  for (const r of items) if (r.value === '*') return undefined;
  let out: ResourcePattern[] | undefined;
  for (const r of items) {
    const p = variablesAsWildcards(r.value);
    // An ARN, or a value whose leading wildcard may stand for one (unresolved template parts become `*`).
    if (p.startsWith('arn:') || p.startsWith('*') || p.startsWith('?')) (out ??= []).push(resourcePattern(p));
  }
  return out;
}

function message(written: string, name: string, scoped: readonly Action[]): string {
  const types = new Map<string, string>();
  for (const a of scoped) for (const t of resourceTypesFor(a)) if (!types.has(t.name)) types.set(t.name, t.arnFormat);
  const list = [...types].slice(0, 4).map(([n, f]) => `${n} (${f})`);
  const more = types.size > 4 ? ` and ${types.size - 4} more` : '';
  const accepts = `${list.join(', ')}${more}`;
  if (!/[*?]/.test(name) && scoped.length === 1) {
    return `${scoped[0]!.fullName} acts on ${accepts}; none of this statement's resources is one, so the entry grants nothing`;
  }
  return `none of the ${scoped.length} actions "${written}" matches acts on this statement's resources; they act on ${accepts}`;
}
