/**
 * An AWS CDK construct (`construct.ts`, TypeScript) for a generated bundle: a `Construct` subclass with a props
 * interface holding one optional string per parameter (default: the value in effect), roles from
 * `aws-cdk-lib/aws-iam`, inline documents through `PolicyDocument.fromJson`, customer managed policies as
 * `ManagedPolicy` attached through `roles`, and AWS managed ones by name (partition-aware).
 *
 * Markers become template literals over the resolved props (`${params.project}`); a literal `${…}` (an IAM policy
 * variable) is written `\${…}` so TypeScript leaves it alone. A trust policy of one plain statement maps to a CDK
 * principal (`ServicePrincipal`, `ArnPrincipal`, `FederatedPrincipal`, with its conditions); anything richer keeps
 * its exact document by overriding the synthesized role's `AssumeRolePolicyDocument`.
 */
import type { GeneratedBundle, GeneratedPolicy, GeneratedRole, JsonValue } from '../../generate/model.js';
import { isJsonObject, parameterNames, pascalCase, pieces, stripMarkers, UniqueNames } from './template.js';
import type { RenderedFile } from './types.js';

interface Context {
  known: Set<string>;
  ids: UniqueNames;
  fields: UniqueNames;
  usesDuration: boolean;
}

function singleQuoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}'`;
}

/** A TypeScript expression for a template string: a plain string literal, or a template literal over `params`. */
function ts(template: string, ctx: Context): string {
  const parts = pieces(template, ctx.known);
  if (!parts.some((p) => p.kind === 'param')) return singleQuoted(template);
  const body = parts
    .map((p) =>
      p.kind === 'param'
        ? `\${params.${p.name}}`
        : p.text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r'),
    )
    .join('');
  return `\`${body}\``;
}

function key(k: string, ctx: Context): string {
  if (/^[A-Za-z_$][\w$]*$/.test(k)) return k;
  const expr = ts(k, ctx);
  return expr.startsWith('`') ? `[${expr}]` : expr;
}

/** A JSON value as a TypeScript expression, lines indented for `indent`. */
function tsValue(value: JsonValue, ctx: Context, indent: string): string {
  if (typeof value === 'string') return ts(value, ctx);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[${value.map((v) => ts(v, ctx)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${tsValue(v, ctx, inner)},\n`).join('')}${indent}]`;
  }
  if (!isJsonObject(value)) return 'null';
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${key(k, ctx)}: ${tsValue(v, ctx, inner)},\n`).join('')}${indent}}`;
}

function camel(id: string): string {
  return id[0]!.toLowerCase() + id.slice(1);
}

const DEFAULT_ACTION: Record<string, string> = { Service: 'sts:AssumeRole', AWS: 'sts:AssumeRole' };

/** A CDK principal for a one-statement trust policy, or undefined when only the exact document will do. */
function principal(role: GeneratedRole, ctx: Context, indent: string): string | undefined {
  const statements = role.trustPolicy.Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.length !== 1 || !list[0] || !isJsonObject(list[0])) return undefined;
  const s = list[0];
  if (Object.keys(s).some((k) => !['Effect', 'Principal', 'Action', 'Condition'].includes(k)) || s.Effect !== 'Allow') return undefined;
  const p = s.Principal;
  if (!p || !isJsonObject(p) || Object.keys(p).length !== 1) return undefined;
  const [type, raw] = Object.entries(p)[0]!;
  const ids = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  const action = Array.isArray(s.Action) && s.Action.length === 1 ? s.Action[0] : s.Action;
  if (typeof ids !== 'string' || typeof action !== 'string') return undefined;
  const conditions = s.Condition === undefined ? undefined : tsValue(s.Condition, ctx, indent);
  if (type === 'Federated') return `new iam.FederatedPrincipal(${ts(ids, ctx)}, ${conditions ?? '{}'}, ${ts(action, ctx)})`;
  if (DEFAULT_ACTION[type] !== action) return undefined;
  const base = type === 'Service' ? `new iam.ServicePrincipal(${ts(ids, ctx)})` : `new iam.ArnPrincipal(${ts(ids, ctx)})`;
  return conditions ? `${base}.withConditions(${conditions})` : base;
}

function managedPolicyArn(arn: string, ctx: Context, scopeId: string): string {
  const aws = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn);
  if (aws && !pieces(arn, ctx.known).some((p) => p.kind === 'param')) return `iam.ManagedPolicy.fromAwsManagedPolicyName(${singleQuoted(aws[1]!)})`;
  return `iam.ManagedPolicy.fromManagedPolicyArn(this, ${singleQuoted(ctx.ids.take(scopeId))}, ${ts(arn, ctx)})`;
}

interface Member {
  field: string;
  type: string;
  doc: string;
}

function roleCode(role: GeneratedRole, ctx: Context, members: Member[]): string[] {
  const id = ctx.ids.take(`${pascalCase(stripMarkers(role.name, ctx.known)) || 'Generated'}Role`);
  const field = ctx.fields.take(camel(id));
  members.push({ field, type: 'iam.Role', doc: `role ${role.name}` });
  const i3 = '      ';
  const mapped = principal(role, ctx, i3);
  const props: string[] = [`roleName: ${ts(role.name, ctx)}`];
  if (role.path) props.push(`path: ${ts(role.path, ctx)}`);
  if (role.description) props.push(`description: ${ts(role.description, ctx)}`);
  if (role.maxSessionDuration !== undefined) {
    ctx.usesDuration = true;
    props.push(`maxSessionDuration: Duration.seconds(${role.maxSessionDuration})`);
  }
  if (role.permissionsBoundaryArn) props.push(`permissionsBoundary: ${managedPolicyArn(role.permissionsBoundaryArn, ctx, `${id}Boundary`)}`);
  // Without a principal of its own, the role starts from the account root and gets the exact document below.
  props.push(`assumedBy: ${mapped ?? 'new iam.AccountRootPrincipal()'}`);
  if (role.managedPolicyArns.length > 0) {
    props.push(`managedPolicies: [\n${role.managedPolicyArns.map((a, n) => `${i3}  ${managedPolicyArn(a, ctx, `${id}Managed${n + 1}`)},\n`).join('')}${i3}]`);
  }
  const inline = role.policies.filter((p) => p.kind === 'inline');
  if (inline.length > 0) {
    const entries = inline.map((p) => `${i3}  ${key(p.name, ctx)}: iam.PolicyDocument.fromJson(${tsValue(p.document, ctx, `${i3}  `)}),\n`);
    props.push(`inlinePolicies: {\n${entries.join('')}${i3}}`);
  }
  const out = [`    this.${field} = new iam.Role(this, ${singleQuoted(id)}, {`, ...props.map((p) => `${i3}${p},`), '    });'];
  if (!mapped) {
    out.push(
      '    // The trust policy is richer than one CDK principal: keep its exact document.',
      `    (this.${field}.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument = ${tsValue(role.trustPolicy, ctx, '    ')};`,
    );
  }
  for (const policy of role.policies.filter((p) => p.kind === 'managed')) out.push(...managedCode(policy, field, ctx, members));
  return out;
}

function managedCode(policy: GeneratedPolicy, roleField: string, ctx: Context, members: Member[]): string[] {
  const id = ctx.ids.take(`${pascalCase(stripMarkers(policy.name, ctx.known)) || 'Generated'}Policy`);
  const field = ctx.fields.take(camel(id));
  members.push({ field, type: 'iam.ManagedPolicy', doc: `customer managed policy ${policy.name}` });
  const i3 = '      ';
  const props = [`managedPolicyName: ${ts(policy.name, ctx)}`];
  if (policy.description) props.push(`description: ${ts(policy.description, ctx)}`);
  props.push(`document: iam.PolicyDocument.fromJson(${tsValue(policy.document, ctx, i3)})`, `roles: [this.${roleField}]`);
  return [`    this.${field} = new iam.ManagedPolicy(this, ${singleQuoted(id)}, {`, ...props.map((p) => `${i3}${p},`), '    });'];
}

function docComment(text: string, indent: string): string[] {
  const lines = text.replace(/\*\//g, '*\\/').split(/\r?\n/);
  return lines.length === 1 ? [`${indent}/** ${lines[0]} */`] : [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}

/** The construct's class name: the bundle name in PascalCase, a valid identifier. */
export function constructName(bundle: GeneratedBundle): string {
  const name = pascalCase(bundle.name) || 'Generated';
  return /^[A-Za-z]/.test(name) ? name : `Generated${name}`;
}

export function render(bundle: GeneratedBundle): RenderedFile[] {
  const className = constructName(bundle);
  const ctx: Context = { known: parameterNames(bundle), ids: new UniqueNames(), fields: new UniqueNames(['node']), usesDuration: false };
  const members: Member[] = [];
  const body = bundle.roles.flatMap((role) => roleCode(role, ctx, members));

  const lines = [
    `// Generated by leastpriv from ${JSON.stringify(bundle.name)}.`,
    ...(ctx.usesDuration ? ["import { Duration } from 'aws-cdk-lib';"] : []),
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import { Construct } from 'constructs';",
    '',
    `export interface ${className}Props {`,
  ];
  for (const p of bundle.parameters) {
    lines.push(...docComment(`${p.description} (generated with ${JSON.stringify(p.value)}${p.default !== undefined ? `, spec default ${JSON.stringify(p.default)}` : ''})`, '  '));
    lines.push(`  readonly ${p.name}?: string;`);
  }
  lines.push('}', '', ...docComment(bundle.description, ''), `export class ${className} extends Construct {`);
  for (const m of members) lines.push(...docComment(m.doc, '  '), `  public readonly ${m.field}: ${m.type};`);
  lines.push('', `  constructor(scope: Construct, id: string, props: ${className}Props = {}) {`, '    super(scope, id);');
  if (bundle.parameters.length > 0) {
    lines.push(`    const params: Required<${className}Props> = {`);
    for (const p of bundle.parameters) lines.push(`      ${p.name}: props.${p.name} ?? ${singleQuoted(p.value)},`);
    lines.push('    };');
  }
  lines.push(...body, '  }', '}');
  return [{ path: 'construct.ts', content: `${lines.join('\n')}\n` }];
}
