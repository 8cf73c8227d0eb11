/**
 * CloudFormation templates (JSON or YAML, SAM included): every embedded policy document, with its location in the
 * template (`Resources/DeployRole/Properties/Policies/0/PolicyDocument`) and the policy type and inline quota its
 * property implies. Intrinsics inside the documents are resolved as far as the template allows (intrinsics.ts).
 *
 * `Fn::If` around a whole document (or around a `Policies` list or one of its items) yields both branches as
 * separate policies, located at `…/Fn::If/1` and `…/Fn::If/2`: each is a policy CloudFormation may deploy.
 * Unknown resource types are ignored; a template without policies yields nothing.
 */
import { pointersOf, policyFromNode, type LoadedPolicy, type PolicyOptions } from '../loaded.js';
import type { InlineKind, PolicyType } from '../model.js';
import type { SourceText } from '../source.js';
import { escapePointer, getProperty, type JsonNode, type ObjectNode } from '../tree.js';
import { policyFromEmbedded, type EmbeddedText } from './embedded.js';
import { NO_VALUE, Resolver, hasUnknown, intrinsicName, isNoValue } from './intrinsics.js';
import { stringOffsets } from './offsets.js';

export function looksLikeCloudFormation(root: JsonNode): boolean {
  if (root.kind !== 'object') return false;
  if (getProperty(root, 'AWSTemplateFormatVersion')) return true;
  return getProperty(root, 'Resources')?.value.kind === 'object';
}

/** A parsed template: its tree, whether the text was YAML, and the keys its parser saw twice. */
export interface ParsedTemplate {
  root: JsonNode;
  yaml: boolean;
  duplicateKeys?: readonly { key: string; offset: number; object: ObjectNode }[];
}

interface Candidate {
  node: JsonNode;
  location: string;
}

interface Place {
  type: PolicyType;
  inline?: InlineKind;
  /** the property holds one statement, not a document (`AWS::Events::EventBusPolicy` `Statement`) */
  statement?: boolean;
}

type Handler = (t: TemplateReader, properties: JsonNode, location: string) => void;

/** A document property of the resource. */
const doc =
  (property: string, place: Place): Handler =>
  (t, props, loc) => {
    for (const c of t.property(props, property, loc)) t.policy(c, place);
  };

/** `Policies: [{PolicyName, PolicyDocument}]` of a role, user or group. */
const inlineList =
  (inline: InlineKind): Handler =>
  (t, props, loc) => {
    for (const list of t.property(props, 'Policies', loc)) {
      for (const item of t.items(list)) {
        for (const d of t.property(item.node, 'PolicyDocument', item.location)) t.policy(d, { type: 'identity', inline });
      }
    }
  };

const resource = (property: string): Handler => doc(property, { type: 'resource' });

/** SAM `Policies`: a managed policy name, a SAM policy template, a document, or a list of these. */
const samPolicies: Handler = (t, props, loc) => {
  for (const c of t.property(props, 'Policies', loc)) {
    const entries = c.node.kind === 'array' ? t.items(c) : [c];
    for (const e of entries) {
      // SAM puts documents into the function role's inline policies.
      if (e.node.kind === 'object' && !intrinsicName(e.node) && getProperty(e.node, 'Statement')) {
        t.policy(e, { type: 'identity', inline: 'role' });
      }
    }
  }
};

/** Which quota an `AWS::IAM::Policy` (inline, attached to every listed entity) must fit: the smallest. */
const iamPolicy: Handler = (t, props, loc) => {
  const listed = (key: string): boolean => {
    const v = props.kind === 'object' ? getProperty(props, key)?.value : undefined;
    return !!v && !(v.kind === 'array' && v.items.length === 0);
  };
  // user 2,048 < group 5,120 < role 10,240
  const inline: InlineKind | undefined = listed('Users') ? 'user' : listed('Groups') ? 'group' : listed('Roles') ? 'role' : undefined;
  for (const c of t.property(props, 'PolicyDocument', loc)) t.policy(c, { type: 'identity', ...(inline ? { inline } : {}) });
};

const ORGANIZATION_POLICY_TYPES: Record<string, PolicyType> = {
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
};

const organizationsPolicy: Handler = (t, props, loc) => {
  if (props.kind !== 'object') return;
  const typeNode = getProperty(props, 'Type')?.value;
  const typeText = typeNode ? t.resolver.text(typeNode) : NO_VALUE;
  if (typeText === NO_VALUE || hasUnknown(typeText)) return;
  // Tag, backup, AI opt-out and chatbot policies are not IAM policies.
  const type = ORGANIZATION_POLICY_TYPES[typeText.text];
  if (type) for (const c of t.property(props, 'Content', loc)) t.policy(c, { type });
};

const HANDLERS: Record<string, Handler[]> = {
  'AWS::IAM::Role': [doc('AssumeRolePolicyDocument', { type: 'trust' }), inlineList('role')],
  'AWS::IAM::User': [inlineList('user')],
  'AWS::IAM::Group': [inlineList('group')],
  'AWS::IAM::Policy': [iamPolicy],
  'AWS::IAM::ManagedPolicy': [doc('PolicyDocument', { type: 'identity' })],
  'AWS::IAM::RolePolicy': [doc('PolicyDocument', { type: 'identity', inline: 'role' })],
  'AWS::IAM::UserPolicy': [doc('PolicyDocument', { type: 'identity', inline: 'user' })],
  'AWS::IAM::GroupPolicy': [doc('PolicyDocument', { type: 'identity', inline: 'group' })],
  // Identity Center provisions a permission set's inline policy as an inline policy of a role in each account.
  'AWS::SSO::PermissionSet': [doc('InlinePolicy', { type: 'identity', inline: 'role' })],
  'AWS::Organizations::Policy': [organizationsPolicy],
  'AWS::S3::BucketPolicy': [resource('PolicyDocument')],
  'AWS::S3::AccessPoint': [resource('Policy')],
  'AWS::S3Express::BucketPolicy': [resource('PolicyDocument')],
  'AWS::SQS::QueuePolicy': [resource('PolicyDocument')],
  'AWS::SNS::TopicPolicy': [resource('PolicyDocument')],
  'AWS::KMS::Key': [resource('KeyPolicy')],
  'AWS::KMS::ReplicaKey': [resource('KeyPolicy')],
  'AWS::SecretsManager::ResourcePolicy': [resource('ResourcePolicy')],
  'AWS::ECR::Repository': [resource('RepositoryPolicyText')],
  'AWS::ECR::RegistryPolicy': [resource('PolicyText')],
  'AWS::Logs::ResourcePolicy': [resource('PolicyDocument')],
  'AWS::Logs::Destination': [resource('DestinationPolicy')],
  'AWS::Events::EventBusPolicy': [doc('Statement', { type: 'resource', statement: true })],
  'AWS::Events::EventBus': [resource('Policy')],
  'AWS::OpenSearchService::Domain': [resource('AccessPolicies')],
  'AWS::Elasticsearch::Domain': [resource('AccessPolicies')],
  'AWS::Backup::BackupVault': [resource('AccessPolicy')],
  'AWS::EFS::FileSystem': [resource('FileSystemPolicy')],
  'AWS::ApiGateway::RestApi': [resource('Policy')],
  'AWS::EC2::VPCEndpoint': [resource('PolicyDocument')],
  'AWS::CodeArtifact::Domain': [resource('PermissionsPolicyDocument')],
  'AWS::CodeArtifact::Repository': [resource('PermissionsPolicyDocument')],
  'AWS::Kinesis::ResourcePolicy': [resource('ResourcePolicy')],
  'AWS::Serverless::Function': [doc('AssumeRolePolicyDocument', { type: 'trust' }), samPolicies],
  'AWS::Serverless::StateMachine': [samPolicies],
};

/** Resource types whose policies this reader extracts (for the docs and tests). */
export const CLOUDFORMATION_TYPES: readonly string[] = Object.keys(HANDLERS);

class TemplateReader {
  readonly resolver: Resolver;
  readonly out: LoadedPolicy[] = [];
  private readonly position: (offset: number) => ReturnType<SourceText['position']>;

  constructor(
    readonly template: ParsedTemplate,
    readonly path: string,
    readonly source: SourceText,
  ) {
    const root = template.root;
    const mappings = root.kind === 'object' ? getProperty(root, 'Mappings')?.value : undefined;
    this.resolver = new Resolver({ text: source.text, yaml: template.yaml, mappings: mappings?.kind === 'object' ? mappings : undefined });
    this.position = (offset) => source.position(offset);
  }

  /** A value as deployed: `Fn::If` yields both branches, `AWS::NoValue` nothing. */
  values(node: JsonNode, location: string, depth = 0): Candidate[] {
    if (isNoValue(node)) return [];
    if (intrinsicName(node) === 'Fn::If' && node.kind === 'object' && depth < 16) {
      const args = node.props[0]!.value;
      if (args.kind === 'array' && args.items.length === 3) {
        return [1, 2].flatMap((i) => this.values(args.items[i]!, `${location}/Fn::If/${i}`, depth + 1));
      }
    }
    return [{ node, location }];
  }

  property(obj: JsonNode, key: string, location: string): Candidate[] {
    if (obj.kind !== 'object' || intrinsicName(obj)) return [];
    const p = getProperty(obj, key);
    return p ? this.values(p.value, `${location}/${escapePointer(key)}`) : [];
  }

  items(list: Candidate): Candidate[] {
    if (list.node.kind !== 'array') return [];
    return list.node.items.flatMap((it, i) => this.values(it, `${list.location}/${i}`));
  }

  policy(c: Candidate, place: Place): void {
    const options: PolicyOptions = { type: place.type, location: c.location, ...(place.inline ? { inline: place.inline } : {}) };
    let node = c.node;
    const fn = intrinsicName(node);
    if (fn === 'Fn::ToJsonString' && node.kind === 'object') {
      // The document is written as YAML/JSON structure and serialised by CloudFormation.
      node = node.props[0]!.value;
      options.location = `${c.location}/Fn::ToJsonString`;
    } else if (fn || node.kind === 'string') {
      if (place.statement) return;
      // A document given as JSON text, possibly assembled with Fn::Sub or Fn::Join.
      let embedded: EmbeddedText;
      if (node.kind === 'string') {
        embedded = { text: node.value, offsets: stringOffsets(this.source.text, node, this.template.yaml) };
      } else {
        const text = this.resolver.text(node);
        // Nothing known (`!Ref PolicyParameter`): there is no document to lint.
        if (text === NO_VALUE || !text.unknown.includes(0)) return;
        embedded = { text: text.text, offsets: [...text.offsets, node.end - 1], unknown: Uint8Array.from(text.unknown) };
      }
      this.out.push(policyFromEmbedded(embedded, this.path, this.source, options));
      return;
    }
    const resolved = this.resolver.tree(node);
    if (resolved === NO_VALUE) return;
    const root: JsonNode = place.statement
      ? {
          kind: 'object',
          start: resolved.start,
          end: resolved.end,
          props: [
            // EventBridge wraps the statement in a document of its own; the version is not the author's to forget.
            { key: 'Version', keyStart: resolved.start, value: { kind: 'string', value: '2012-10-17', start: resolved.start, end: resolved.start } },
            { key: 'Statement', keyStart: resolved.start, value: resolved },
          ],
        }
      : resolved;
    const policy = policyFromNode(root, this.path, this.position, options);
    policy.duplicateKeys = this.duplicatesIn(root);
    this.out.push(policy);
  }

  private duplicatesIn(root: JsonNode): LoadedPolicy['duplicateKeys'] {
    const dups = this.template.duplicateKeys ?? [];
    if (dups.length === 0) return [];
    const copies = new Set<ObjectNode>();
    for (const d of dups) {
      const copy = this.resolver.copies.get(d.object);
      if (copy) copies.add(copy);
    }
    const ptrs = pointersOf(root, copies);
    const out: LoadedPolicy['duplicateKeys'] = [];
    for (const d of dups) {
      const copy = this.resolver.copies.get(d.object);
      const ptr = copy ? ptrs.get(copy) : undefined;
      if (ptr !== undefined) out.push({ key: d.key, offset: d.offset, pointer: `${ptr}/${escapePointer(d.key)}` });
    }
    return out;
  }

  run(): LoadedPolicy[] {
    const root = this.template.root;
    const resources = root.kind === 'object' ? getProperty(root, 'Resources')?.value : undefined;
    if (resources?.kind !== 'object') return this.out;
    for (const r of resources.props) {
      const res = r.value;
      if (res.kind !== 'object') continue;
      const type = getProperty(res, 'Type')?.value;
      const props = getProperty(res, 'Properties')?.value;
      if (type?.kind !== 'string' || !props) continue;
      const handlers = HANDLERS[type.value];
      if (!handlers) continue;
      const location = `Resources/${escapePointer(r.key)}/Properties`;
      for (const h of handlers) h(this, props, location);
    }
    return this.out;
  }
}

/**
 * Every policy in a parsed template. Each place implies its type (and inline quota), so `options.type` and
 * `options.inline` (meant for bare policies) do not apply here.
 */
export function extractCloudFormation(template: ParsedTemplate, path: string, source: SourceText, _options: PolicyOptions = {}): LoadedPolicy[] {
  return new TemplateReader(template, path, source).run();
}
