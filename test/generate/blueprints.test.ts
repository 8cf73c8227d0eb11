/**
 * Every shipped blueprint generates; every generated policy and trust policy is lint-clean at warning; every test
 * and guard rail holds through the evaluator — with the defaults and with every optional feature switched on.
 */
import { describe, expect, test } from 'vitest';
import { blueprintNames, loadBlueprint } from '../../src/generate/blueprints.js';
import { generateFromSpec } from '../../src/generate/generator.js';
import { mapStrings, parameterValues, substitute, type GeneratedBundle, type PolicyJson } from '../../src/generate/model.js';
import { runnableRequest } from '../../src/generate/runnable.js';
import { lintPolicy, simulate } from '../../src/index.js';

const REQUIRED: Record<string, string> = { github_repository: 'octo-org/octo-repo', bucket: 'my-dstack-bucket' };
const OPTIONAL_ON: Record<string, Record<string, string>> = {
  'ecs-task-execution-role': { secret_prefix: 'myapp/dev/', parameter_path: 'myapp/dev/', kms_key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  'ecs-task-role': { bucket: 'myapp-uploads', object_prefix: 'uploads/', table: 'myapp-items', queue: 'myapp-jobs' },
  'terraform-remote-state-s3': { lock_table: 'terraform-locks', kms_key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' },
  'ecs-prerequisites': { secret_prefix: 'myapp/dev/', parameter_path: 'myapp/dev/', kms_key_id: '1234abcd-12ab-34cd-56ef-1234567890ab', bucket: 'myapp-uploads', table: 'myapp-items', queue: 'myapp-jobs' },
};

test('ecs-prerequisites generates exactly the roles of the six ECS blueprints (it is their composition)', () => {
  const sets = { ...OPTIONAL_ON['ecs-prerequisites']!, repository: 'myapp-web' };
  const all = generate('ecs-prerequisites', sets);
  const { r } = resolved(all);
  const parts = ['ecs-task-execution-role', 'ecs-task-role', 'ecs-service-role', 'codebuild-service-role', 'codepipeline-service-role', 'ecs-exec-role'];
  const singles = parts.map((n) => {
    const spec = loadBlueprint(n);
    const own = Object.fromEntries(Object.entries(sets).filter(([k]) => spec.parameters.some((p) => p.name === k)));
    return generate(n, own);
  });
  expect(all.roles.map((x) => r(x.trustPolicy))).toEqual(singles.map((b) => resolved(b).r(b.roles[0]!.trustPolicy)));
  expect(all.roles.map((x) => x.policies.map((p) => r(p.document)))).toEqual(singles.map((b) => b.roles[0]!.policies.map((p) => resolved(b).r(p.document))));
  expect(all.roles.map((x) => x.guardrails.length)).toEqual(singles.map((b) => b.roles[0]!.guardrails.length));
  const without = generate('ecs-prerequisites', { service_role: '', exec_role: '' });
  expect(without.roles.map((x) => substitute(x.name, parameterValues(without)))).toEqual(['myapp-ecs-task-execution-role-dev', 'myapp-ecs-task-role-dev', 'myapp-codebuild-role-dev', 'myapp-codepipeline-role-dev']);
});

function generate(name: string, extra: Record<string, string> = {}): GeneratedBundle {
  const spec = loadBlueprint(name);
  const sets = new Map<string, string>([['account', '111122223333']]);
  for (const p of spec.parameters) if (p.default === undefined) sets.set(p.name, REQUIRED[p.name] ?? 'x');
  for (const [k, v] of Object.entries(extra)) sets.set(k, v);
  return generateFromSpec(spec, { sets });
}

function resolved(bundle: GeneratedBundle) {
  const values = parameterValues(bundle);
  const r = (d: PolicyJson) => mapStrings(d, (s) => substitute(s, values)) as PolicyJson;
  return { values, r };
}

const NAMES = blueprintNames();

test('the catalogue ships the blueprints of the seeds (and the ECS prerequisites page as one bundle)', () => {
  expect(NAMES).toEqual([
    'codebuild-service-role', 'codepipeline-service-role', 'dstack-aws', 'ecr-docker-push', 'ecs-exec-role', 'ecs-prerequisites',
    'ecs-service-deployment', 'ecs-service-role', 'ecs-task-execution-role', 'ecs-task-role', 'orchestra-ecs-compute', 'terraform-remote-state-s3', 'terragrunt',
  ]);
});

describe.each(NAMES.flatMap((n) => [[n, 'defaults', {}] as const, ...(OPTIONAL_ON[n] ? [[n, 'optional features on', OPTIONAL_ON[n]] as const] : [])]))('%s (%s)', (name, _label, extra) => {
  const bundle = generate(name, extra);
  const { values, r } = resolved(bundle);

  test('generates at least one role with a trust policy', () => {
    expect(bundle.roles.length).toBeGreaterThan(0);
    for (const role of bundle.roles) expect((role.trustPolicy.Statement as unknown[]).length).toBeGreaterThan(0);
  });

  test('every policy and trust policy is lint-clean at --fail-on warning', () => {
    for (const role of bundle.roles) {
      const trust = lintPolicy(r(role.trustPolicy), { type: 'trust' }).findings.filter((f) => f.severity !== 'suggestion');
      expect(trust, `trust policy of ${role.name}`).toEqual([]);
      for (const p of role.policies) {
        const findings = lintPolicy(r(p.document), { type: 'identity' }).findings.filter((f) => f.severity !== 'suggestion');
        expect(findings, `${p.name}`).toEqual([]);
      }
    }
  });

  test('every test is allowed and every guard rail denied by the evaluator', () => {
    for (const role of bundle.roles) {
      const identity = role.policies.map((p) => r(p.document));
      for (const e of [...role.tests, ...role.guardrails]) {
        const run = runnableRequest(e, values);
        const got = simulate({ identity }, { principal: run.principal!, action: run.action, resource: run.resource, ...(run.context ? { context: run.context } : {}) }).decision;
        expect(got, `${run.name}: ${run.action} on ${run.resource}`).toBe(run.expect);
        if (role.guardrails.includes(e)) expect(got).not.toBe('allowed');
      }
    }
  });

  test('no Allow statement grants an action on a resource it cannot act on, or a resource-less action on an ARN', () => {
    // the generator's split: resource-less actions only ever appear with Resource "*"
    for (const role of bundle.roles) for (const p of role.policies) for (const st of p.document.Statement as PolicyJson[]) {
      const resources = ([] as string[]).concat(st.Resource as string | string[]);
      if (resources.includes('*')) expect(resources).toEqual(['*']);
    }
  });
});

describe('guard rails the CI seed promises', () => {
  const deploy = generate('ecs-service-deployment');
  const push = generate('ecr-docker-push');
  const decide = (bundle: GeneratedBundle, action: string, resource: string, context?: Record<string, string>) => {
    const { r } = resolved(bundle);
    const identity = bundle.roles[0]!.policies.map((p) => r(p.document));
    return simulate({ identity }, { principal: 'arn:aws:iam::111122223333:role/ci', action, resource, ...(context ? { context } : {}) }).decision;
  };
  const svc = 'arn:aws:ecs:eu-west-1:111122223333:service/myapp-dev/myapp';
  test.each([
    ['ecs:UpdateService on the named service', 'ecs:UpdateService', svc, 'allowed'],
    ['ecs:RegisterTaskDefinition of the family', 'ecs:RegisterTaskDefinition', 'arn:aws:ecs:eu-west-1:111122223333:task-definition/myapp:7', 'allowed'],
    ['ecs:CreateService is denied', 'ecs:CreateService', svc, 'implicitDeny'],
    ['ecs:UpdateService of another service is denied', 'ecs:UpdateService', 'arn:aws:ecs:eu-west-1:111122223333:service/myapp-dev/billing', 'implicitDeny'],
    ['ecs:UpdateService in another cluster is denied', 'ecs:UpdateService', 'arn:aws:ecs:eu-west-1:111122223333:service/prod/myapp', 'implicitDeny'],
    ['ecs:DeleteService is denied', 'ecs:DeleteService', svc, 'implicitDeny'],
  ])('ecs-service-deployment: %s', (_n, action, resource, expected) => {
    expect(decide(deploy, action, resource)).toBe(expected);
  });
  test('ecs-service-deployment: PassRole only to ECS tasks (iam:PassedToService)', () => {
    const role = 'arn:aws:iam::111122223333:role/myapp-ecs-task-role-dev';
    expect(decide(deploy, 'iam:PassRole', role, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' })).toBe('allowed');
    expect(decide(deploy, 'iam:PassRole', role, { 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe('implicitDeny');
    expect(decide(deploy, 'iam:PassRole', role)).toBe('implicitDeny');
  });
  test.each([
    ['push to the named repository', 'ecr:PutImage', 'arn:aws:ecr:us-east-1:111122223333:repository/myapp', 'allowed'],
    ['upload layers to the named repository', 'ecr:UploadLayerPart', 'arn:aws:ecr:us-east-1:111122223333:repository/myapp', 'allowed'],
    ['push to another repository is denied', 'ecr:PutImage', 'arn:aws:ecr:us-east-1:111122223333:repository/other', 'implicitDeny'],
    ['push to a repository whose name starts the same is denied', 'ecr:PutImage', 'arn:aws:ecr:us-east-1:111122223333:repository/myapp-other', 'implicitDeny'],
    ['push to the repository in another account is denied', 'ecr:PutImage', 'arn:aws:ecr:us-east-1:999999999999:repository/myapp', 'implicitDeny'],
    ['registry login (no resource-level permissions) on *', 'ecr:GetAuthorizationToken', '*', 'allowed'],
  ])('ecr-docker-push: %s', (_n, action, resource, expected) => {
    expect(decide(push, action, resource)).toBe(expected);
  });
});

describe('escalation paths', () => {
  test('orchestra-ecs-compute: creating roles requires the permissions boundary; PassRole only to ECS tasks', () => {
    const b = generate('orchestra-ecs-compute');
    const { r } = resolved(b);
    const identity = b.roles[0]!.policies.map((p) => r(p.document));
    const role = 'arn:aws:iam::111122223333:role/myapp-orchestra-task-x';
    expect(JSON.stringify(b.roles[0]!.policies[0]!.document)).not.toContain('iam:CreatePolicyVersion');
    const boundary = 'arn:aws:iam::111122223333:policy/myapp-orchestra-boundary';
    const d = (action: string, context?: Record<string, string>) => simulate({ identity }, { principal: 'arn:aws:iam::111122223333:role/deployer', action, resource: role, ...(context ? { context } : {}) }).decision;
    expect(d('iam:CreateRole', { 'iam:PermissionsBoundary': boundary })).toBe('allowed');
    expect(d('iam:CreateRole')).toBe('implicitDeny');
    expect(d('iam:AttachRolePolicy', { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/other' })).toBe('implicitDeny');
    expect(d('iam:PassRole', { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' })).toBe('allowed');
    expect(d('iam:PassRole', { 'iam:PassedToService': 'lambda.amazonaws.com' })).toBe('implicitDeny');
    expect(b.roles[0]!.notes?.join(' ')).toMatch(/Escalation path closed/);
  });
  test('dstack-aws: the seed\'s escalation path is closed (runner role generated, the CLI cannot create or change roles)', () => {
    const b = generate('dstack-aws');
    expect(b.roles.map((r) => substitute(r.name, parameterValues(b)))).toEqual(['myapp-dstack-dev', 'dstack_role_my-dstack-bucket']);
    expect(b.roles[0]!.notes?.join(' ')).toMatch(/Escalation path closed/);
    const text = JSON.stringify(b.roles[0]!.policies[0]!.document);
    for (const a of ['iam:CreateRole', 'iam:CreatePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePolicy']) expect(text).not.toContain(`"${a}"`);
  });
  test('dstack-aws: no nonexistent action of the seed, instance profiles by their own ARNs, no s3:// pseudo-ARNs', () => {
    const b = generate('dstack-aws');
    const text = JSON.stringify(resolved(b).r(b.roles[0]!.policies[0]!.document));
    expect(text).not.toContain('ec2:CancelSpotRequests');
    expect(text).toContain('ec2:CancelSpotInstanceRequests');
    expect(text).toContain('arn:aws:iam::111122223333:instance-profile/dstack_role_my-dstack-bucket*');
    expect(text).not.toContain('s3://');
  });
});
