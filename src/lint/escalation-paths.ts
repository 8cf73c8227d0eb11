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
 * methods) and pathfinding.cloud (Datadog Security Labs; each path lists the matching pathfinding ids) for the
 * later ECS, Batch, CodeBuild, SageMaker, CloudFormation, SSM, EC2 Instance Connect and App Runner paths.
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
  /** the matching pathfinding.cloud path ids (https://pathfinding.cloud/paths/<id>) */
  readonly pathfinding?: readonly string[];
  /** paths any of which, when found too, make this path's finding add nothing */
  readonly subsumedBy?: readonly string[];
}

const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const PATHFINDING = 'https://pathfinding.cloud/';

/** Services that run code with a role the caller passes, and what it takes to start that code. */
interface Launcher {
  key: string;
  name: string;
  /** the service principal the role is passed to, where `iam:PassedToService` names one */
  principal?: string;
  steps: readonly EscalationStep[];
  source: string;
  pathfinding: readonly string[];
}

const LAUNCHERS: readonly Launcher[] = [
  {
    key: 'ec2',
    name: 'an EC2 instance',
    principal: 'ec2.amazonaws.com',
    steps: [{ actions: ['ec2:RunInstances', 'ec2:RequestSpotInstances'] }],
    source: RHINO,
    pathfinding: ['ec2-001', 'ec2-003'],
  },
  {
    key: 'lambda-invoke',
    name: 'a Lambda function it invokes',
    principal: 'lambda.amazonaws.com',
    steps: [{ actions: ['lambda:CreateFunction'] }, { actions: ['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl', 'lambda:AddPermission'] }],
    source: RHINO,
    pathfinding: ['lambda-001', 'lambda-006'],
  },
  {
    key: 'lambda-event-source',
    name: 'a Lambda function triggered by an event source mapping',
    principal: 'lambda.amazonaws.com',
    steps: [{ actions: ['lambda:CreateFunction'] }, { actions: ['lambda:CreateEventSourceMapping'] }],
    source: RHINO,
    pathfinding: ['lambda-002'],
  },
  {
    key: 'glue-dev-endpoint',
    name: 'a Glue development endpoint',
    principal: 'glue.amazonaws.com',
    steps: [{ actions: ['glue:CreateDevEndpoint'] }],
    source: RHINO,
    pathfinding: ['glue-001'],
  },
  {
    key: 'glue-job',
    name: 'a Glue job',
    principal: 'glue.amazonaws.com',
    steps: [{ actions: ['glue:CreateJob', 'glue:UpdateJob'] }, { actions: ['glue:StartJobRun', 'glue:CreateTrigger'] }],
    source: 'https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-glue-privesc/',
    pathfinding: [],
  },
  {
    key: 'cloudformation',
    name: 'a CloudFormation stack',
    principal: 'cloudformation.amazonaws.com',
    steps: [{ actions: ['cloudformation:CreateStack'] }],
    source: RHINO,
    pathfinding: ['cloudformation-001'],
  },
  {
    key: 'cloudformation-stackset',
    name: 'a CloudFormation StackSet',
    principal: 'cloudformation.amazonaws.com',
    steps: [{ actions: ['cloudformation:CreateStackSet', 'cloudformation:UpdateStackSet'] }, { actions: ['cloudformation:CreateStackInstances', 'cloudformation:UpdateStackSet'] }],
    source: PATHFINDING,
    pathfinding: ['cloudformation-003', 'cloudformation-004'],
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
    pathfinding: ['datapipeline-001'],
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
    pathfinding: ['ecs-001', 'ecs-002', 'ecs-003', 'ecs-004', 'ecs-005'],
  },
  {
    key: 'batch',
    name: 'an AWS Batch job',
    steps: [{ actions: ['batch:RegisterJobDefinition'] }, { actions: ['batch:SubmitJob'] }],
    source: PATHFINDING,
    pathfinding: ['batch-001'],
  },
  {
    key: 'codebuild',
    name: 'a CodeBuild project',
    principal: 'codebuild.amazonaws.com',
    steps: [{ actions: ['codebuild:CreateProject', 'codebuild:UpdateProject'] }, { actions: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'] }],
    source: PATHFINDING,
    pathfinding: ['codebuild-001', 'codebuild-004'],
  },
  {
    key: 'sagemaker-notebook',
    name: 'a SageMaker notebook instance',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateNotebookInstance'] }],
    source: PATHFINDING,
    pathfinding: ['sagemaker-001'],
  },
  {
    key: 'sagemaker-training',
    name: 'a SageMaker training job',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateTrainingJob'] }],
    source: PATHFINDING,
    pathfinding: ['sagemaker-002'],
  },
  {
    key: 'sagemaker-processing',
    name: 'a SageMaker processing job',
    principal: 'sagemaker.amazonaws.com',
    steps: [{ actions: ['sagemaker:CreateProcessingJob'] }],
    source: PATHFINDING,
    pathfinding: ['sagemaker-003'],
  },
  {
    key: 'apprunner',
    name: 'an App Runner service',
    principal: 'tasks.apprunner.amazonaws.com',
    steps: [{ actions: ['apprunner:CreateService'] }],
    source: PATHFINDING,
    pathfinding: ['apprunner-001'],
  },
];

const MODIFY_ROLE: EscalationStep = { actions: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], scope: 'shared-role' };
const CREATE_ROLE: EscalationStep = { actions: ['iam:CreateRole'], scope: 'shared-role', optional: true };

const passTo = (l: Launcher): Pick<EscalationStep, 'passedTo'> => (l.principal ? { passedTo: l.principal } : {});

const launcherPaths: EscalationPath[] = LAUNCHERS.flatMap((l) => [
  {
    id: `passrole-${l.key}`,
    title: `pass any role to ${l.name}`,
    description: `iam:PassRole on every role lets the principal start ${l.name} with any role in the account, such as an administrator role, and act with that role's permissions`,
    steps: [{ actions: ['iam:PassRole'], scope: 'unscoped', target: 'role', ...passTo(l) }, ...l.steps],
    source: l.source,
    pathfinding: l.pathfinding,
  },
  {
    id: `modify-role-passrole-${l.key}`,
    title: `grant a role more permissions, then pass it to ${l.name}`,
    description: `the principal can attach any policy (such as AdministratorAccess) to a role it may pass, then start ${l.name} with that role`,
    steps: [MODIFY_ROLE, CREATE_ROLE, { actions: ['iam:PassRole'], scope: 'shared-role', ...passTo(l) }, ...l.steps],
    source: l.source,
    pathfinding: ['iam-009', 'iam-012', ...l.pathfinding],
    subsumedBy: [`passrole-${l.key}`, 'iam-modify-any-role'],
  },
]);

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: 'iam-create-policy-version',
    title: 'new default version of a managed policy',
    description: 'iam:CreatePolicyVersion can rewrite a customer managed policy with --set-as-default; if the policy is attached to the principal (which a policy cannot show), it grants itself anything',
    steps: [{ actions: ['iam:CreatePolicyVersion'] }],
    source: RHINO,
    pathfinding: ['iam-001', 'iam-003'],
  },
  {
    id: 'iam-set-default-policy-version',
    title: 'switch a managed policy to another version',
    description: 'iam:SetDefaultPolicyVersion can make an older, broader version of a policy attached to the principal the default',
    steps: [{ actions: ['iam:SetDefaultPolicyVersion'] }],
    source: RHINO,
    pathfinding: ['iam-002'],
  },
  {
    id: 'iam-create-access-key',
    title: 'access key for another user',
    description: 'iam:CreateAccessKey on other users creates long-term credentials for them and acts as them',
    steps: [{ actions: ['iam:CreateAccessKey'], scope: 'others' }],
    source: RHINO,
    pathfinding: ['iam-004', 'iam-015'],
  },
  {
    id: 'iam-create-login-profile',
    title: 'console password for another user',
    description: 'iam:CreateLoginProfile sets a console password for a user that has none and signs in as them',
    steps: [{ actions: ['iam:CreateLoginProfile'], scope: 'others' }],
    source: RHINO,
    pathfinding: ['iam-005'],
  },
  {
    id: 'iam-update-login-profile',
    title: "change another user's console password",
    description: "iam:UpdateLoginProfile resets another user's console password and signs in as them",
    steps: [{ actions: ['iam:UpdateLoginProfile'], scope: 'others' }],
    source: RHINO,
    pathfinding: ['iam-006'],
  },
  {
    id: 'iam-attach-user-policy',
    title: 'attach a managed policy to a user',
    description: 'iam:AttachUserPolicy can attach AdministratorAccess to the principal itself (or a user it controls)',
    steps: [{ actions: ['iam:AttachUserPolicy'] }],
    source: RHINO,
    pathfinding: ['iam-007', 'iam-017'],
  },
  {
    id: 'iam-attach-group-policy',
    title: 'attach a managed policy to a group',
    description: "iam:AttachGroupPolicy can attach AdministratorAccess to a group the principal is in",
    steps: [{ actions: ['iam:AttachGroupPolicy'] }],
    source: RHINO,
    pathfinding: ['iam-008'],
  },
  {
    id: 'iam-put-user-policy',
    title: 'inline policy on a user',
    description: 'iam:PutUserPolicy can write an inline policy allowing "*" on "*" into the principal itself',
    steps: [{ actions: ['iam:PutUserPolicy'] }],
    source: RHINO,
    pathfinding: ['iam-010', 'iam-018'],
  },
  {
    id: 'iam-put-group-policy',
    title: 'inline policy on a group',
    description: 'iam:PutGroupPolicy can write an inline admin policy into a group the principal is in',
    steps: [{ actions: ['iam:PutGroupPolicy'] }],
    source: RHINO,
    pathfinding: ['iam-011'],
  },
  {
    id: 'iam-add-user-to-group',
    title: 'join a more privileged group',
    description: 'iam:AddUserToGroup can add the principal to any group it names, such as an administrators group',
    steps: [{ actions: ['iam:AddUserToGroup'] }],
    source: RHINO,
    pathfinding: ['iam-013', 'iam-016'],
  },
  {
    id: 'iam-modify-any-role',
    title: 'attach or write a policy on every role',
    description: "iam:AttachRolePolicy or iam:PutRolePolicy on every role includes the principal's own role (when it is one) and every role it can use: it can grant itself AdministratorAccess",
    steps: [{ actions: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], scope: 'unscoped', target: 'role' }],
    source: PATHFINDING,
    pathfinding: ['iam-009', 'iam-012'],
  },
  {
    id: 'iam-modify-role-assume',
    title: 'grant a role more permissions, then assume it',
    description: 'the principal can attach or write any policy on a role it may also assume (the role trust policy decides the last step)',
    steps: [MODIFY_ROLE, CREATE_ROLE, { actions: ['sts:AssumeRole'], scope: 'shared-role' }],
    source: RHINO,
    pathfinding: ['iam-009', 'iam-012', 'sts-001'],
    subsumedBy: ['iam-modify-any-role'],
  },
  {
    id: 'iam-modify-role-update-trust',
    title: "grant a role more permissions and make it trust the principal",
    description: "the principal can attach or write any policy on a role whose trust policy it can rewrite to name itself; a trust policy that names a principal of the same account lets it assume the role without sts:AssumeRole in its own policy",
    steps: [MODIFY_ROLE, { actions: ['iam:UpdateAssumeRolePolicy'], scope: 'shared-role' }],
    source: PATHFINDING,
    pathfinding: ['iam-019', 'iam-021'],
    subsumedBy: ['iam-modify-any-role'],
  },
  {
    id: 'iam-update-assume-role-policy',
    title: "rewrite any role's trust policy",
    description: 'iam:UpdateAssumeRolePolicy on every role can make any role, such as an administrator role, trust the principal, which then assumes it',
    steps: [{ actions: ['iam:UpdateAssumeRolePolicy'], scope: 'unscoped', target: 'role' }],
    source: RHINO,
    pathfinding: ['iam-014'],
  },
  {
    id: 'sts-assume-role-any',
    title: 'assume any role',
    description: 'sts:AssumeRole on every role lets the principal assume any role whose trust policy admits its account, including administrator roles',
    steps: [{ actions: ['sts:AssumeRole'], scope: 'unscoped', target: 'role' }],
    source: PATHFINDING,
    pathfinding: ['sts-001'],
  },
  ...launcherPaths,
  {
    id: 'lambda-update-function-code',
    title: "replace an existing function's code",
    description: "lambda:UpdateFunctionCode on every function runs the principal's code with any function's execution role",
    steps: [{ actions: ['lambda:UpdateFunctionCode'], scope: 'unscoped', target: 'function' }],
    source: RHINO,
    pathfinding: ['lambda-003', 'lambda-004', 'lambda-005'],
  },
  {
    id: 'glue-update-dev-endpoint',
    title: "add an SSH key to an existing Glue development endpoint",
    description: "glue:UpdateDevEndpoint on every endpoint gives the principal a shell with any endpoint's role",
    steps: [{ actions: ['glue:UpdateDevEndpoint'], scope: 'unscoped', target: 'devendpoint' }],
    source: RHINO,
    pathfinding: ['glue-002'],
  },
  {
    id: 'codebuild-start-build-override',
    title: 'run a build of an existing project with an overridden buildspec',
    description: "codebuild:StartBuild on every project can override the buildspec and run commands with any project's service role",
    steps: [{ actions: ['codebuild:StartBuild', 'codebuild:StartBuildBatch'], scope: 'unscoped', target: 'project' }],
    source: PATHFINDING,
    pathfinding: ['codebuild-002', 'codebuild-003'],
  },
  {
    id: 'sagemaker-presigned-notebook-url',
    title: 'open an existing SageMaker notebook',
    description: "sagemaker:CreatePresignedNotebookInstanceUrl on every notebook gives a Jupyter shell with any notebook's role",
    steps: [{ actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'], scope: 'unscoped', target: 'notebook-instance' }],
    source: PATHFINDING,
    pathfinding: ['sagemaker-004'],
  },
  {
    id: 'ecs-execute-command',
    title: 'shell into existing ECS tasks',
    description: "ecs:ExecuteCommand on every task gives a shell with any task's role",
    steps: [{ actions: ['ecs:ExecuteCommand'], scope: 'unscoped', target: 'task' }],
    source: 'https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/aws-ecs-privesc/',
  },
  {
    id: 'ssm-send-command',
    title: 'run commands on existing instances',
    description: "ssm:SendCommand on every instance runs commands with any instance's role (its instance profile credentials)",
    steps: [{ actions: ['ssm:SendCommand'], scope: 'unscoped', target: 'instance' }],
    source: PATHFINDING,
    pathfinding: ['ssm-002'],
  },
  {
    id: 'ssm-start-session',
    title: 'open a shell on existing instances',
    description: "ssm:StartSession on every instance opens a shell with any instance's role",
    steps: [{ actions: ['ssm:StartSession'], scope: 'unscoped', target: 'instance' }],
    source: PATHFINDING,
    pathfinding: ['ssm-001'],
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
    pathfinding: ['ec2-002'],
  },
  {
    id: 'ec2-instance-connect-ssh',
    title: 'SSH into existing instances',
    description: "ec2-instance-connect:SendSSHPublicKey on every instance lets the principal log in with its own key and use any instance's role",
    steps: [{ actions: ['ec2-instance-connect:SendSSHPublicKey'], scope: 'unscoped', target: 'instance' }],
    source: PATHFINDING,
    pathfinding: ['ec2instanceconnect-003'],
  },
  {
    id: 'ec2-modify-launch-template',
    title: 'change the launch template of existing instances',
    description: "ec2:CreateLaunchTemplateVersion and ec2:ModifyLaunchTemplate on every template make new instances (Auto Scaling, EKS node groups) run the principal's user data with the template's role",
    steps: [
      { actions: ['ec2:CreateLaunchTemplateVersion'], scope: 'unscoped', target: 'launch-template' },
      { actions: ['ec2:ModifyLaunchTemplate'], scope: 'unscoped', target: 'launch-template' },
    ],
    source: PATHFINDING,
    pathfinding: ['ec2-004'],
  },
  {
    id: 'sagemaker-notebook-lifecycle',
    title: "inject a lifecycle script into existing notebooks",
    description: "a new lifecycle configuration attached to any notebook instance (stop, update, start) runs the principal's code with the notebook's role",
    steps: [
      { actions: ['sagemaker:CreateNotebookInstanceLifecycleConfig'] },
      { actions: ['sagemaker:StopNotebookInstance'], scope: 'unscoped', target: 'notebook-instance' },
      { actions: ['sagemaker:UpdateNotebookInstance'], scope: 'unscoped', target: 'notebook-instance' },
      { actions: ['sagemaker:StartNotebookInstance'], scope: 'unscoped', target: 'notebook-instance' },
    ],
    source: PATHFINDING,
    pathfinding: ['sagemaker-005'],
  },
  {
    id: 'cloudformation-update-stack',
    title: 'change existing stacks that have a service role',
    description: "cloudformation:UpdateStack (or a change set) on every stack deploys the principal's template with any stack's service role",
    steps: [{ actions: ['cloudformation:UpdateStack', 'cloudformation:ExecuteChangeSet'], scope: 'unscoped', target: 'stack' }],
    source: PATHFINDING,
    pathfinding: ['cloudformation-002', 'cloudformation-005'],
  },
  {
    id: 'apprunner-update-service',
    title: 'change the code of existing App Runner services',
    description: "apprunner:UpdateService on every service runs the principal's image or commands with any service's instance role",
    steps: [{ actions: ['apprunner:UpdateService'], scope: 'unscoped', target: 'service' }],
    source: PATHFINDING,
    pathfinding: ['apprunner-002'],
  },
];

/** Every action some path names, lower-case: the only actions the rule ever looks up. */
export const ESCALATION_ACTIONS: readonly string[] = [
  ...new Set(ESCALATION_PATHS.flatMap((p) => p.steps.flatMap((s) => s.actions.map((a) => a.toLowerCase())))),
];
