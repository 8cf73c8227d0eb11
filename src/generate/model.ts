/**
 * The one internal model of generated IAM: a bundle of roles in *template form*. Strings may hold `{name}` markers
 * for the bundle's parameters (never `${…}`, which stays an IAM policy variable). Renderers choose how a marker
 * becomes text: substituted by value (json, markdown, cli), a Terraform variable (`${var.name}`), a CloudFormation
 * parameter (`!Sub '${Name}'`) or a CDK construct property. `resolveBundle` gives the contract's JSON shape.
 */

/** A JSON value; policy documents in the model are plain JSON in template form. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type PolicyJson = { [key: string]: JsonValue };

export interface Parameter {
  /** identifier used in `{name}` markers and `--set name=value`: lower camel or snake case, [a-zA-Z][a-zA-Z0-9_]* */
  name: string;
  description: string;
  /** default value when not set; absent means required */
  default?: string;
  /** the value in effect for this generation (from --set, the spec, or the default) */
  value: string;
}

/** A request that must be allowed (a test) or must stay denied (a guard rail), checked by the evaluator. */
export interface RequestExpectation {
  name: string;
  action: string;
  resource: string;
  principal?: string;
  context?: Record<string, string | string[]>;
  expect: 'allowed' | 'explicitDeny' | 'implicitDeny';
}

/** Why an action is in a policy: shown by the markdown renderer's table. */
export interface ActionPurpose {
  action: string;
  purpose: string;
}

export interface GeneratedPolicy {
  /** policy name in template form, e.g. `{project}-ecr-push-{environment}` */
  name: string;
  description?: string;
  document: PolicyJson;
  /** inline (role policy) or a customer managed policy attached to the role */
  kind: 'inline' | 'managed';
  purposes?: ActionPurpose[];
}

export interface GeneratedRole {
  /** role name in template form */
  name: string;
  description?: string;
  path?: string;
  trustPolicy: PolicyJson;
  /** AWS managed or existing customer managed policies attached by ARN (template form allowed) */
  managedPolicyArns: string[];
  policies: GeneratedPolicy[];
  /** requests that must be allowed */
  tests: RequestExpectation[];
  /** requests that must stay denied */
  guardrails: RequestExpectation[];
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
  /** notes a renderer shows (e.g. an escalation path that is kept on purpose, and why) */
  notes?: string[];
}

export interface GeneratedBundle {
  /** blueprint or spec name */
  name: string;
  description: string;
  parameters: Parameter[];
  roles: GeneratedRole[];
  /** shell commands a user runs afterwards to verify (template form), shown by markdown */
  verify?: string[];
  /** how `leastpriv generate` names the input: `--blueprint NAME` or the spec path */
  origin?: string;
}

const MARKER = /(?<!\$)\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** Replaces every `{name}` marker in a template string; unknown names are left as they are. */
export function substitute(template: string, values: ReadonlyMap<string, string> | Record<string, string>): string {
  const get = values instanceof Map ? (k: string) => values.get(k) : (k: string) => (values as Record<string, string>)[k];
  return template.replace(MARKER, (whole, name: string) => get(name) ?? whole);
}

/** The parameter names a template string refers to, in order of first use. */
export function markersIn(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(MARKER)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** Applies `fn` to every string in a JSON value (keys included), returning a new value. */
export function mapStrings(value: JsonValue, fn: (s: string) => JsonValue): JsonValue {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      const key = fn(k);
      out[typeof key === 'string' ? key : k] = mapStrings(v, fn);
    }
    return out;
  }
  return value;
}

/** The contract's `generate --format json` shape, every marker replaced by its parameter's value. */
export interface ResolvedBundle {
  version: 1;
  name: string;
  parameters: Record<string, string>;
  roles: {
    name: string;
    description?: string;
    path?: string;
    trustPolicy: PolicyJson;
    managedPolicyArns: string[];
    policies: { name: string; kind: 'inline' | 'managed'; document: PolicyJson }[];
    tests: RequestExpectation[];
    guardrails: RequestExpectation[];
  }[];
}

export function parameterValues(bundle: GeneratedBundle): Map<string, string> {
  return new Map(bundle.parameters.map((p) => [p.name, p.value]));
}

export function resolveBundle(bundle: GeneratedBundle): ResolvedBundle {
  const values = parameterValues(bundle);
  const s = (t: string) => substitute(t, values);
  const json = (d: PolicyJson) => mapStrings(d, s) as PolicyJson;
  const req = (r: RequestExpectation): RequestExpectation => ({ ...r, action: s(r.action), resource: s(r.resource), ...(r.principal ? { principal: s(r.principal) } : {}) });
  return {
    version: 1,
    name: bundle.name,
    parameters: Object.fromEntries(values),
    roles: bundle.roles.map((role) => ({
      name: s(role.name),
      ...(role.description ? { description: s(role.description) } : {}),
      ...(role.path ? { path: role.path } : {}),
      trustPolicy: json(role.trustPolicy),
      managedPolicyArns: role.managedPolicyArns.map(s),
      policies: role.policies.map((p) => ({ name: s(p.name), kind: p.kind, document: json(p.document) })),
      tests: role.tests.map(req),
      guardrails: role.guardrails.map(req),
    })),
  };
}
