/**
 * Published AWS IAM privilege-escalation paths, as data for the privilege-escalation rule. A path is a set of
 * steps; each step is satisfied by any one of its actions, allowed on resources that fit the step's scope:
 *
 * - `any`: some resource the action acts on (the target may be the principal itself, which we cannot know);
 * - `others`: as `any`, but a grant limited to the principal's own user (`user/${aws:username}`) does not count
 *   (creating one's own access key is self-service, not escalation);
 * - `unscoped`: an unscoped resource of the step's `target` type (`*`, `role/*`, `instance/*`): the path
 *   abuses an existing resource — a role, function, instance, project — whose privileges are unknown, which is
 *   an escalation when the principal can pick any of them, and a deliberate design when it names one;
 * - `shared-role`: all `shared-role` steps of the path must be allowed on at least one common role (their role
 *   ARN patterns pairwise intersect): attaching a policy to roles `app-*` and passing roles `ecsTaskExecutionRole`
 *   do not combine.
 *
 * `passedTo` on an `iam:PassRole` step names the service principal the role is handed to; a grant whose
 * `iam:PassedToService` condition admits only other services does not count.
 *
 * Sources: Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (the 21 original
 * methods) and pathfinding.cloud (Datadog Security Labs) for the later ECS,
 * CodeBuild, SageMaker, Glue job, SSM and App Runner paths.
 */

export type StepScope = 'any' | 'others' | 'unscoped' | 'shared-role';

export interface EscalationStep {
  /** any one of these actions satisfies the step */
  readonly actions: readonly string[];
  readonly scope?: StepScope;
  /** for `unscoped`: the resource type (name in the reference) the unscoped resource must be */
  readonly target?: string;
  /** for `iam:PassRole`: the service principal the role is passed to */
  readonly passedTo?: string;
  /** named in the finding when allowed, but not needed (`iam:CreateRole` before attaching to the new role) */
  readonly optional?: boolean;
}

export interface EscalationPath {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly steps: readonly EscalationStep[];
  readonly source: string;
  /** a path whose finding adds nothing when this other path is found too */
  readonly subsumedBy?: string;
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PATHFINDING = 'https://pathfinding.cloud/';

/** Services that run code with a role the caller passes, and what it takes to start that code. */
interface Launcher {
  key: string;
  name: string;
  principal: string;
  steps: readonly EscalationStep[];
  source: string;
}

const LAUNCHERS: readonly Launcher[] = [
  { key: 'ec2', name: 'an EC2 instance', principal: 'ec2.amazonaws.com', steps: [{ actions: ['ec2:RunInstances'] }], source: RHINO },
  {
    key: 'lambda-invoke',
    name: 'a Lambda function it invokes',
    principal: 'lambda.amazonaws.com',
    steps: [{ actions: ['lambda:CreateFunction'] }, { actions: ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl'] }],
    source: RHINO,
  },
  {
    key: 'lambda-event-source',
    name: 'a Lambda function triggered by an event source mapping',
    principal: 'lambda.amazonaws.com',
    steps: [{ actions: ['lambda:CreateFunction'] }, { actions: ['lambda:CreateEventSourceMapping'] }],
    source: RHINO,
  },
  {
    key: 'glue-dev-endpoint',
    name: 'a Glue development endpoint',
    principal: 'glue.amazonaws.com',
    steps: [{ actions: ['glue:CreateDevEndpoint'] }],
    source: RHINO,
  },
  {
    key: 'glue-job',
    name: 'a Glue job',
    principal: 'glue.amazonaws.com',
    steps: [{ actions: ['glue:CreateJob', 'glue:UpdateJob'] }, { actions: ['glue:StartJobRun', 'glue:CreateTrigger'] }],
    source: PATHFINDING,
  },
  {
    key: 'cloudformation',
    name: 'a CloudFormation stack',
    principal: 'cloudformation.amazonaws.com',
    steps: [{ actions: ['cloudformation:CreateStack', 'cloudformation:UpdateStack'] }],
    source: RHINO,
  },
  {
    key: 'datapipeline',
    name: 'a Data Pipeline',
    principal: 'datapipeline.amazonaws.com',
    steps: [
      { actions: ['datapipeline:CreatePipeline'] },
      { actions: ['datapipeline:PutPipelineDefinition'] },
      { actions: ['datapipeline:ActivatePipeline'] },
    ],
    source: RHINO,
  },
  {
    key: 'ecs',
    name: 'an ECS task',
    principal: 'ecs-tasks.amazonaws.com',
    steps: [
      { actions: ['ecs:RegisterTaskDefinition'] },
      { actions: ['ecs:RunTask', 'ecs:StartTask', 'ecs:CreateService', 'ecs:UpdateService'] },
    ],
    source: PATHFINDING,
  },
  {
    key: 'codebuild',
    name: 'a CodeBuild project',
    principal: 'codebuild.amazonaws.com',
    steps: [{ actions: ['codebuild:CreateProject', 'codebuild:UpdateProject'] }, { actions: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'] }],
    source: PATHFINDING,
  },
  {
    key: 'sagemaker-notebook',
    name: 'a SageMaker notebook instance',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateNotebookInstance'] }, { actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'] }],
    source: PATHFINDING,
  },
  {
    key: 'sagemaker-training',
    name: 'a SageMaker training job',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateTrainingJob'] }],
    source: PATHFINDING,
  },
  {
    key: 'sagemaker-processing',
    name: 'a SageMaker processing job',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateProcessingJob'] }],
    source: PATHFINDING,
  },
  {
    key: 'apprunner',
    name: 'an App Runner service',
    principal: 'tasks.apprunner.amazonaws.com',
    steps: [{ actions: ['apprunner:CreateService'] }],
    source: PATHFINDING,
  },
];

const MODIFY_ROLE: EscalationStep = { actions: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], scope: 'shared-role' };
const CREATE_ROLE: EscalationStep = { actions: ['iam:CreateRole'], scope: 'shared-role', optional: true };

const launcherPaths: EscalationPath[] = LAUNCHERS.flatMap((l) => [
  {
    id: `passrole-${l.key}`,
    title: `pass any role to ${l.name}`,
    description: `iam:PassRole on every role lets the principal start ${l.name} with any role in the account, such as an administrator role, and act with that role's permissions`,
    steps: [{ actions: ['iam:PassRole'], scope: 'unscoped', target: 'role', passedTo: l.principal }, ...l.steps],
    source: l.source,
  },
  {
    id: `modify-role-passrole-${l.key}`,
    title: `grant a role more permissions, then pass it to ${l.name}`,
    description: `the principal can attach any policy (such as AdministratorAccess) to a role it may pass, then start ${l.name} with that role`,
    steps: [MODIFY_ROLE, CREATE_ROLE, { actions: ['iam:PassRole'], scope: 'shared-role', passedTo: l.principal }, ...l.steps],
    source: l.source === RHINO ? PATHFINDING : l.source,
    subsumedBy: `passrole-${l.key}`,
  },
]);

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: 'iam-create-policy-version',
    title: 'new default version of a managed policy',
    description: 'iam:CreatePolicyVersion can rewrite a customer managed policy with --set-as-default; if the policy is attached to the principal (which a policy cannot show), it grants itself anything',
    steps: [{ actions: ['iam:CreatePolicyVersion'] }],
    source: RHINO,
  },
  {
    id: 'iam-set-default-policy-version',
    title: 'switch a managed policy to another version',
    description: 'iam:SetDefaultPolicyVersion can make an older, broader version of a policy attached to the principal the default',
    steps: [{ actions: ['iam:SetDefaultPolicyVersion'] }],
    source: RHINO,
  },
  {
    id: 'iam-create-access-key',
    title: 'access key for another user',
    description: 'iam:CreateAccessKey on other users creates long-term credentials for them and acts as them',
    steps: [{ actions: ['iam:CreateAccessKey'], scope: 'others' }],
    source: RHINO,
  },
  {
    id: 'iam-create-login-profile',
    title: 'console password for another user',
    description: 'iam:CreateLoginProfile sets a console password for a user that has none and signs in as them',
    steps: [{ actions: ['iam:CreateLoginProfile'], scope: 'others' }],
    source: RHINO,
  },
  {
    id: 'iam-update-login-profile',
    title: "change another user's console password",
    description: "iam:UpdateLoginProfile resets another user's console password and signs in as them",
    steps: [{ actions: ['iam:UpdateLoginProfile'], scope: 'others' }],
    source: RHINO,
  },
  {
    id: 'iam-attach-user-policy',
    title: 'attach a managed policy to a user',
    description: 'iam:AttachUserPolicy can attach AdministratorAccess to the principal itself (or a user it controls)',
    steps: [{ actions: ['iam:AttachUserPolicy'] }],
    source: RHINO,
  },
  {
    id: 'iam-attach-group-policy',
    title: 'attach a managed policy to a group',
    description: "iam:AttachGroupPolicy can attach AdministratorAccess to a group the principal is in",
    steps: [{ actions: ['iam:AttachGroupPolicy'] }],
    source: RHINO,
  },
  {
    id: 'iam-put-user-policy',
    title: 'inline policy on a user',
    description: 'iam:PutUserPolicy can write an inline policy allowing "*" on "*" into the principal itself',
    steps: [{ actions: ['iam:PutUserPolicy'] }],
    source: RHINO,
  },
  {
    id: 'iam-put-group-policy',
    title: 'inline policy on a group',
    description: 'iam:PutGroupPolicy can write an inline admin policy into a group the principal is in',
    steps: [{ actions: ['iam:PutGroupPolicy'] }],
    source: RHINO,
  },
  {
    id: 'iam-add-user-to-group',
    title: 'join a more privileged group',
    description: 'iam:AddUserToGroup can add the principal to any group it names, such as an administrators group',
    steps: [{ actions: ['iam:AddUserToGroup'] }],
    source: RHINO,
  },
  {
    id: 'iam-modify-role-assume',
    title: 'grant a role more permissions, then assume it',
    description: 'the principal can attach or write any policy on a role it may also assume (the role trust policy decides the last step)',
    steps: [MODIFY_ROLE, CREATE_ROLE, { actions: ['sts:AssumeRole'], scope: 'shared-role' }],
    source: RHINO,
  },
  {
    id: 'iam-update-assume-role-policy',
    title: "rewrite a role's trust policy, then assume it",
    description: 'iam:UpdateAssumeRolePolicy can make a role trust the principal, which then assumes it',
    steps: [{ actions: ['iam:UpdateAssumeRolePolicy'], scope: 'shared-role' }, { actions: ['sts:AssumeRole'], scope: 'shared-role' }],
    source: RHINO,
  },
  {
    id: 'sts-assume-role-any',
    title: 'assume any role',
    description: 'sts:AssumeRole on every role lets the principal assume any role whose trust policy admits its account, including administrator roles',
    steps: [{ actions: ['sts:AssumeRole'], scope: 'unscoped', target: 'role' }],
    source: PATHFINDING,
  },
  ...launcherPaths,
  {
    id: 'lambda-update-function-code',
    title: "replace an existing function's code",
    description: "lambda:UpdateFunctionCode on every function runs the principal's code with any function's execution role",
    steps: [{ actions: ['lambda:UpdateFunctionCode'], scope: 'unscoped', target: 'function' }],
    source: RHINO,
  },
  {
    id: 'glue-update-dev-endpoint',
    title: "add an SSH key to an existing Glue development endpoint",
    description: "glue:UpdateDevEndpoint on every endpoint gives the principal a shell with any endpoint's role",
    steps: [{ actions: ['glue:UpdateDevEndpoint'], scope: 'unscoped', target: 'devendpoint' }],
    source: RHINO,
  },
  {
    id: 'codebuild-start-build-override',
    title: 'run a build of an existing project with an overridden buildspec',
    description: "codebuild:StartBuild on every project can override the buildspec and run commands with any project's service role",
    steps: [{ actions: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'], scope: 'unscoped', target: 'project' }],
    source: PATHFINDING,
  },
  {
    id: 'sagemaker-presigned-notebook-url',
    title: 'open an existing SageMaker notebook',
    description: "sagemaker:CreatePresignedNotebookInstanceUrl on every notebook gives a Jupyter shell with any notebook's role",
    steps: [{ actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'], scope: 'unscoped', target: 'notebook-instance' }],
    source: PATHFINDING,
  },
  {
    id: 'ecs-execute-command',
    title: 'shell into existing ECS tasks',
    description: "ecs:ExecuteCommand on every task gives a shell with any task's role",
    steps: [{ actions: ['ecs:ExecuteCommand'], scope: 'unscoped', target: 'task' }],
    source: PATHFINDING,
  },
  {
    id: 'ssm-send-command',
    title: 'run commands on existing instances',
    description: "ssm:SendCommand on every instance runs commands with any instance's role (its instance profile credentials)",
    steps: [{ actions: ['ssm:SendCommand'], scope: 'unscoped', target: 'instance' }],
    source: PATHFINDING,
  },
  {
    id: 'ssm-start-session',
    title: 'open a shell on existing instances',
    description: "ssm:StartSession on every instance opens a shell with any instance's role",
    steps: [{ actions: ['ssm:StartSession'], scope: 'unscoped', target: 'instance' }],
    source: PATHFINDING,
  },
  {
    id: 'ec2-modify-user-data',
    title: "rewrite an existing instance's user data",
    description: "ec2:ModifyInstanceAttribute with a stop and start of every instance runs the principal's user-data script with any instance's role",
    steps: [
      { actions: ['ec2:ModifyInstanceAttribute'], scope: 'unscoped', target: 'instance' },
      { actions: ['ec2:StopInstances'], scope: 'unscoped', target: 'instance' },
      { actions: ['ec2:StartInstances'], scope: 'unscoped', target: 'instance' },
    ],
    source: PATHFINDING,
  },
];

/** Every action some path names, lower-case: the only actions the rule ever looks up. */
export const ESCALATION_ACTIONS: readonly string[] = [
  ...new Set(ESCALATION_PATHS.flatMap((p) => p.steps.flatMap((s) => s.actions.map((a) => a.toLowerCase())))),
];
