/**
 * The generation spec (YAML or JSON; see docs/spec.md and schemas/spec.schema.json), read into typed values that
 * remember where they were written, so that every later error can point at the line and column. Reading checks
 * the shape only; what names and ARNs mean is checked by the generator against the catalogue.
 */
import { editDistance } from '../catalog/suggest.js';
import { ACCESS_LEVELS, type AccessLevel } from '../catalog/data.js';
import { parseYaml } from '../policy/extract/yaml.js';
import type { JsonNode, ObjectNode, Property } from '../policy/tree.js';
import type { JsonValue, PolicyJson } from './model.js';
import { SpecSource } from './errors.js';

/** A string and the offset it was written at. */
export interface Located {
  value: string;
  offset: number;
}

export interface SpecParameter {
  name: string;
  description: string;
  default?: string;
  /** a value shown in documentation for a required parameter */
  example?: string;
  offset: number;
}

export type SpecTrust =
  | { kind: 'service'; services: Located[]; offset: number }
  | { kind: 'aws'; principals: Located[]; externalId?: Located; offset: number }
  | { kind: 'github'; repository: Located; ref?: Located; environment?: Located; offset: number }
  | { kind: 'webIdentity'; provider: Located; audience: Located; subject: Located; offset: number };

export interface SpecStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: Located[];
  access: AccessLevel[];
  accessOffset?: number;
  resources: Located[];
  resourceType?: Located;
  names: Located[];
  conditions?: PolicyJson;
  purpose?: string;
  /** include the statement only when this parameter's value is not empty */
  when?: Located;
  offset: number;
}

export interface SpecRequest {
  name: string;
  action: Located;
  resource: Located;
  principal?: Located;
  context?: Record<string, string | string[]>;
  expect?: 'allowed' | 'explicitDeny' | 'implicitDeny';
  offset: number;
}

export interface SpecRole {
  name: Located;
  description?: string;
  path?: string;
  trust: SpecTrust[];
  managedPolicies: Located[];
  policyName?: string;
  policyKind: 'inline' | 'managed';
  permissions: SpecStatement[];
  tests: SpecRequest[];
  guardrails: SpecRequest[];
  notes: string[];
  maxSessionDuration?: number;
  permissionsBoundary?: Located;
  /** include the role only when this parameter's value is not empty */
  when?: Located;
  offset: number;
}

export interface Spec {
  name: string;
  description: string;
  parameters: SpecParameter[];
  roles: SpecRole[];
  verify: string[];
  source: SpecSource;
}

/** Access levels as the spec writes them (policy_sentry's words). */
export const ACCESS_WORDS: Readonly<Record<string, AccessLevel>> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  tagging: 'Tagging',
  'permissions-management': 'Permissions management',
};

/** GitHub's OWNER/REPO (the repository part may be a wildcard pattern). */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.*-]+$/;

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Parses spec text (YAML, of which JSON is a subset). Throws `SpecError` pointing at the problem. */
export function parseSpec(text: string, path: string): Spec {
  const source = new SpecSource(path, text);
  const parsed = parseYaml(text);
  if (!parsed.ok) throw source.error(parsed.error.offset, `${parsed.error.message.replace(/\s+/g, ' ')}; fix the YAML syntax`);
  const dup = parsed.duplicateKeys[0];
  if (dup) throw source.error(dup.offset, `"${dup.key}" is written twice in the same mapping; keep one`);
  return new Reader(source).spec(parsed.node);
}

class Reader {
  constructor(private readonly src: SpecSource) {}

  private fail(offset: number, message: string): never {
    throw this.src.error(offset, message);
  }

  private object(node: JsonNode, what: string, allowed: readonly string[], example: string): ObjectNode {
    if (node.kind !== 'object') this.fail(node.start, `${what} must be a mapping, e.g. ${example}`);
    for (const p of node.props) {
      if (!allowed.includes(p.key)) {
        const near = allowed.filter((k) => editDistance(k.toLowerCase(), p.key.toLowerCase(), 3) <= 3);
        const hint = near.length > 0 ? `did you mean "${near[0]}"?` : `write one of ${allowed.join(', ')}`;
        this.fail(p.keyStart, `unknown key "${p.key}" in ${what}; ${hint}`);
      }
    }
    return node;
  }

  private prop(node: ObjectNode, key: string): Property | undefined {
    return node.props.find((p) => p.key === key);
  }

  private required(node: ObjectNode, key: string, what: string, example: string): Property {
    const p = this.prop(node, key);
    if (!p) this.fail(node.start, `${what} needs "${key}", e.g. ${key}: ${example}`);
    return p;
  }

  private string(node: JsonNode, what: string, example: string): Located {
    if (node.kind === 'string') return { value: node.value, offset: node.start };
    // YAML reads 123456789012 and true as a number and a boolean; in a spec they are the text as written.
    if (node.kind === 'number') return { value: node.raw, offset: node.start };
    if (node.kind === 'boolean') return { value: String(node.value), offset: node.start };
    this.fail(node.start, `${what} must be a string, e.g. ${example}`);
  }

  private nonEmpty(node: JsonNode, what: string, example: string): Located {
    const s = this.string(node, what, example);
    if (s.value.trim() === '') this.fail(node.start, `${what} is empty; write e.g. ${example}`);
    return s;
  }

  /** A string or a list of strings. */
  private strings(node: JsonNode, what: string, example: string): Located[] {
    if (node.kind === 'array') {
      if (node.items.length === 0) this.fail(node.start, `${what} is an empty list; write at least one, e.g. [${example}]`);
      return node.items.map((i) => this.nonEmpty(i, `each of ${what}`, example));
    }
    return [this.nonEmpty(node, what, example)];
  }

  private list(node: JsonNode, what: string, example: string): JsonNode[] {
    if (node.kind !== 'array') this.fail(node.start, `${what} must be a list, e.g.\n${example}`);
    return node.items;
  }

  private json(node: JsonNode): JsonValue {
    switch (node.kind) {
      case 'object':
        return Object.fromEntries(node.props.map((p) => [p.key, this.json(p.value)]));
      case 'array':
        return node.items.map((i) => this.json(i));
      case 'number':
        return node.raw;
      case 'boolean':
        return String(node.value);
      case 'null':
        return null;
      default:
        return node.value;
    }
  }

  spec(root: JsonNode): Spec {
    const top = this.object(root, 'the spec', ['name', 'description', 'parameters', 'roles', 'verify'], '"roles: [...]"');
    const name = this.prop(top, 'name');
    const description = this.prop(top, 'description');
    const params = this.prop(top, 'parameters');
    const roles = this.required(top, 'roles', 'the spec', '[{name: "{project}-deploy", trust: {...}, permissions: [...]}]');
    const verify = this.prop(top, 'verify');
    const roleNodes = this.list(roles.value, 'roles', '- name: "{project}-deploy-{environment}"');
    if (roleNodes.length === 0) this.fail(roles.value.start, 'roles is empty; describe at least one role');
    return {
      name: name ? this.nonEmpty(name.value, 'name', 'my-service').value : 'spec',
      description: description ? this.string(description.value, 'description', 'what the roles are for').value : '',
      parameters: params ? this.parameters(params.value) : [],
      roles: roleNodes.map((r) => this.role(r)),
      verify: verify ? this.strings(verify.value, 'verify', '"aws sts get-caller-identity"').map((s) => s.value) : [],
      source: this.src,
    };
  }

  private parameters(node: JsonNode): SpecParameter[] {
    const obj = node.kind === 'object' ? node : this.fail(node.start, 'parameters must be a mapping of name to default or to {default, description}, e.g. parameters: {bucket: my-bucket}');
    return obj.props.map((p) => {
      if (!PARAMETER_NAME.test(p.key)) this.fail(p.keyStart, `parameter name "${p.key}" must be letters, digits and _ (starting with a letter), e.g. state_bucket`);
      const v = p.value;
      if (v.kind !== 'object') {
        if (v.kind === 'null') return { name: p.key, description: '', offset: p.keyStart };
        return { name: p.key, description: '', default: this.string(v, `the default of ${p.key}`, 'my-bucket').value, offset: p.keyStart };
      }
      const o = this.object(v, `parameter ${p.key}`, ['default', 'description', 'example'], '{default: my-bucket, description: "…"}');
      const def = this.prop(o, 'default');
      const desc = this.prop(o, 'description');
      const example = this.prop(o, 'example');
      const out: SpecParameter = {
        name: p.key,
        description: desc ? this.string(desc.value, 'description', '"the state bucket"').value : '',
        offset: p.keyStart,
      };
      if (def && def.value.kind !== 'null') out.default = this.string(def.value, `the default of ${p.key}`, 'my-bucket').value;
      if (example) out.example = this.string(example.value, `the example of ${p.key}`, 'my-bucket').value;
      return out;
    });
  }

  private role(node: JsonNode): SpecRole {
    const keys = [
      'name', 'description', 'path', 'trust', 'managedPolicies', 'policyName', 'policyKind', 'permissions', 'tests',
      'guardrails', 'notes', 'maxSessionDuration', 'permissionsBoundary', 'when',
    ];
    const o = this.object(node, 'a role', keys, '{name: "{project}-deploy", trust: {...}, permissions: [...]}');
    const name = this.nonEmpty(this.required(o, 'name', 'a role', '"{project}-deploy-{environment}"').value, 'the role name', '"{project}-deploy"');
    const trustProp = this.required(o, 'trust', `role ${name.value}`, '{service: ecs-tasks.amazonaws.com}');
    const trustNodes = trustProp.value.kind === 'array' ? trustProp.value.items : [trustProp.value];
    if (trustNodes.length === 0) this.fail(trustProp.value.start, 'trust is an empty list; name who may assume the role');
    const get = (k: string) => this.prop(o, k);
    const kind = get('policyKind');
    const policyKind = kind ? this.string(kind.value, 'policyKind', 'inline').value : 'inline';
    if (policyKind !== 'inline' && policyKind !== 'managed') this.fail(kind!.value.start, `policyKind must be inline or managed (got "${policyKind}")`);
    const path = get('path');
    const pathValue = path ? this.string(path.value, 'path', '/ci/').value : undefined;
    if (pathValue !== undefined && !/^\/([\x21-\x7e]*\/)?$/.test(pathValue)) this.fail(path!.value.start, `path must start and end with "/", e.g. /ci/ (got "${pathValue}")`);
    const msd = get('maxSessionDuration');
    let maxSessionDuration: number | undefined;
    if (msd) {
      const n = msd.value.kind === 'number' ? msd.value.value : NaN;
      if (!Number.isInteger(n) || n < 3600 || n > 43200) this.fail(msd.value.start, 'maxSessionDuration is seconds from 3600 to 43200, e.g. 3600');
      maxSessionDuration = n;
    }
    const role: SpecRole = {
      name,
      trust: trustNodes.map((t) => this.trust(t)),
      managedPolicies: get('managedPolicies') ? this.strings(get('managedPolicies')!.value, 'managedPolicies', 'AmazonECSTaskExecutionRolePolicy') : [],
      policyKind,
      permissions: get('permissions') ? this.list(get('permissions')!.value, 'permissions', '- actions: [s3:GetObject]\n  resources: [arn:aws:s3:::my-bucket/*]').map((s) => this.statement(s)) : [],
      tests: get('tests') ? this.list(get('tests')!.value, 'tests', '- {action: s3:GetObject, resource: arn:aws:s3:::b/k}').map((t) => this.request(t, 'a test')) : [],
      guardrails: get('guardrails') ? this.list(get('guardrails')!.value, 'guardrails', '- {action: s3:DeleteBucket, resource: arn:aws:s3:::b}').map((t) => this.request(t, 'a guard rail')) : [],
      notes: get('notes') ? this.strings(get('notes')!.value, 'notes', '"why this role can pass roles"').map((s) => s.value) : [],
      offset: o.start,
    };
    if (get('description')) role.description = this.string(get('description')!.value, 'description', '"what the role is for"').value;
    if (pathValue !== undefined) role.path = pathValue;
    if (get('policyName')) role.policyName = this.nonEmpty(get('policyName')!.value, 'policyName', '"{project}-deploy"').value;
    if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration;
    if (get('permissionsBoundary')) role.permissionsBoundary = this.nonEmpty(get('permissionsBoundary')!.value, 'permissionsBoundary', 'arn:aws:iam::111122223333:policy/boundary');
    if (get('when')) role.when = this.nonEmpty(get('when')!.value, 'when', 'a parameter name');
    return role;
  }

  private trust(node: JsonNode): SpecTrust {
    const o = this.object(node, 'trust', ['service', 'account', 'role', 'principal', 'externalId', 'github', 'webIdentity'], '{service: ecs-tasks.amazonaws.com}');
    const kinds = o.props.filter((p) => p.key !== 'externalId');
    if (kinds.length !== 1) {
      this.fail(o.start, 'trust names exactly one of service, account, role, principal, github, webIdentity (write a list of trusts for several)');
    }
    const p = kinds[0]!;
    const ext = this.prop(o, 'externalId');
    if (ext && !['account', 'role', 'principal'].includes(p.key)) this.fail(ext.keyStart, 'externalId goes with account, role or principal trust only');
    switch (p.key) {
      case 'service':
        return { kind: 'service', services: this.strings(p.value, 'service', 'ecs-tasks.amazonaws.com'), offset: p.value.start };
      case 'account':
      case 'role':
      case 'principal': {
        const values = this.strings(p.value, p.key, p.key === 'account' ? '"{account}"' : 'arn:aws:iam::111122223333:role/ci');
        const principals = values.map((v) => {
          if (p.key === 'account') return { value: `arn:{partition}:iam::${v.value}:root`, offset: v.offset };
          if (p.key === 'role' && !v.value.startsWith('arn:')) return { value: `arn:{partition}:iam::{account}:role/${v.value}`, offset: v.offset };
          return v;
        });
        const t: SpecTrust = { kind: 'aws', principals, offset: p.value.start };
        if (ext) t.externalId = this.nonEmpty(ext.value, 'externalId', '"a-shared-secret-id"');
        return t;
      }
      case 'github': {
        const g = this.object(p.value, 'github trust', ['repository', 'ref', 'environment'], '{repository: octo-org/octo-repo, ref: refs/heads/main}');
        const repository = this.nonEmpty(this.required(g, 'repository', 'github trust', 'octo-org/octo-repo').value, 'repository', 'octo-org/octo-repo');
        if (!repository.value.includes('{') && !GITHUB_REPOSITORY.test(repository.value)) {
          this.fail(repository.offset, `repository is OWNER/REPO, e.g. octo-org/octo-repo (got "${repository.value}")`);
        }
        const t: SpecTrust = { kind: 'github', repository, offset: p.value.start };
        const ref = this.prop(g, 'ref');
        const env = this.prop(g, 'environment');
        if (ref && env) this.fail(env.keyStart, 'github trust takes ref or environment, not both (a job with an environment has the environment in its subject)');
        if (ref) {
          t.ref = this.nonEmpty(ref.value, 'ref', 'refs/heads/main');
          if (!t.ref.value.startsWith('refs/') && !t.ref.value.startsWith('{')) this.fail(t.ref.offset, `ref is a full Git ref, e.g. refs/heads/${t.ref.value} or refs/tags/v*`);
        }
        if (env) t.environment = this.nonEmpty(env.value, 'environment', 'production');
        return t;
      }
      default: {
        const w = this.object(p.value, 'webIdentity trust', ['provider', 'audience', 'subject'], '{provider: oidc.eks.eu-west-1.amazonaws.com/id/ABC, audience: sts.amazonaws.com, subject: "system:serviceaccount:ns:sa"}');
        const field = (k: string, ex: string) => this.nonEmpty(this.required(w, k, 'webIdentity trust', ex).value, k, ex);
        const provider = field('provider', 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE');
        if (provider.value.includes('://')) this.fail(provider.offset, `provider is the issuer without https://, e.g. ${provider.value.replace(/^[a-z]+:\/\//, '')}`);
        return { kind: 'webIdentity', provider, audience: field('audience', 'sts.amazonaws.com'), subject: field('subject', '"system:serviceaccount:ns:sa"'), offset: p.value.start };
      }
    }
  }

  private statement(node: JsonNode): SpecStatement {
    const keys = ['sid', 'effect', 'actions', 'access', 'resources', 'resourceType', 'names', 'conditions', 'purpose', 'when'];
    const o = this.object(node, 'a permission', keys, '{actions: [s3:GetObject], resources: [arn:aws:s3:::my-bucket/*]}');
    const get = (k: string) => this.prop(o, k);
    const st: SpecStatement = { effect: 'Allow', actions: [], access: [], resources: [], names: [], offset: o.start };
    if (get('sid')) {
      const sid = this.string(get('sid')!.value, 'sid', 'ReadState');
      if (!/^[A-Za-z0-9]+$/.test(sid.value)) this.fail(sid.offset, `sid is letters and digits only, e.g. ${sid.value.replace(/[^A-Za-z0-9]/g, '') || 'ReadState'}`);
      st.sid = sid.value;
    }
    if (get('effect')) {
      const e = this.string(get('effect')!.value, 'effect', 'Allow');
      if (e.value !== 'Allow' && e.value !== 'Deny') this.fail(e.offset, `effect is Allow or Deny (got "${e.value}")`);
      st.effect = e.value;
    }
    if (get('actions')) st.actions = this.strings(get('actions')!.value, 'actions', 's3:GetObject');
    if (get('access')) {
      const a = get('access')!;
      st.accessOffset = a.value.start;
      for (const w of this.strings(a.value, 'access', 'read')) {
        const level = ACCESS_WORDS[w.value.toLowerCase()];
        if (!level) this.fail(w.offset, `unknown access level "${w.value}"; write one of ${Object.keys(ACCESS_WORDS).join(', ')}`);
        if (!st.access.includes(level)) st.access.push(level);
      }
    }
    if (st.actions.length === 0 && st.access.length === 0) this.fail(o.start, 'a permission needs actions (e.g. actions: [s3:GetObject]) or access levels (e.g. access: [read])');
    if (get('resources')) st.resources = this.strings(get('resources')!.value, 'resources', 'arn:aws:s3:::my-bucket/*');
    if (get('resourceType')) st.resourceType = this.nonEmpty(get('resourceType')!.value, 'resourceType', 's3:bucket');
    if (get('names')) st.names = this.strings(get('names')!.value, 'names', '"{project}-artifacts"');
    if (st.resourceType && st.names.length === 0) this.fail(st.resourceType.offset, 'resourceType needs names, e.g. names: ["{project}-artifacts"]');
    if (st.names.length > 0 && !st.resourceType) this.fail(get('names')!.keyStart, 'names need a resourceType, e.g. resourceType: s3:bucket');
    if (st.access.length > 0 && st.resources.length === 0 && !st.resourceType) {
      this.fail(st.accessOffset!, 'access levels need the resources they apply to: add resources: [ARN…] or resourceType + names');
    }
    if (get('conditions')) {
      const c = get('conditions')!.value;
      if (c.kind !== 'object') this.fail(c.start, 'conditions is a mapping of operator to {key: value}, e.g. {StringEquals: {"aws:RequestedRegion": eu-west-1}}');
      st.conditions = this.json(c) as PolicyJson;
    }
    if (get('purpose')) st.purpose = this.string(get('purpose')!.value, 'purpose', '"read the state file"').value;
    if (get('when')) st.when = this.nonEmpty(get('when')!.value, 'when', 'a parameter name');
    return st;
  }

  private request(node: JsonNode, what: string): SpecRequest {
    const o = this.object(node, what, ['name', 'action', 'resource', 'principal', 'context', 'expect'], '{action: s3:GetObject, resource: arn:aws:s3:::b/k}');
    const action = this.nonEmpty(this.required(o, 'action', what, 's3:GetObject').value, 'action', 's3:GetObject');
    const resource = this.nonEmpty(this.required(o, 'resource', what, 'arn:aws:s3:::my-bucket/key').value, 'resource', 'arn:aws:s3:::my-bucket/key');
    const name = this.prop(o, 'name');
    const r: SpecRequest = {
      name: name ? this.string(name.value, 'name', '"reads the state"').value : `${action.value} on ${resource.value}`,
      action,
      resource,
      offset: o.start,
    };
    const principal = this.prop(o, 'principal');
    if (principal) r.principal = this.nonEmpty(principal.value, 'principal', 'arn:aws:iam::111122223333:role/ci');
    const context = this.prop(o, 'context');
    if (context) {
      const c = context.value;
      if (c.kind !== 'object') this.fail(c.start, 'context is a mapping of condition key to value, e.g. {"aws:SourceIp": 10.0.0.1}');
      r.context = {};
      for (const p of c.props) {
        r.context[p.key] = p.value.kind === 'array' ? p.value.items.map((i) => this.string(i, p.key, '"value"').value) : this.string(p.value, p.key, '"value"').value;
      }
    }
    const expect = this.prop(o, 'expect');
    if (expect) {
      const e = this.string(expect.value, 'expect', 'allowed');
      if (e.value !== 'allowed' && e.value !== 'explicitDeny' && e.value !== 'implicitDeny') this.fail(e.offset, `expect is allowed, explicitDeny or implicitDeny (got "${e.value}")`);
      r.expect = e.value;
    }
    return r;
  }
}

export { ACCESS_LEVELS };
