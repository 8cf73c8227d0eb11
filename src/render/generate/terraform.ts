/**
 * Terraform (HCL) for a generated bundle: `main.tf` (roles, inline and customer managed policies, attachments),
 * `variables.tf` (one variable per parameter, its default the parameter's default), `terraform.tfvars` (the values
 * in effect for this generation) and `outputs.tf` (role and policy ARNs). `{param}` markers become `${var.param}`;
 * IAM policy variables are written `$${aws:username}` so Terraform leaves them to IAM. Documents go through
 * `jsonencode` of an HCL object, so Terraform checks their syntax and no JSON is hand-escaped.
 */
import type { GeneratedBundle, GeneratedPolicy, GeneratedRole } from '../../generate/model.js';
import { hclBody, hclLiteral, hclString, hclValue, type HclItem } from './hcl.js';
import { parameterNames, snakeCase, stripMarkers, UniqueNames } from './template.js';
import type { RenderedFile } from './types.js';

/** Names Terraform refuses for variables (they are meta-arguments of module blocks). */
const RESERVED_VARIABLES = ['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals'];

interface Context {
  known: Set<string>;
  variable: Map<string, string>;
  ref: (name: string) => string;
  ids: UniqueNames;
}

function identifier(wanted: string, ids: UniqueNames, fallback: string): string {
  let id = snakeCase(wanted) || fallback;
  if (!/^[a-z_]/.test(id)) id = `${fallback}_${id}`;
  return ids.take(id, '_');
}

function comment(text: string): string[] {
  return text.split(/\r?\n/).map((l) => (l ? `# ${l}` : '#'));
}

function block(header: string, items: HclItem[]): string[] {
  return [`${header} {`, ...hclBody(items, '  '), '}'];
}

function jsonencode(doc: GeneratedRole['trustPolicy'], ctx: Context): string[] {
  const lines = hclValue(doc, ctx.known, ctx.ref);
  return [`jsonencode(${lines[0]}`, ...lines.slice(1, -1), `${lines[lines.length - 1]})`];
}

function str(template: string, ctx: Context): string[] {
  return [hclString(template, ctx.known, ctx.ref)];
}

function roleBlocks(role: GeneratedRole, ctx: Context, outputs: string[][]): string[][] {
  const roleId = identifier(stripMarkers(role.name, ctx.known), ctx.ids, 'role');
  const roleRef = `aws_iam_role.${roleId}`;
  const items: HclItem[] = [{ key: 'name', value: str(role.name, ctx) }];
  if (role.path) items.push({ key: 'path', value: str(role.path, ctx) });
  if (role.description) items.push({ key: 'description', value: str(role.description, ctx) });
  if (role.maxSessionDuration !== undefined) items.push({ key: 'max_session_duration', value: [String(role.maxSessionDuration)] });
  if (role.permissionsBoundaryArn) items.push({ key: 'permissions_boundary', value: str(role.permissionsBoundaryArn, ctx) });
  items.push({ key: 'assume_role_policy', value: jsonencode(role.trustPolicy, ctx) });
  const blocks = [block(`resource "aws_iam_role" "${roleId}"`, items)];
  outputs.push(block(`output "${roleId}_role_arn"`, [
    { key: 'description', value: [hclLiteral(`ARN of role ${role.name}`)] },
    { key: 'value', value: [`${roleRef}.arn`] },
  ]));

  for (const policy of role.policies) blocks.push(...policyBlocks(policy, roleId, ctx, outputs));
  for (const arn of role.managedPolicyArns) {
    const last = arn.split('/').pop() ?? 'policy';
    const id = identifier(`${roleId}_${stripMarkers(last, ctx.known)}`, ctx.ids, 'attachment');
    blocks.push(block(`resource "aws_iam_role_policy_attachment" "${id}"`, [
      { key: 'role', value: [`${roleRef}.name`] },
      { key: 'policy_arn', value: str(arn, ctx) },
    ]));
  }
  return blocks;
}

function policyBlocks(policy: GeneratedPolicy, roleId: string, ctx: Context, outputs: string[][]): string[][] {
  const id = identifier(`${roleId}_${stripMarkers(policy.name, ctx.known)}`, ctx.ids, 'policy');
  if (policy.kind === 'inline') {
    return [block(`resource "aws_iam_role_policy" "${id}"`, [
      { key: 'name', value: str(policy.name, ctx) },
      { key: 'role', value: [`aws_iam_role.${roleId}.id`] },
      { key: 'policy', value: jsonencode(policy.document, ctx) },
    ])];
  }
  const items: HclItem[] = [{ key: 'name', value: str(policy.name, ctx) }];
  if (policy.description) items.push({ key: 'description', value: str(policy.description, ctx) });
  items.push({ key: 'policy', value: jsonencode(policy.document, ctx) });
  outputs.push(block(`output "${id}_policy_arn"`, [
    { key: 'description', value: [hclLiteral(`ARN of managed policy ${policy.name}`)] },
    { key: 'value', value: [`aws_iam_policy.${id}.arn`] },
  ]));
  return [
    block(`resource "aws_iam_policy" "${id}"`, items),
    block(`resource "aws_iam_role_policy_attachment" "${id}"`, [
      { key: 'role', value: [`aws_iam_role.${roleId}.name`] },
      { key: 'policy_arn', value: [`aws_iam_policy.${id}.arn`] },
    ]),
  ];
}

function file(path: string, header: string[], blocks: string[][]): RenderedFile {
  return { path, content: [header.join('\n'), ...blocks.map((b) => b.join('\n'))].filter(Boolean).join('\n\n') + '\n' };
}

export function render(bundle: GeneratedBundle): RenderedFile[] {
  const known = parameterNames(bundle);
  const varNames = new UniqueNames(RESERVED_VARIABLES);
  const variable = new Map(bundle.parameters.map((p) => [p.name, varNames.take(p.name, '_')]));
  const ctx: Context = { known, variable, ref: (name) => `var.${variable.get(name) ?? name}`, ids: new UniqueNames() };
  const header = [...comment(`Generated by leastpriv from "${bundle.name}".`), ...comment(bundle.description)];

  const outputs: string[][] = [];
  const providers = block('terraform', []);
  providers.splice(1, 0, '  required_providers {', '    aws = {', '      source  = "hashicorp/aws"', '      version = ">= 5.0"', '    }', '  }');
  const main = [providers, ...bundle.roles.flatMap((role) => roleBlocks(role, ctx, outputs))];

  const variables = bundle.parameters.map((p) => {
    const items: HclItem[] = [
      { key: 'description', value: [hclLiteral(p.description)] },
      { key: 'type', value: ['string'] },
    ];
    if (p.default !== undefined) items.push({ key: 'default', value: [hclLiteral(p.default)] });
    return block(`variable "${variable.get(p.name)}"`, items);
  });
  const tfvars = hclBody(bundle.parameters.map((p) => ({ key: variable.get(p.name)!, value: [hclLiteral(p.value)] })), '');

  return [
    file('main.tf', header, main),
    file('variables.tf', [], variables),
    file('outputs.tf', [], outputs),
    file('terraform.tfvars', ['# The parameter values this bundle was generated with.'], [tfvars]),
  ];
}
