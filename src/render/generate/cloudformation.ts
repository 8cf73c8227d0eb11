/**
 * A CloudFormation template (`template.yaml`) for a generated bundle. Each bundle parameter the template refers to
 * becomes a template parameter (PascalCase, as CloudFormation wants alphanumeric names: `project` → `Project`, `table_name` →
 * `TableName`), its `Default` the value in effect, so deploying without overrides deploys what was generated.
 * Strings with markers become `!Sub` with `${Name}`; literal `${…}` inside such a string (an IAM policy variable)
 * is written `${!…}`, Sub's escape. Roles carry inline policies and attached ARNs; managed kind policies are
 * `AWS::IAM::ManagedPolicy` resources attached through their `Roles`. Outputs give every ARN.
 *
 * Mapping keys cannot hold intrinsics, so a marker in a JSON key (rare: a condition key naming a parameter) is
 * replaced by the parameter's value.
 */
import { substitute, type GeneratedBundle, type GeneratedPolicy, type GeneratedRole, type JsonValue } from '../../generate/model.js';
import { isJsonObject, parameterNames, pascalCase, pieces, stripMarkers, UniqueNames } from './template.js';
import type { RenderedFile } from './types.js';
import { quoted, scalar, yamlDocument, type YamlNode } from './yaml-emit.js';

interface Context {
  known: Set<string>;
  cfnName: Map<string, string>;
  values: Map<string, string>;
  /** parameters some `!Sub` refers to: only these are declared (cfn-lint W2001 flags an unused parameter) */
  used: Set<string>;
}

/** A string in template form as a YAML scalar: plain quoted, or `!Sub` when it refers to parameters. */
function str(template: string, ctx: Context): YamlNode {
  const parts = pieces(template, ctx.known);
  if (!parts.some((p) => p.kind === 'param')) return scalar(quoted(template));
  for (const p of parts) if (p.kind === 'param') ctx.used.add(p.name);
  const sub = parts.map((p) => (p.kind === 'param' ? `\${${ctx.cfnName.get(p.name)!}}` : p.text.replace(/\$\{/g, '${!'))).join('');
  return scalar(`!Sub ${quoted(sub)}`);
}

function json(value: JsonValue, ctx: Context): YamlNode {
  if (typeof value === 'string') return str(value, ctx);
  if (value === null) return scalar('null');
  if (typeof value === 'number' || typeof value === 'boolean') return scalar(String(value));
  if (Array.isArray(value)) return value.map((v) => json(v, ctx));
  const out: { [key: string]: YamlNode } = {};
  if (isJsonObject(value)) for (const [k, v] of Object.entries(value)) out[substitute(k, ctx.values)] = json(v, ctx);
  return out;
}

function logicalId(wanted: string, suffix: string, ids: UniqueNames): string {
  let id = pascalCase(wanted);
  if (!/^[A-Za-z]/.test(id)) id = `R${id}`;
  if (!id.endsWith(suffix)) id += suffix;
  return ids.take(id);
}

function roleResources(role: GeneratedRole, ctx: Context, ids: UniqueNames, resources: Record<string, YamlNode>, outputs: Record<string, YamlNode>): void {
  const roleId = logicalId(stripMarkers(role.name, ctx.known), 'Role', ids);
  const inline = role.policies.filter((p) => p.kind === 'inline');
  const props: Record<string, YamlNode> = { RoleName: str(role.name, ctx) };
  if (role.path) props.Path = str(role.path, ctx);
  if (role.description) props.Description = str(role.description, ctx);
  if (role.maxSessionDuration !== undefined) props.MaxSessionDuration = scalar(String(role.maxSessionDuration));
  if (role.permissionsBoundaryArn) props.PermissionsBoundary = str(role.permissionsBoundaryArn, ctx);
  props.AssumeRolePolicyDocument = json(role.trustPolicy, ctx);
  if (role.managedPolicyArns.length > 0) props.ManagedPolicyArns = role.managedPolicyArns.map((a) => str(a, ctx));
  if (inline.length > 0) props.Policies = inline.map((p) => ({ PolicyName: str(p.name, ctx), PolicyDocument: json(p.document, ctx) }));
  resources[roleId] = { Type: scalar('AWS::IAM::Role'), Properties: props };
  outputs[`${roleId}Arn`] = { Description: scalar(quoted(`ARN of role ${role.name}`)), Value: scalar(`!GetAtt ${roleId}.Arn`) };
  for (const policy of role.policies.filter((p) => p.kind === 'managed')) managedPolicy(policy, roleId, ctx, ids, resources, outputs);
}

function managedPolicy(policy: GeneratedPolicy, roleId: string, ctx: Context, ids: UniqueNames, resources: Record<string, YamlNode>, outputs: Record<string, YamlNode>): void {
  const id = logicalId(stripMarkers(policy.name, ctx.known), 'Policy', ids);
  const props: Record<string, YamlNode> = { ManagedPolicyName: str(policy.name, ctx) };
  if (policy.description) props.Description = str(policy.description, ctx);
  props.PolicyDocument = json(policy.document, ctx);
  props.Roles = [scalar(`!Ref ${roleId}`)];
  resources[id] = { Type: scalar('AWS::IAM::ManagedPolicy'), Properties: props };
  // `Ref` of an AWS::IAM::ManagedPolicy is its ARN.
  outputs[`${id}Arn`] = { Description: scalar(quoted(`ARN of managed policy ${policy.name}`)), Value: scalar(`!Ref ${id}`) };
}

/** CloudFormation parameter names for the bundle's parameters: alphanumeric, unique, starting with a letter. */
export function cloudFormationNames(bundle: GeneratedBundle, ids: UniqueNames = new UniqueNames()): Map<string, string> {
  return new Map(
    bundle.parameters.map((p) => {
      let name = pascalCase(p.name);
      if (!/^[A-Za-z]/.test(name)) name = `P${name}`;
      return [p.name, ids.take(name)];
    }),
  );
}

/** CloudFormation refuses a template Description over 1024 bytes: cut at a character boundary, marked with `…`. */
function templateDescription(text: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= 1024) return text;
  let cut = '';
  for (const ch of text) {
    if (encoder.encode(`${cut}${ch}…`).length > 1024) break;
    cut += ch;
  }
  return `${cut}…`;
}

export function render(bundle: GeneratedBundle): RenderedFile[] {
  const ids = new UniqueNames();
  const cfnName = cloudFormationNames(bundle, ids);
  const ctx: Context = { known: parameterNames(bundle), cfnName, values: new Map(bundle.parameters.map((p) => [p.name, p.value])), used: new Set() };
  const resources: Record<string, YamlNode> = {};
  const outputs: Record<string, YamlNode> = {};
  for (const role of bundle.roles) roleResources(role, ctx, ids, resources, outputs);
  const parameters: Record<string, YamlNode> = {};
  for (const p of bundle.parameters.filter((q) => ctx.used.has(q.name))) {
    parameters[cfnName.get(p.name)!] = {
      Type: scalar('String'),
      Description: scalar(quoted(p.default === undefined ? p.description : `${p.description} (default ${p.default})`)),
      Default: scalar(quoted(p.value)),
    };
  }
  const template: Record<string, YamlNode> = {
    AWSTemplateFormatVersion: scalar(quoted('2010-09-09')),
    Description: scalar(quoted(templateDescription(bundle.description))),
  };
  if (Object.keys(parameters).length > 0) template.Parameters = parameters;
  template.Resources = resources;
  template.Outputs = outputs;
  const header = `# Generated by leastpriv from ${JSON.stringify(bundle.name)}.\n`;
  return [{ path: 'template.yaml', content: header + yamlDocument(template) }];
}
