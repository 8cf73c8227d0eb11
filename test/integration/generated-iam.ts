/**
 * Reads back from a (moto) IAM endpoint what a rendered bundle created, in the shape of `resolveBundle`, so the
 * integration tests of the terraform and cli renderers compare the account with the bundle structurally.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { parameterValues, resolveBundle, substitute, type GeneratedBundle, type PolicyJson } from '../../src/generate/model.js';

/** moto's fixed account id: customer managed policies are created under it. */
export const MOTO_ACCOUNT = '123456789012';

export function iamClient(endpoint: string): IAMClient {
  return new IAMClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
}

/** IAM returns documents URL-encoded; moto returns some of them as plain JSON. */
function decode(doc: string | undefined): PolicyJson {
  const text = doc ?? '{}';
  return JSON.parse(text.startsWith('{') ? text : decodeURIComponent(text)) as PolicyJson;
}

export interface RoleState {
  name: string;
  path: string;
  description?: string;
  maxSessionDuration?: number;
  permissionsBoundary?: string;
  createDate?: number;
  trustPolicy: PolicyJson;
  inline: Record<string, PolicyJson>;
  attached: string[];
  /** customer managed policies attached, by name: default version id, version count, default document */
  managed: Record<string, { defaultVersion: string; versions: number; document: PolicyJson }>;
}

/** `inlineDocuments: false` lists inline policy names only (their documents read back as `{}`). */
export async function readRole(iam: IAMClient, name: string, options: { inlineDocuments?: boolean } = {}): Promise<RoleState> {
  const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
  const inlineNames = (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? [];
  const inline: RoleState['inline'] = {};
  for (const p of inlineNames) inline[p] = options.inlineDocuments === false ? {} : decode((await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: p }))).PolicyDocument);
  const attachedPolicies = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies ?? [];
  const managed: RoleState['managed'] = {};
  for (const a of attachedPolicies) {
    if (a.PolicyArn!.includes(':aws:policy/')) continue;
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }))).Policy!;
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: a.PolicyArn }))).Versions ?? [];
    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: a.PolicyArn, VersionId: policy.DefaultVersionId }))).PolicyVersion!;
    managed[policy.PolicyName!] = { defaultVersion: policy.DefaultVersionId!, versions: versions.length, document: decode(version.Document) };
  }
  return {
    name: role.RoleName!,
    path: role.Path!,
    ...(role.Description ? { description: role.Description } : {}),
    ...(role.MaxSessionDuration ? { maxSessionDuration: role.MaxSessionDuration } : {}),
    ...(role.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: role.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    ...(role.CreateDate ? { createDate: role.CreateDate.getTime() } : {}),
    trustPolicy: decode(role.AssumeRolePolicyDocument),
    inline,
    attached: attachedPolicies.map((a) => a.PolicyArn!).sort(),
    managed,
  };
}

/** What the account must hold for the bundle's role at `index` (attachments as sorted ARNs, moto's account for managed kind). */
export function expectedRole(bundle: GeneratedBundle, index: number) {
  const role = resolveBundle(bundle).roles[index]!;
  const source = bundle.roles[index]!;
  const managed = role.policies.filter((p) => p.kind === 'managed');
  return {
    name: role.name,
    path: source.path ?? '/',
    description: role.description,
    maxSessionDuration: source.maxSessionDuration ?? 3600,
    permissionsBoundary: source.permissionsBoundaryArn ? substitute(source.permissionsBoundaryArn, parameterValues(bundle)) : undefined,
    trustPolicy: role.trustPolicy,
    inline: Object.fromEntries(role.policies.filter((p) => p.kind === 'inline').map((p) => [p.name, p.document])),
    attached: [...role.managedPolicyArns, ...managed.map((p) => `arn:aws:iam::${MOTO_ACCOUNT}:policy/${p.name}`)].sort(),
    managedDocuments: Object.fromEntries(managed.map((p) => [p.name, p.document])),
  };
}

/** Asserts-friendly projection of a read-back role onto the fields `expectedRole` gives. */
export function observedRole(state: RoleState) {
  return {
    name: state.name,
    path: state.path,
    description: state.description,
    maxSessionDuration: state.maxSessionDuration,
    permissionsBoundary: state.permissionsBoundary,
    trustPolicy: state.trustPolicy,
    inline: state.inline,
    attached: state.attached,
    managedDocuments: Object.fromEntries(Object.entries(state.managed).map(([k, v]) => [k, v.document])),
  };
}
