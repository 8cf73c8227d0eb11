/**
 * Spec permissions → policy statements. Resources are written as ARNs or built from a resource type's ARN format
 * (`resourceType: s3:bucket`, `names: [...]`); actions are written, or chosen from the catalogue by access level
 * for the resource types the ARNs name (policy_sentry's idea). Then each action is granted only on the resources it
 * can act on: actions are grouped by the resources that apply to them, one statement per group, and actions that
 * support no resource-level permissions go to a statement of their own with `Resource: "*"` (IAM would never
 * match them against a specific ARN).
 */
import type { Action, Catalog, ResourceType } from '../catalog/catalog.js';
import type { AccessLevel } from '../catalog/data.js';
import { editDistance, suggestActions, suggestService } from '../catalog/suggest.js';
import { expandActionPattern } from '../engine/actions.js';
import { parseArn, variablesAsWildcards } from '../engine/arn.js';
import { knownTypesOf, resourceTypesFor, ResourcePattern } from '../lint/resource-match.js';
import type { SpecSource } from './errors.js';
import { substitute, type ActionPurpose, type JsonValue, type PolicyJson } from './model.js';
import type { Located, SpecStatement } from './spec.js';

/** A granted (action, resource) pair with the request context that satisfies its statement's conditions. */
export interface GrantSample {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** a resource of the same type named outside every pattern (template form), for an automatic guard rail */
  outside?: string;
}

export interface BuiltPermissions {
  statements: PolicyJson[];
  purposes: ActionPurpose[];
  samples: GrantSample[];
}

interface ActionEntry {
  /** as it goes into the policy: canonical name, or the pattern as written */
  text: string;
  /** the actions it stands for */
  actions: readonly Action[];
  offset: number;
}

interface ResourceEntry {
  template: string;
  resolved: string;
  pattern: ResourcePattern | undefined;
  /** resource types the ARN names (of its own service) */
  types: readonly ResourceType[];
  offset: number;
}

export class PermissionBuilder {
  constructor(
    private readonly catalog: Catalog,
    private readonly values: ReadonlyMap<string, string>,
    private readonly src: SpecSource,
    /** checks that a template's markers are parameters; returns the template */
    private readonly check: (loc: Located) => string = (l) => l.value,
  ) {}

  build(statements: readonly SpecStatement[]): BuiltPermissions {
    const out: BuiltPermissions = { statements: [], purposes: [], samples: [] };
    for (const st of statements) {
      if (st.when && !this.values.has(st.when.value)) throw this.src.error(st.when.offset, `when names no parameter "${st.when.value}"; write a parameter name, e.g. when: bucket`);
      if (st.when && this.values.get(st.when.value) === '') continue;
      this.statement(st, out);
    }
    return out;
  }

  private resolve(t: string): string {
    return substitute(t, this.values);
  }

  private resourceType(loc: Located): ResourceType {
    const [prefix = '', name = ''] = loc.value.split(':', 2);
    const service = this.catalog.service(prefix);
    if (!service) {
      const near = suggestService(this.catalog, prefix);
      throw this.src.error(loc.offset, `unknown service "${prefix}" in resourceType${near ? `; did you mean ${near.prefix}:${name}?` : ''}`);
    }
    const type = service.resourceTypes.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!type) {
      const near = service.resourceTypes.filter((t) => editDistance(t.name.toLowerCase(), name.toLowerCase(), 2) <= 2);
      const hint = near.length === 1 ? `did you mean ${service.prefix}:${near[0]!.name}?` : `write one of ${service.resourceTypes.map((t) => `${service.prefix}:${t.name}`).join(', ')}`;
      throw this.src.error(loc.offset, `${service.prefix} has no resource type "${name}"; ${hint}`);
    }
    return type;
  }

  private resources(st: SpecStatement): ResourceEntry[] {
    const out: ResourceEntry[] = [];
    if (st.resourceType) {
      const type = this.resourceType(st.resourceType);
      const format = type.arnFormat.split(/,\s*(?=arn:)/)[0]!.trim();
      const base = format.replace('${Partition}', '{partition}').replace('${Region}', '{region}').replace('${Account}', '{account}');
      const firstName = base.indexOf('${');
      for (const n of st.names) {
        const template = firstName < 0 ? base : base.slice(0, firstName) + this.check(n);
        const resolved = this.resolve(template);
        out.push({ template, resolved, pattern: new ResourcePattern(variablesAsWildcards(resolved)), types: [type], offset: n.offset });
      }
    }
    for (const r of st.resources) {
      const resolved = this.resolve(this.check(r));
      if (resolved === '*') {
        out.push({ template: r.value, resolved, pattern: undefined, types: [], offset: r.offset });
        continue;
      }
      const arn = parseArn(resolved);
      if (!arn) throw this.src.error(r.offset, `"${resolved}" is not an ARN; write arn:{partition}:SERVICE:{region}:{account}:RESOURCE, or use resourceType + names`);
      const pattern = new ResourcePattern(variablesAsWildcards(resolved));
      const matching = knownTypesOf(this.catalog, pattern).filter((t) => t.service.prefix === arn.service || t.arnFormat.includes(`:${arn.service}:`));
      out.push({ template: r.value, resolved, pattern, types: narrowTypes(matching, arn.resource), offset: r.offset });
    }
    return out;
  }

  private actions(st: SpecStatement): ActionEntry[] {
    return st.actions.map((a) => {
      const text = this.resolve(this.check(a));
      const colon = text.indexOf(':');
      if (colon <= 0 || colon === text.length - 1) throw this.src.error(a.offset, `"${text}" is not an action; write service:Action, e.g. s3:GetObject`);
      const prefix = text.slice(0, colon);
      const name = text.slice(colon + 1);
      if (/[*?]/.test(prefix)) throw this.src.error(a.offset, `"${text}": write the service prefix without wildcards, e.g. ${prefix.replace(/[*?]/g, '') || 's3'}:${name}`);
      if (!this.catalog.service(prefix)) {
        const near = suggestService(this.catalog, prefix);
        throw this.src.error(a.offset, `unknown service "${prefix}"${near ? `; did you mean ${near.prefix}:${name}?` : ''}`);
      }
      if (/[*?]/.test(name)) {
        const matched = expandActionPattern(this.catalog, text);
        if (matched.length === 0) throw this.src.error(a.offset, `"${text}" matches no action of ${prefix}; check the pattern`);
        return { text, actions: matched, offset: a.offset };
      }
      const action = this.catalog.action(text);
      if (!action) {
        const near = suggestActions(this.catalog, prefix, name).map((x) => x.fullName);
        throw this.src.error(a.offset, `unknown action "${text}"${near.length > 0 ? `; did you mean ${near.join(' or ')}?` : ''}`);
      }
      return { text: action.fullName, actions: [action], offset: a.offset };
    });
  }

  /** Actions of the given access levels that act on the resource's types. */
  private byAccess(levels: readonly AccessLevel[], r: ResourceEntry): ActionEntry[] {
    const out: ActionEntry[] = [];
    for (const type of r.types) {
      for (const a of type.service.actions) {
        if (levels.includes(a.accessLevel) && a.resources.some((x) => x.type === type) && !out.some((e) => e.actions[0] === a)) {
          out.push({ text: a.fullName, actions: [a], offset: r.offset });
        }
      }
    }
    return out;
  }

  private applies(action: Action, r: ResourceEntry): boolean {
    if (!r.pattern) return true;
    const types = resourceTypesFor(action);
    // A resource whose type is known is granted to the actions of that type; an unknown one (a type newer than
    // the catalogue) to every action whose formats it can match.
    if (r.types.length > 0) return types.some((t) => r.types.includes(t));
    return types.some((t) => r.pattern!.matchesType(t));
  }

  private statement(st: SpecStatement, out: BuiltPermissions): void {
    const resources = this.resources(st);
    const explicit = this.actions(st);
    // action text → indices of the resources it is granted on; `null` = supports no resource-level permissions
    const grants = new Map<string, { entry: ActionEntry; on: Set<number> | null }>();
    const grant = (entry: ActionEntry, on: Set<number> | null): void => {
      const had = grants.get(entry.text);
      if (!had) grants.set(entry.text, { entry, on });
      else if (had.on && on) for (const i of on) had.on.add(i);
    };
    for (const entry of explicit) {
      const scoped = entry.actions.filter((a) => a.supportsResourceLevel);
      if (scoped.length === 0) {
        grant(entry, null);
        continue;
      }
      if (resources.length === 0) {
        throw this.src.error(entry.offset, `${entry.text} can be limited to resources (${describeTypes(scoped)}); add resources: [ARN…] or resourceType + names`);
      }
      const on = new Set<number>();
      resources.forEach((r, i) => {
        if (scoped.some((a) => this.applies(a, r))) on.add(i);
      });
      if (on.size === 0) {
        const example = exampleArn(scoped[0]!);
        throw this.src.error(
          entry.offset,
          `${entry.text} acts on ${describeTypes(scoped)}, and none of this permission's resources is one; add a resource like ${example} (or move the action to its own permission)`,
        );
      }
      grant(entry, on);
    }
    if (st.access.length > 0) {
      resources.forEach((r, i) => {
        if (!r.pattern) throw this.src.error(r.offset, 'access levels need specific resources, not "*"; name the ARNs the actions should act on');
        if (r.types.length === 0) throw this.src.error(r.offset, `"${r.resolved}" is no resource type the catalogue knows; check the ARN, or write resourceType + names`);
        const found = this.byAccess(st.access, r);
        if (found.length === 0) {
          throw this.src.error(r.offset, `no ${st.access.join('/')} action acts on ${r.types.map((t) => `${t.service.prefix}:${t.name}`).join(', ')}; choose other access levels or write the actions`);
        }
        for (const e of found) grant(e, new Set([i]));
      });
    }
    // Group actions by the set of resources they apply to, in order of first appearance.
    const groups = new Map<string, { actions: ActionEntry[]; on: number[] | null }>();
    for (const { entry, on } of grants.values()) {
      const key = on ? [...on].sort((a, b) => a - b).join(',') : '*';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { actions: [], on: on ? [...on].sort((a, b) => a - b) : null }));
      g.actions.push(entry);
    }
    const ordered = [...groups.values()].sort((a, b) => (a.on === null ? 1 : 0) - (b.on === null ? 1 : 0));
    ordered.forEach((g, gi) => {
      const resourceTemplates = g.on ? g.on.map((i) => resources[i]!.template) : ['*'];
      const statement: PolicyJson = {};
      if (st.sid) statement.Sid = ordered.length > 1 ? `${st.sid}${gi + 1}` : st.sid;
      statement.Effect = st.effect;
      const actionTexts = g.actions.map((a) => a.text);
      statement.Action = actionTexts.length === 1 ? actionTexts[0]! : actionTexts;
      statement.Resource = resourceTemplates.length === 1 ? resourceTemplates[0]! : resourceTemplates;
      if (st.conditions) statement.Condition = st.conditions;
      out.statements.push(statement);
      if (st.purpose) for (const a of actionTexts) if (!out.purposes.some((p) => p.action === a)) out.purposes.push({ action: a, purpose: st.purpose });
      if (st.effect !== 'Allow') return;
      const context = st.conditions ? satisfyingContext(st.conditions, (s) => this.resolve(s)) : {};
      if (context === undefined) return;
      for (const a of g.actions) {
        // A pattern is sampled by one action it stands for that applies to the group's first resource.
        const first = g.on ? resources[g.on[0]!]! : undefined;
        const action = a.actions.find((x) => !first || !x.supportsResourceLevel || this.applies(x, first)) ?? a.actions[0]!;
        // KMS also requires the key policy to allow the request; an identity-policy-only test cannot show it.
        if (first && action.service.prefix === 'kms' && /:key\//.test(first.resolved)) continue;
        // AWS-owned resources (`arn:aws:iam::aws:policy/…`) sit in no customer account: a one-account test cannot show them.
        if (first && parseArn(first.resolved)?.account === 'aws') continue;
        const sample: GrantSample = { action: action.fullName, resource: first ? first.template : '*' };
        if (Object.keys(context).length > 0) sample.context = context;
        const outside = first ? outsideOf(first) : undefined;
        if (outside) sample.outside = outside;
        out.samples.push(sample);
      }
    });
  }
}

/**
 * Of the types an ARN pattern can match, drop a type that another one extends by a literal the pattern contains:
 * `arn:aws:s3:::b/*` names objects (`${BucketName}/${ObjectName}` extends the bucket's format by `/`), not a bucket
 * whose name holds a slash; `log-group:/x:log-stream:*` names log streams.
 */
function narrowTypes(types: readonly ResourceType[], resourcePart: string): ResourceType[] {
  const first = (t: ResourceType) => parseArn(t.arnFormat.split(/,\s*(?=arn:)/)[0]!.trim())?.resource ?? '';
  return types.filter((t) => {
    const ft = first(t);
    return !types.some((u) => {
      if (u === t) return false;
      const fu = first(u);
      if (!fu.startsWith(ft) || fu.length === ft.length) return false;
      const rest = fu.slice(ft.length);
      const literal = rest.startsWith('${') ? '' : rest.slice(0, rest.indexOf('${') < 0 ? rest.length : rest.indexOf('${'));
      return literal !== '' && resourcePart.includes(literal);
    });
  });
}

export const OUTSIDE_NAME = 'leastpriv-outside';

/**
 * An ARN of the resource's type, in its partition, region and account, whose every name is `leastpriv-outside`:
 * a resource the grant should not reach (the generator keeps it as a guard rail only when the policies deny it).
 */
function outsideOf(r: ResourceEntry): string | undefined {
  const type = r.types[0];
  if (!type) return undefined;
  const format = parseArn(type.arnFormat.split(/,\s*(?=arn:)/)[0]!.trim());
  const arn = parseArn(r.template);
  if (!format || !arn || !format.resource.includes('${')) return undefined;
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${format.resource.replace(/\$\{[^}]*\}/g, OUTSIDE_NAME)}`;
}

function describeTypes(actions: readonly Action[]): string {
  const names = new Set<string>();
  for (const a of actions) for (const r of a.resources) names.add(`${a.service.prefix}:${r.type.name}`);
  return [...names].slice(0, 4).join(', ') + (names.size > 4 ? ', …' : '');
}

function exampleArn(action: Action): string {
  const t = action.resources.find((r) => r.required)?.type ?? action.resources[0]!.type;
  return t.arnFormat
    .split(/,\s*(?=arn:)/)[0]!
    .replace('${Partition}', '{partition}')
    .replace('${Region}', '{region}')
    .replace('${Account}', '{account}')
    .replace(/\$\{([A-Za-z]+)\}/g, (_, v: string) => v.toUpperCase());
}

const SATISFIABLE = new Set(['stringequals', 'stringlike', 'stringequalsignorecase', 'arnequals', 'arnlike', 'bool']);

/**
 * A request context that makes the conditions true, where that is obvious (equality and wildcard matches: the
 * first value, wildcards made concrete); undefined when some condition has another operator.
 */
export function satisfyingContext(conditions: PolicyJson, resolve: (s: string) => string): Record<string, string | string[]> | undefined {
  const out: Record<string, string | string[]> = {};
  for (const [op, block] of Object.entries(conditions)) {
    let base = op.toLowerCase();
    const multi = base.startsWith('foranyvalue:') || base.startsWith('forallvalues:');
    if (multi) base = base.slice(base.indexOf(':') + 1);
    if (base.endsWith('ifexists')) base = base.slice(0, -'ifexists'.length);
    if (!SATISFIABLE.has(base) || !block || typeof block !== 'object' || Array.isArray(block)) return undefined;
    for (const [key, value] of Object.entries(block as { [k: string]: JsonValue })) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first !== 'string') return undefined;
      const concrete = concreteText(resolve(first));
      out[resolve(key)] = multi ? [concrete] : concrete;
    }
  }
  return out;
}

/** Wildcards made concrete: `*` → `example`, `?` → `x`. */
export function concreteText(s: string): string {
  return s.replace(/\*/g, 'example').replace(/\?/g, 'x');
}
