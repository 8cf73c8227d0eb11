/**
 * The spec format: what it generates (access levels, resource types, the split of resource-less actions, trust
 * kinds, managed policy paths) and its errors — each one line, pointing at line:column, saying what to write.
 */
import { describe, expect, test } from 'vitest';
import { ExpectationError, SpecError } from '../../src/generate/errors.js';
import { generateFromSpec } from '../../src/generate/generator.js';
import { mapStrings, parameterValues, substitute, type GeneratedBundle, type PolicyJson } from '../../src/generate/model.js';
import { parseSpec } from '../../src/generate/spec.js';

function gen(text: string, sets: Record<string, string> = {}): GeneratedBundle {
  return generateFromSpec(parseSpec(text, 'spec.yaml'), { sets: new Map(Object.entries(sets)) });
}

function policy(b: GeneratedBundle, role = 0): PolicyJson {
  const values = parameterValues(b);
  return mapStrings(b.roles[role]!.policies[0]!.document, (s) => substitute(s, values)) as PolicyJson;
}

function trust(b: GeneratedBundle): PolicyJson {
  const values = parameterValues(b);
  return mapStrings(b.roles[0]!.trustPolicy, (s) => substitute(s, values)) as PolicyJson;
}

function errorOf(text: string, sets: Record<string, string> = {}): string {
  try {
    gen(text, sets);
  } catch (e) {
    if (e instanceof SpecError || e instanceof ExpectationError) return e.message;
    throw e;
  }
  throw new Error('expected an error');
}

const role = (body: string) => `roles:\n  - name: "{project}-r"\n    trust: {service: ecs-tasks.amazonaws.com}\n${body}`;

describe('permissions', () => {
  test('actions that support no resource-level permissions move to their own Resource "*" statement', () => {
    const b = gen(role(`    permissions:\n      - actions: [ecr:GetAuthorizationToken, ecr:PutImage]\n        resourceType: ecr:repository\n        names: [app]\n`), { account: '111122223333' });
    expect(policy(b).Statement).toEqual([
      { Effect: 'Allow', Action: 'ecr:PutImage', Resource: 'arn:aws:ecr:*:111122223333:repository/app' },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ]);
  });

  test('each action is granted only on the resources of a type it acts on (bucket vs object)', () => {
    const b = gen(role(`    permissions:\n      - actions: [s3:ListBucket, s3:GetObject]\n        resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]\n`));
    expect(policy(b).Statement).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ]);
  });

  test('resourceType + names builds the ARN from the catalogue format with partition, region and account', () => {
    const b = gen(role(`    permissions:\n      - actions: [ecs:UpdateService]\n        resourceType: ecs:service\n        names: ["{project}-c/web"]\n`), { account: '111122223333', region: 'eu-west-1', partition: 'aws-cn' });
    expect(policy(b).Statement).toEqual([{ Effect: 'Allow', Action: 'ecs:UpdateService', Resource: 'arn:aws-cn:ecs:eu-west-1:111122223333:service/myapp-c/web' }]);
  });

  test('access levels choose the actions of the catalogue that act on the resource type (policy_sentry style)', () => {
    const b = gen(role(`    permissions:\n      - access: [read]\n        resourceType: sqs:queue\n        names: [jobs]\n`));
    const actions = (policy(b).Statement as PolicyJson[])[0]!.Action as string[];
    expect(actions).toContain('sqs:ReceiveMessage');
    expect(actions).toContain('sqs:GetQueueAttributes');
    expect(actions).not.toContain('sqs:SendMessage');
    expect(actions).not.toContain('sqs:DeleteQueue');
  });

  test('conditions are kept on every statement of the split, and "when" drops a statement for an empty parameter', () => {
    const b = gen(`parameters: {bucket: ""}\n` + role(`    permissions:\n      - actions: [iam:PassRole]\n        resources: ["arn:aws:iam::111122223333:role/x"]\n        conditions: {StringEquals: {"iam:PassedToService": ecs-tasks.amazonaws.com}}\n      - when: bucket\n        actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::{bucket}/*"]\n`));
    expect(policy(b).Statement).toEqual([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/x', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } }]);
    expect(b.roles[0]!.tests[0]!.context).toEqual({ 'iam:PassedToService': 'ecs-tasks.amazonaws.com' });
  });

  test('automatic tests: each granted action allowed on its resource', () => {
    const b = gen(role(`    permissions:\n      - actions: [s3:GetObject, s3:PutObject]\n        resources: ["arn:aws:s3:::b/*"]\n`));
    expect(b.roles[0]!.tests.map((t) => [t.action, t.resource, t.expect])).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::b/*', 'allowed'],
      ['s3:PutObject', 'arn:aws:s3:::b/*', 'allowed'],
    ]);
  });

  test('AWS managed policies are attached by name with the path AWS files them under', () => {
    const b = gen(role(`    managedPolicies: [AmazonECSTaskExecutionRolePolicy, ReadOnlyAccess, AWSServiceRoleForECS]\n`).replace('AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'));
    expect(b.roles[0]!.managedPolicyArns.map((a) => substitute(a, parameterValues(b)))).toEqual([
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy',
    ]);
  });
});

test('automatic guard rails: a scoped action is denied on a resource of its type outside the grant; none for "*" patterns', () => {
  const b = gen(role(`    permissions:\n      - actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::b/*"]\n      - actions: [sqs:SendMessage]\n        resources: ["arn:aws:sqs:*:*:*"]\n`));
  expect(b.roles[0]!.guardrails.map((g) => [g.action, g.resource, g.expect])).toEqual([['s3:GetObject', 'arn:aws:s3:::leastpriv-outside/leastpriv-outside', 'implicitDeny']]);
});

describe('trust', () => {
  test('GitHub Actions OIDC: federated provider, aud sts.amazonaws.com, sub naming repository and ref', () => {
    const b = gen(`roles:\n  - name: ci\n    trust: {github: {repository: octo-org/octo-repo, ref: refs/heads/main}}\n`, { account: '111122223333' });
    expect(trust(b).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main' } },
      },
    ]);
  });
  test('GitHub environment → sub repo:O/R:environment:E; no ref or environment → StringLike repo:O/R:*', () => {
    const env = gen(`roles:\n  - name: ci\n    trust: {github: {repository: o/r, environment: prod}}\n`, { account: '111122223333' });
    expect(JSON.stringify(trust(env))).toContain('"repo:o/r:environment:prod"');
    const any = gen(`roles:\n  - name: ci\n    trust: {github: {repository: o/r}}\n`, { account: '111122223333' });
    expect((trust(any).Statement as PolicyJson[])[0]!.Condition).toEqual({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } });
  });
  test('account trust with external id', () => {
    const b = gen(`roles:\n  - name: x\n    trust: {account: "444455556666", externalId: abc}\n`);
    expect(trust(b).Statement).toEqual([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }]);
  });
  test('generic web identity', () => {
    const b = gen(`roles:\n  - name: x\n    trust: {webIdentity: {provider: oidc.eks.eu-west-1.amazonaws.com/id/ABC, audience: sts.amazonaws.com, subject: "system:serviceaccount:ns:sa"}}\n`, { account: '111122223333' });
    expect((trust(b).Statement as PolicyJson[])[0]!.Condition).toEqual({ StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com', 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:ns:sa' } });
  });
});

describe('parameters', () => {
  test('--set overrides defaults, and defaults may refer to other parameters', () => {
    const b = gen(`parameters: {bucket: "{project}-data"}\n` + role(''), { project: 'shop' });
    expect(parameterValues(b).get('bucket')).toBe('shop-data');
    expect(b.parameters.find((p) => p.name === 'bucket')!.default).toBe('shop-data');
    expect(substitute(b.roles[0]!.name, parameterValues(b))).toBe('shop-r');
  });
  test('common defaults: project myapp, environment dev, account *, region *, partition aws', () => {
    expect(Object.fromEntries(gen(role('')).parameters.map((p) => [p.name, p.value]))).toEqual({ project: 'myapp', environment: 'dev', account: '*', region: '*', partition: 'aws' });
  });
  test('an unknown --set key is an error naming the parameters', () => {
    expect(errorOf(role(''), { projct: 'x' })).toBe('unknown parameter "projct" in --set; spec takes project, environment, account, region, partition');
  });
  test('a required parameter without a value', () => {
    expect(errorOf(`parameters: {bucket: {description: the bucket, example: my-bucket}}\n` + role(''))).toBe('parameter "bucket" has no value; add --set bucket=my-bucket (the bucket)');
  });
});

describe('errors point at line:column and say what to write', () => {
  test.each([
    ['unknown top-level key', `rolez: []\n`, 'spec.yaml:1:1: unknown key "rolez" in the spec; did you mean "roles"?'],
    ['unknown action with the nearest real one', role(`    permissions:\n      - actions: [ecs:DescribeClsuters]\n        resources: ["*"]\n`), 'spec.yaml:5:19: unknown action "ecs:DescribeClsuters"; did you mean ecs:DescribeClusters?'],
    ['unknown access level', role(`    permissions:\n      - access: [reed]\n        resources: ["arn:aws:s3:::b"]\n`), 'spec.yaml:5:18: unknown access level "reed"; write one of list, read, write, tagging, permissions-management'],
    ['unknown resource type', role(`    permissions:\n      - actions: [s3:GetObject]\n        resourceType: s3:objects\n        names: [b/*]\n`), 'spec.yaml:6:23: s3 has no resource type "objects"; did you mean s3:object?'],
    ['action on a resource of the wrong type', role(`    permissions:\n      - actions: [iam:CreatePolicy]\n        resources: ["arn:aws:iam::111122223333:role/x"]\n`), 'spec.yaml:5:19: iam:CreatePolicy acts on iam:policy, and none of this permission\'s resources is one; add a resource like arn:{partition}:iam::{account}:policy/POLICYNAMEWITHPATH'],
    ['undeclared marker', role(`    permissions:\n      - actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::{bucket}/*"]\n`), 'spec.yaml:6:21: {bucket} is not a parameter; declare it under parameters:'],
    ['not an ARN', role(`    permissions:\n      - actions: [s3:GetObject]\n        resources: ["s3://b/*"]\n`), 'spec.yaml:6:21: "s3://b/*" is not an ARN; write arn:{partition}:SERVICE:{region}:{account}:RESOURCE'],
    ['YAML syntax', `roles: [\n`, 'spec.yaml:2:1: invalid YAML'],
    ['missing trust', `roles:\n  - name: x\n`, 'spec.yaml:2:5: role x needs "trust", e.g. trust: {service: ecs-tasks.amazonaws.com}'],
    ['trust account left as *', `roles:\n  - name: x\n    trust: {github: {repository: o/r}}\n`, 'spec.yaml:3:21: the trust of role x names account "*"'],
    ['unknown managed policy', role(`    managedPolicies: [AmazonECSTaskExecutionPolicy]\n`), 'spec.yaml:4:23: "AmazonECSTaskExecutionPolicy" is no AWS managed policy; did you mean AmazonECSTaskExecutionRolePolicy?'],
    ['guard rail that the permissions allow', role(`    permissions:\n      - actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::b/*"]\n    guardrails:\n      - {name: no reads, action: s3:GetObject, resource: "arn:aws:s3:::b/k"}\n`), 'spec.yaml:8:9: guard rail "no reads" must stay denied, the generated policies give allowed'],
    ['test that the permissions do not allow', role(`    permissions:\n      - actions: [s3:GetObject]\n        resources: ["arn:aws:s3:::b/*"]\n    tests:\n      - {name: writes, action: s3:PutObject, resource: "arn:aws:s3:::b/k"}\n`), 'spec.yaml:8:9: test "writes" expects allowed, the generated policies give implicitDeny'],
  ])('%s', (_name, text, expected) => {
    const message = errorOf(text);
    expect(message.startsWith(expected), message).toBe(true);
    expect(message).not.toContain('\n');
  });
});

describe('library API', () => {
  test('generate() from spec text and from a blueprint, resolveBundle gives the contract shape', async () => {
    const { generate, resolveBundle } = await import('../../src/index.js');
    const fromSpec = resolveBundle(generate({ spec: role(`    permissions:\n      - {actions: [s3:GetObject], resources: ["arn:aws:s3:::b/*"]}\n`) }, { project: 'shop' }));
    expect(fromSpec.roles[0]!.name).toBe('shop-r');
    const fromBlueprint = resolveBundle(generate({ blueprint: 'ecs-exec-role' }));
    expect(fromBlueprint.roles[0]!.policies[0]!.document.Statement).toEqual([
      { Sid: 'EcsExecChannels', Effect: 'Allow', Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], Resource: '*' },
    ]);
  });
});

describe('examples', () => {
  test('examples/generate/ci-deploy.yaml is the example of docs/spec.md, and it generates', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '../..');
    const example = readFileSync(join(root, 'examples/generate/ci-deploy.yaml'), 'utf8');
    const doc = readFileSync(join(root, 'docs/spec.md'), 'utf8');
    expect(doc).toContain(example.slice(example.indexOf('\n') + 1));
    const b = generateFromSpec(parseSpec(example, 'ci-deploy.yaml'), { sets: new Map([['account', '123456789012'], ['service', 'web']]) });
    expect(policy(b).Statement).toEqual([
      { Effect: 'Allow', Action: ['ecs:UpdateService', 'ecs:DescribeServices'], Resource: 'arn:aws:ecs:*:123456789012:service/myapp-dev/web' },
      { Effect: 'Allow', Action: 'ecs:DescribeTaskDefinition', Resource: '*' },
    ]);
    expect(b.roles[0]!.guardrails.map((g) => [g.name, g.resource, g.expect])).toEqual([
      ['cannot create services', 'arn:{partition}:ecs:{region}:{account}:service/{cluster}/{service}', 'implicitDeny'],
      ['denies ecs:UpdateService outside the granted resources', 'arn:{partition}:ecs:{region}:{account}:service/leastpriv-outside/leastpriv-outside', 'implicitDeny'],
      ['denies ecs:DescribeServices outside the granted resources', 'arn:{partition}:ecs:{region}:{account}:service/leastpriv-outside/leastpriv-outside', 'implicitDeny'],
    ]);
  });
});

test('a parameter default that refers to an undeclared parameter points at the parameter', () => {
  expect(errorOf(`parameters:\n  bucket: "{projekt}-data"\n` + role(''))).toBe('spec.yaml:2:3: the value of parameter "bucket" refers to {projekt}, which is not a parameter; declare projekt under parameters: or write the text without braces');
});

test('parameters that refer to each other in a cycle are an error', () => {
  expect(errorOf(`parameters:\n  a: "{b}-x"\n  b: "{a}"\n` + role(''))).toMatch(/^parameter values refer to each other in a cycle \(a, b\)/);
});
