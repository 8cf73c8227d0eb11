/**
 * Spec → `GeneratedBundle` (template form). Every name, ARN and action is checked against the catalogue while the
 * bundle is built, and every test and guard rail of the spec is evaluated against the generated policies: a spec
 * whose promise does not hold is refused (`ExpectationError`), never written.
 */
import type { Catalog } from '../catalog/catalog.js';
import { getCatalog } from '../catalog/load.js';
import { parseArn } from '../engine/arn.js';
import { compilePolicySet, simulate } from '../engine/evaluate/index.js';
import { ExpectationError, type SpecSource } from './errors.js';
import { managedPolicyArn, suggestManagedPolicy } from './managed-policies.js';
import {
  mapStrings,
  markersIn,
  substitute,
  type GeneratedBundle,
  type GeneratedPolicy,
  type GeneratedRole,
  type PolicyJson,
  type RequestExpectation,
} from './model.js';
import { resolveParameters } from './parameters.js';
import { PermissionBuilder } from './permissions.js';
import { roleArnTemplate, runnableRequest } from './runnable.js';
import { GITHUB_REPOSITORY, type Located, type Spec, type SpecRequest, type SpecRole } from './spec.js';
import { trustPolicy } from './trust.js';

export interface GenerateOptions {
  /** `--set` values */
  sets?: ReadonlyMap<string, string>;
  catalog?: Catalog;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function generateFromSpec(spec: Spec, options: GenerateOptions = {}): GeneratedBundle {
  const catalog = options.catalog ?? getCatalog();
  const parameters = resolveParameters(spec, options.sets ?? new Map());
  const values = new Map(parameters.map((p) => [p.name, p.value]));
  const g = new Generator(spec.source, values, catalog);
  const roles: GeneratedRole[] = [];
  for (const r of spec.roles) {
    if (r.when && !values.has(r.when.value)) throw spec.source.error(r.when.offset, `when names no parameter "${r.when.value}"; write a parameter name, e.g. when: bucket`);
    if (r.when && values.get(r.when.value) === '') continue;
    roles.push(g.role(r));
  }
  const verify: string[] = [];
  for (const role of roles) verify.push(`aws iam get-role --role-name ${role.name} --query Role.AssumeRolePolicyDocument`);
  verify.push('leastpriv lint policies --fail-on warning', 'leastpriv test leastpriv-tests.yaml', ...spec.verify);
  const blueprint = /^blueprints\/([a-z0-9-]+)\.yaml$/.exec(spec.source.path);
  const origin = blueprint ? `--blueprint ${blueprint[1]}` : spec.source.path;
  return { name: spec.name, description: spec.description, parameters, roles, verify, origin };
}

class Generator {
  private readonly builder: PermissionBuilder;

  constructor(
    private readonly src: SpecSource,
    private readonly values: ReadonlyMap<string, string>,
    catalog: Catalog,
  ) {
    this.builder = new PermissionBuilder(catalog, values, src, (l) => this.checked(l));
  }

  /** The located template, after checking that every `{marker}` in it is a parameter. */
  checked(loc: Located): string {
    for (const m of markersIn(loc.value)) {
      if (!this.values.has(m)) {
        throw this.src.error(loc.offset, `{${m}} is not a parameter; declare it under parameters: or use one of ${[...this.values.keys()].map((k) => `{${k}}`).join(', ')}`);
      }
    }
    return loc.value;
  }

  private resolve(t: string): string {
    return substitute(t, this.values);
  }

  role(r: SpecRole): GeneratedRole {
    const name = this.checked(r.name);
    const resolvedName = this.resolve(name);
    if (!ROLE_NAME.test(resolvedName)) {
      throw this.src.error(r.name.offset, `role name "${resolvedName}" must be 1–64 characters of letters, digits and +=,.@_- (check the parameters it uses)`);
    }
    for (const t of r.trust) {
      const locs: Located[] =
        t.kind === 'service' ? t.services : t.kind === 'aws' ? [...t.principals, ...(t.externalId ? [t.externalId] : [])] : t.kind === 'github' ? [t.repository, ...(t.ref ? [t.ref] : []), ...(t.environment ? [t.environment] : [])] : [t.provider, t.audience, t.subject];
      for (const l of locs) this.checked(l);
    }
    for (const t of r.trust) {
      if (t.kind === 'github' && !GITHUB_REPOSITORY.test(this.resolve(t.repository.value))) {
        throw this.src.error(t.repository.offset, `the GitHub repository is OWNER/REPO, e.g. --set ${markersIn(t.repository.value)[0] ?? 'repository'}=octo-org/octo-repo (got "${this.resolve(t.repository.value)}")`);
      }
    }
    const trust = trustPolicy(r.trust);
    this.checkTrustAccounts(trust, r);
    const managedPolicyArns = r.managedPolicies.map((m) => this.managed(m));
    const built = this.builder.build(r.permissions);
    const policies: GeneratedPolicy[] = [];
    if (built.statements.length > 0) {
      const policy: GeneratedPolicy = {
        name: r.policyName ?? `${name}-policy`,
        document: { Version: '2012-10-17', Statement: built.statements },
        kind: r.policyKind,
      };
      if (r.description) policy.description = r.description;
      if (built.purposes.length > 0) policy.purposes = built.purposes;
      policies.push(policy);
    }
    const principal = roleArnTemplate(name, r.path);
    const tests: RequestExpectation[] = [];
    for (const s of built.samples) {
      if (tests.some((t) => t.action === s.action && t.resource === s.resource)) continue;
      const t: RequestExpectation = { name: `allows ${s.action} on ${this.resolve(s.resource)}`, action: s.action, resource: s.resource, principal, expect: 'allowed' };
      if (s.context) t.context = s.context;
      tests.push(t);
    }
    const outside: RequestExpectation[] = [];
    for (const s of built.samples) {
      if (!s.outside || outside.some((g) => g.action === s.action)) continue;
      const g: RequestExpectation = { name: `denies ${s.action} outside the granted resources`, action: s.action, resource: s.outside, principal, expect: 'implicitDeny' };
      if (s.context) g.context = s.context;
      outside.push(g);
    }
    const role: GeneratedRole = { name, trustPolicy: trust, managedPolicyArns, policies, tests, guardrails: [] };
    if (r.description) role.description = r.description;
    if (r.path) role.path = r.path;
    if (r.maxSessionDuration) role.maxSessionDuration = r.maxSessionDuration;
    if (r.permissionsBoundary) role.permissionsBoundaryArn = this.checked(r.permissionsBoundary);
    if (r.notes.length > 0) role.notes = r.notes;
    this.expectations(role, r, principal, outside);
    return role;
  }

  /** A principal naming an account must name a real one: `*` there would be invalid (or trust everyone). */
  private checkTrustAccounts(trust: PolicyJson, r: SpecRole): void {
    const resolved = mapStrings(trust, (s) => this.resolve(s)) as PolicyJson;
    const statements = resolved.Statement as PolicyJson[];
    statements.forEach((st, i) => {
      const principal = st.Principal as { [k: string]: string | string[] };
      const arns = Object.entries(principal).filter(([k]) => k !== 'Service').flatMap(([, v]) => (Array.isArray(v) ? v : [v]));
      for (const arn of arns) {
        const account = parseArn(arn)?.account;
        if (account !== undefined && !/^\d{12}$/.test(account)) {
          throw this.src.error(
            r.trust[i]!.offset,
            `the trust of role ${this.resolve(r.name.value)} names account "${account}" (${arn}); set the account id, e.g. --set account=123456789012`,
          );
        }
      }
    });
  }

  private managed(m: Located): string {
    const name = this.checked(m);
    if (name.startsWith('arn:')) return name;
    const arn = managedPolicyArn(name.replace(/^(service-role|aws-service-role|job-function)\//, ''));
    if (arn) return arn;
    const near = suggestManagedPolicy(name);
    throw this.src.error(m.offset, `"${name}" is no AWS managed policy${near ? `; did you mean ${near}?` : ''} (a customer managed policy is written as its ARN)`);
  }

  /** Runs the spec's tests and guard rails (and the automatic tests) against the role's own policies. */
  private expectations(role: GeneratedRole, r: SpecRole, principal: string, outside: readonly RequestExpectation[]): void {
    const identity = role.policies.map((p) => mapStrings(p.document, (s) => this.resolve(s)));
    const compiled = compilePolicySet({ identity });
    const request = (sr: SpecRequest, expect: RequestExpectation['expect']): RequestExpectation => {
      const e: RequestExpectation = { name: sr.name, action: this.checked(sr.action), resource: this.checked(sr.resource), principal: sr.principal ? this.checked(sr.principal) : principal, expect };
      if (sr.context) e.context = sr.context;
      return e;
    };
    const decide = (e: RequestExpectation) => {
      const run = runnableRequest(e, this.values);
      return simulate(compiled, { principal: run.principal!, action: run.action, resource: run.resource, ...(run.context ? { context: run.context } : {}) }, { explain: false }).decision;
    };
    for (const t of role.tests) {
      const got = decide(t);
      if (got !== 'allowed') throw new Error(`generated test "${t.name}" of role ${this.resolve(role.name)} is ${got}`);
    }
    for (const sr of r.tests) {
      const e = request(sr, sr.expect ?? 'allowed');
      const got = decide(e);
      if (got !== e.expect) {
        throw new ExpectationError(`${this.src.at(sr.offset)}: test "${sr.name}" expects ${e.expect}, the generated policies give ${got}; grant it in permissions or fix the test`);
      }
      role.tests.push(e);
    }
    for (const sr of r.guardrails) {
      const e = request(sr, sr.expect ?? 'implicitDeny');
      const got = decide(e);
      if (got === 'allowed' || (sr.expect && got !== sr.expect)) {
        throw new ExpectationError(`${this.src.at(sr.offset)}: guard rail "${sr.name}" must stay denied, the generated policies give ${got}; narrow the permissions that grant it`);
      }
      e.expect = got;
      role.guardrails.push(e);
    }
    // Automatic guard rails: each scoped action denied on a resource of its type outside the grant (kept only
    // where that holds: a pattern of "*" names every resource).
    for (const g of outside) {
      const got = decide(g);
      if (got === 'allowed') continue;
      role.guardrails.push({ ...g, expect: got });
    }
  }
}
