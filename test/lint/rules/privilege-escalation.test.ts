import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../../src/catalog/load.js';
import { ESCALATION_ACTIONS, ESCALATION_PATHS } from '../../../src/lint/escalation-paths.js';
import rule from '../../../src/lint/rules/privilege-escalation.js';
import { runRule, ruleTester } from '../../helpers/rule-tester.js';

const policy = (...statements: Record<string, unknown>[]) => ({
  Version: '2012-10-17',
  Statement: statements.map((s) => ({ Effect: 'Allow', ...s })),
});
const ECS_LAUNCH = { Action: ['ecs:RegisterTaskDefinition', 'ecs:RunTask'], Resource: '*' };
const seed = readFileSync(new URL('../fixtures/seed-terraform-ecs-module.json', import.meta.url), 'utf8');

ruleTester(rule, {
  valid: [
    {
      name: 'PassRole scoped to ecsTaskExecutionRole and AttachRolePolicy on other roles share no role',
      policy: policy(
        { Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/ecsTaskExecutionRole' },
        { Action: ['iam:CreateRole', 'iam:AttachRolePolicy'], Resource: 'arn:aws:iam::*:role/app-*' },
        ECS_LAUNCH,
      ),
    },
    {
      name: 'PassRole on "*" limited by iam:PassedToService to ECS does not reach EC2',
      policy: policy(
        { Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
        { Action: 'ec2:RunInstances', Resource: '*' },
      ),
    },
    {
      name: 'attaching only named policies (iam:PolicyARN) is the documented safe delegation',
      policy: policy(
        {
          Action: 'iam:AttachRolePolicy',
          Resource: 'arn:aws:iam::*:role/app-*',
          Condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' } },
        },
        { Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app-*' },
        ECS_LAUNCH,
      ),
    },
    {
      name: 'roles created and extended only under a permissions boundary (iam:PermissionsBoundary)',
      policy: policy(
        {
          Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
          Resource: 'arn:aws:iam::*:role/app-*',
          Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::123456789012:policy/boundary' } },
        },
        { Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/app-*' },
        ECS_LAUNCH,
      ),
    },
    { name: 'self-service access keys (${aws:username})', policy: policy({ Action: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'], Resource: 'arn:aws:iam::*:user/${aws:username}' }) },
    { name: 'UpdateFunctionCode on one function is a deploy, not an escalation', policy: policy({ Action: 'lambda:UpdateFunctionCode', Resource: 'arn:aws:lambda:*:*:function:app' }) },
    { name: 'AssumeRole on one named role', policy: policy({ Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/deploy' }) },
    {
      name: 'SendCommand to instances narrowed by tag',
      policy: policy({ Action: 'ssm:SendCommand', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/patch': 'yes' } } }),
    },
    { name: '"*" on "*" is full-admin\'s finding (nothing to escalate to)', policy: policy({ Action: '*', Resource: '*' }) },
    { name: 'an unconditional Deny of the action on "*" removes it', policy: policy({ Action: 'iam:AttachUserPolicy', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }) },
    {
      name: 'a Deny whose resources contain every allowed resource removes it',
      policy: policy({ Action: 'iam:PutUserPolicy', Resource: 'arn:aws:iam::*:user/dev-*' }, { Effect: 'Deny', Action: 'iam:Put*', Resource: 'arn:aws:iam::*:user/*' }),
    },
    { name: 'iam:Attach* on users does not reach roles or groups', policy: policy({ Action: 'iam:Attach*', Resource: 'arn:aws:iam::*:user/ci' }, { Action: 'iam:AttachUserPolicy', Effect: 'Deny', Resource: '*' }) },
    { name: 'read-only IAM', policy: policy({ Action: ['iam:Get*', 'iam:List*'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'seed: Terraform ECS module (CreateRole, AttachRolePolicy, PassRole on the same role patterns, RegisterTaskDefinition, RunTask)',
      policy: seed,
      errors: [{ pointer: '/Statement/3/Action/15', message: 'modify-role-passrole-ecs' }],
    },
    {
      name: 'create, attach, pass, run across statements names every action and statement',
      policy: policy(
        { Sid: 'Roles', Action: ['iam:CreateRole', 'iam:AttachRolePolicy', 'iam:PassRole'], Resource: 'arn:aws:iam::*:role/task-*' },
        { Sid: 'Ecs', ...ECS_LAUNCH },
      ),
      errors: [
        {
          pointer: '/Statement/0/Action/1',
          message:
            'iam:AttachRolePolicy (statement 0 "Roles"), iam:CreateRole (statement 0 "Roles"), iam:PassRole to ecs-tasks.amazonaws.com (statement 0 "Roles"), ecs:RegisterTaskDefinition (statement 1 "Ecs"), ecs:RunTask (statement 1 "Ecs")',
        },
      ],
    },
    {
      name: 'overlapping role patterns combine (task-* and *-prod)',
      policy: policy(
        { Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::*:role/task-*' },
        { Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*-prod' },
        { Action: ['codebuild:CreateProject', 'codebuild:StartBuild'], Resource: '*' },
      ),
      errors: [
        { pointer: '/Statement/0/Action', message: 'modify-role-passrole-codebuild' },
        // StartBuild on every project is a path of its own (buildspec override).
        { pointer: '/Statement/2/Action/1', message: 'codebuild-start-build-override' },
      ],
    },
    {
      name: 'PassRole on "*" with RunInstances (Rhino: PassRole + ec2:RunInstances)',
      policy: policy({ Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }),
      errors: [{ pointer: '/Statement/0/Action/0', message: 'passrole-ec2' }],
    },
    {
      name: 'the modify-and-pass variant is not repeated when pass-any-role and modify-any-role are found',
      policy: policy({ Action: ['iam:PassRole', 'iam:AttachRolePolicy'], Resource: '*' }, ECS_LAUNCH),
      errors: [
        { pointer: '/Statement/0/Action/0', message: 'passrole-ecs' },
        // AttachRolePolicy on every role includes the principal's own role (pathfinding iam-009).
        { pointer: '/Statement/0/Action/1', message: 'iam-modify-any-role' },
      ],
    },
    {
      name: 'PassRole through iam:* with lambda:CreateFunction and InvokeFunction',
      policy: policy({ Action: 'iam:Pass*', Resource: 'arn:aws:iam::*:role/*' }, { Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'passrole-lambda-invoke' }],
    },
    {
      name: 'iam:Attach* on users: only the user path',
      policy: policy({ Action: 'iam:Attach*', Resource: 'arn:aws:iam::*:user/*' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'iam-attach-user-policy' }],
    },
    {
      name: 'NotAction counts: everything but EC2 on users reaches the user paths',
      policy: policy({ NotAction: 'ec2:*', Resource: 'arn:aws:iam::*:user/*' }),
      errors: ['iam-create-access-key', 'iam-create-login-profile', 'iam-update-login-profile', 'iam-attach-user-policy', 'iam-put-user-policy'].map(
        () => ({ pointer: '/Statement/0/NotAction' }),
      ),
    },
    {
      name: 'a Deny on a narrower resource leaves the rest',
      policy: policy({ Action: 'iam:AttachUserPolicy', Resource: '*' }, { Effect: 'Deny', Action: 'iam:AttachUserPolicy', Resource: 'arn:aws:iam::*:user/admin' }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'a conditional Deny may not apply and is ignored',
      policy: policy(
        { Action: 'iam:AddUserToGroup', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:AddUserToGroup', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ),
      errors: [{ pointer: '/Statement/0/Action', message: 'iam-add-user-to-group' }],
    },
    {
      name: 'CreatePolicyVersion on one named policy is reported: whether it is attached to the principal is unknown',
      policy: policy({ Action: 'iam:CreatePolicyVersion', Resource: 'arn:aws:iam::123456789012:policy/app' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'iam-create-policy-version' }],
    },
    {
      name: 'attach to a role and assume it (shared role)',
      policy: policy({ Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/dev-*' }, { Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/dev-ops' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'iam-modify-role-assume' }],
    },
    {
      name: 'modify a role and rewrite its trust: no sts:AssumeRole needed when the trust names the principal',
      policy: policy({ Action: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], Resource: 'arn:aws:iam::123456789012:role/app' }),
      errors: [{ pointer: '/Statement/0/Action/0', message: 'iam-modify-role-update-trust' }],
    },
    {
      name: 'Batch has no iam:PassedToService service to check: PassRole on "*" with a job definition and submit',
      policy: policy({ Action: ['iam:PassRole', 'batch:RegisterJobDefinition', 'batch:SubmitJob'], Resource: '*' }),
      errors: [{ pointer: '/Statement/0/Action/0', message: 'passrole-batch' }],
    },
    {
      name: 'AssumeRole on every role',
      policy: policy({ Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::*:role/*' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'sts-assume-role-any' }],
    },
    {
      name: 'UpdateFunctionCode on every function',
      policy: policy({ Action: 'lambda:UpdateFunctionCode', Resource: 'arn:aws:lambda:*:*:function:*' }),
      errors: [{ pointer: '/Statement/0/Action', message: 'lambda-update-function-code' }],
    },
    {
      name: 'SendCommand on every instance',
      policy: policy({ Action: 'ssm:SendCommand', Resource: ['arn:aws:ssm:*:*:document/AWS-RunShellScript', 'arn:aws:ec2:*:*:instance/*'] }),
      errors: [{ pointer: '/Statement/0/Action', message: 'ssm-send-command' }],
    },
  ],
});

describe('escalation path table', () => {
  const catalog = getCatalog();
  it('every action a path names exists in the catalogue', () => {
    expect(ESCALATION_ACTIONS.filter((a) => !catalog.action(a))).toEqual([]);
  });
  it('ids are unique, every path has a source URL, and subsumedBy names a path', () => {
    const ids = ESCALATION_PATHS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of ESCALATION_PATHS) {
      expect(p.source).toMatch(/^https:\/\//);
      for (const id of p.subsumedBy ?? []) expect(ids).toContain(id);
    }
  });
  it('the docs page lists every path', () => {
    const doc = readFileSync(new URL('../../../docs/rules/privilege-escalation.md', import.meta.url), 'utf8');
    expect(ids().filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
  it('a policy that grants many actions through wildcards is judged quickly (no per-action expansion of "*")', () => {
    const big = policy({ NotAction: ['iam:CreateRole'], Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
    const start = performance.now();
    for (let i = 0; i < 50; i++) runRule(rule, { name: 'big', policy: big });
    expect(runRule(rule, { name: 'big', policy: big }).length).toBeGreaterThan(20);
    expect((performance.now() - start) / 51).toBeLessThan(50);
  });
});

function ids(): string[] {
  return ESCALATION_PATHS.map((p) => p.id);
}
