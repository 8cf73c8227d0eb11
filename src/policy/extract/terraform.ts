/**
 * `terraform show -json` output (of a saved plan, or of the state): every policy of the AWS provider's resources
 * and `aws_iam_policy_document` data sources, with positions in the JSON file.
 *
 * - Plans: `planned_values` (root and child modules, recursively), plus the data sources Terraform read while
 *   planning, which only `prior_state` holds. State: `values`.
 * - Location: the resource address, `/`, the attribute: `module.ci["a"].aws_iam_role.deploy["x"]/assume_role_policy`,
 *   `aws_iam_role.r/inline_policy/0/policy`, `data.aws_iam_policy_document.x/json`.
 * - Values Terraform does not know until apply are absent from the plan and skipped, except for an
 *   `aws_iam_policy_document` whose `json` waits on, say, a bucket ARN: its `statement` blocks are in the plan,
 *   and the document is rebuilt from them (location `…/statement`) with the unknown values as unresolved `*`.
 * - A document that appears twice (a data source's `json` used by a role, an `aws_sqs_queue.policy` mirroring an
 *   `aws_sqs_queue_policy`) is linted once, where its type is known: the secondary place is skipped.
 */
import { policyFromNode, type LoadedPolicy, type PolicyOptions } from '../loaded.js';
import type { InlineKind, PolicyType } from '../model.js';
import type { SourceText } from '../source.js';
import { getProperty, type JsonNode, type ObjectNode, type StringNode } from '../tree.js';
import { policyFromEmbedded } from './embedded.js';
import { stringOffsets } from './offsets.js';

export function looksLikeTerraformPlan(root: JsonNode): boolean {
  if (root.kind !== 'object' || !getProperty(root, 'format_version')) return false;
  return ['terraform_version', 'planned_values', 'values'].some((k) => getProperty(root, k));
}

interface Place {
  attribute: string;
  /** undefined: not visible from the place (an `aws_iam_policy_document`); `--type` or detection decides */
  type?: PolicyType;
  inline?: InlineKind;
  /** the attribute sits in each block of this nested block list (`inline_policy`) */
  block?: string;
  /** mirrors a policy that a dedicated resource (or a data source's user) also holds */
  secondary?: boolean;
}

const resource = (attribute: string, secondary = false): Place[] => [{ attribute, type: 'resource', ...(secondary ? { secondary } : {}) }];

const MANAGED: Record<string, Place[]> = {
  aws_iam_policy: [{ attribute: 'policy', type: 'identity' }],
  aws_iam_role_policy: [{ attribute: 'policy', type: 'identity', inline: 'role' }],
  aws_iam_user_policy: [{ attribute: 'policy', type: 'identity', inline: 'user' }],
  aws_iam_group_policy: [{ attribute: 'policy', type: 'identity', inline: 'group' }],
  aws_iam_role: [
    { attribute: 'assume_role_policy', type: 'trust' },
    // In state, `inline_policy` also lists the policies that aws_iam_role_policy resources put on the role.
    { attribute: 'policy', block: 'inline_policy', type: 'identity', inline: 'role', secondary: true },
  ],
  // Identity Center provisions a permission set's inline policy as an inline policy of a role in each account.
  aws_ssoadmin_permission_set_inline_policy: [{ attribute: 'inline_policy', type: 'identity', inline: 'role' }],
  aws_s3_bucket_policy: resource('policy'),
  aws_s3_bucket: resource('policy', true),
  aws_s3_access_point: resource('policy', true),
  aws_sqs_queue_policy: resource('policy'),
  aws_sqs_queue: resource('policy', true),
  aws_sns_topic_policy: resource('policy'),
  aws_sns_topic: resource('policy', true),
  aws_kms_key_policy: resource('policy'),
  aws_kms_key: resource('policy', true),
  aws_kms_replica_key: resource('policy', true),
  aws_secretsmanager_secret_policy: resource('policy'),
  aws_secretsmanager_secret: resource('policy', true),
  aws_ecr_repository_policy: resource('policy'),
  aws_ecr_registry_policy: resource('policy'),
  aws_ecrpublic_repository_policy: resource('policy'),
  aws_cloudwatch_log_resource_policy: resource('policy_document'),
  aws_cloudwatch_log_destination_policy: resource('access_policy'),
  aws_cloudwatch_event_bus_policy: resource('policy'),
  aws_opensearch_domain_policy: resource('access_policies'),
  aws_opensearch_domain: resource('access_policies', true),
  aws_elasticsearch_domain_policy: resource('access_policies'),
  aws_elasticsearch_domain: resource('access_policies', true),
  aws_backup_vault_policy: resource('policy'),
  aws_efs_file_system_policy: resource('policy'),
  aws_api_gateway_rest_api_policy: resource('policy'),
  aws_api_gateway_rest_api: resource('policy', true),
  aws_glacier_vault: resource('access_policy'),
  aws_dynamodb_resource_policy: resource('policy'),
  aws_kinesis_resource_policy: resource('policy'),
  aws_codeartifact_domain_permissions_policy: resource('policy_document'),
  aws_codeartifact_repository_permissions_policy: resource('policy_document'),
  aws_glue_resource_policy: resource('policy'),
  aws_schemas_registry_policy: resource('policy'),
  aws_vpc_endpoint_policy: resource('policy'),
  aws_vpc_endpoint: resource('policy', true),
};

const DATA: Record<string, Place[]> = {
  aws_iam_policy_document: [{ attribute: 'json', secondary: true }],
};

const ORGANIZATION_POLICY_TYPES: Record<string, PolicyType> = {
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
};

/** Resource types (and `data.` types) whose policies this reader extracts, for the docs and tests. */
export const TERRAFORM_TYPES: readonly string[] = [
  ...Object.keys(MANAGED),
  'aws_organizations_policy',
  ...Object.keys(DATA).map((t) => `data.${t}`),
];

interface TfResource {
  address: string;
  mode: string;
  type: string;
  values: ObjectNode;
  /** the plan's `after_unknown` for this resource, when it has one */
  unknown?: JsonNode | undefined;
}

const str = (o: JsonNode | undefined, key: string): string | undefined => {
  const v = o?.kind === 'object' ? getProperty(o, key)?.value : undefined;
  return v?.kind === 'string' ? v.value : undefined;
};
const get = (o: JsonNode | undefined, key: string): JsonNode | undefined => (o?.kind === 'object' ? getProperty(o, key)?.value : undefined);
const isTrue = (n: JsonNode | undefined): boolean => n?.kind === 'boolean' && n.value;

function collect(module: JsonNode | undefined, out: TfResource[], depth = 0): void {
  if (module?.kind !== 'object' || depth > 64) return;
  const resources = get(module, 'resources');
  if (resources?.kind === 'array') {
    for (const r of resources.items) {
      const address = str(r, 'address');
      const type = str(r, 'type');
      const values = get(r, 'values');
      if (address && type && values?.kind === 'object') out.push({ address, type, mode: str(r, 'mode') ?? 'managed', values });
    }
  }
  const children = get(module, 'child_modules');
  if (children?.kind === 'array') for (const c of children.items) collect(c, out, depth + 1);
}

/** A JSON value's text with object keys sorted, so that documents the provider re-serialised compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function canonicalText(text: string): string | undefined {
  try {
    return canonical(JSON.parse(text));
  } catch {
    return undefined;
  }
}

interface Found {
  node: StringNode;
  location: string;
  place: Place;
  type?: PolicyType;
}

export function extractTerraform(root: JsonNode, path: string, source: SourceText, options: PolicyOptions = {}): LoadedPolicy[] {
  const resources: TfResource[] = [];
  const planned = get(root, 'planned_values');
  if (planned) {
    collect(get(planned, 'root_module'), resources);
    // Data sources read during planning are only in the prior state.
    const seen = new Set(resources.map((r) => r.address));
    const prior: TfResource[] = [];
    collect(get(get(get(root, 'prior_state'), 'values'), 'root_module'), prior);
    for (const r of prior) if (r.mode === 'data' && !seen.has(r.address)) resources.push(r);
    const changes = get(root, 'resource_changes');
    if (changes?.kind === 'array') {
      const unknownByAddress = new Map<string, JsonNode | undefined>();
      for (const c of changes.items) {
        const address = str(c, 'address');
        if (address) unknownByAddress.set(address, get(get(c, 'change'), 'after_unknown'));
      }
      for (const r of resources) r.unknown = unknownByAddress.get(r.address);
    }
  } else {
    collect(get(get(root, 'values'), 'root_module'), resources);
  }

  const found: Found[] = [];
  const rebuilt: { resource: TfResource; location: string }[] = [];
  for (const r of resources) {
    if (r.mode === 'data') {
      for (const place of DATA[r.type] ?? []) {
        const v = get(r.values, place.attribute);
        if (v?.kind === 'string') found.push({ node: v, location: `${r.address}/${place.attribute}`, place });
        else if (r.type === 'aws_iam_policy_document') rebuilt.push({ resource: r, location: `${r.address}/statement` });
      }
      continue;
    }
    if (r.mode !== 'managed') continue;
    if (r.type === 'aws_organizations_policy') {
      // Tag, backup, AI opt-out and chatbot policies are not IAM policies; `type` defaults to SCP.
      const type = ORGANIZATION_POLICY_TYPES[str(r.values, 'type') ?? 'SERVICE_CONTROL_POLICY'];
      const v = get(r.values, 'content');
      if (type && v?.kind === 'string') found.push({ node: v, location: `${r.address}/content`, place: { attribute: 'content' }, type });
      continue;
    }
    for (const place of MANAGED[r.type] ?? []) {
      if (place.block) {
        const blocks = get(r.values, place.block);
        if (blocks?.kind !== 'array') continue;
        blocks.items.forEach((b, i) => {
          const v = get(b, place.attribute);
          if (v?.kind === 'string') found.push({ node: v, location: `${r.address}/${place.block}/${i}/${place.attribute}`, place });
        });
      } else {
        const v = get(r.values, place.attribute);
        if (v?.kind === 'string') found.push({ node: v, location: `${r.address}/${place.attribute}`, place });
      }
    }
  }

  const primary = new Set<string>();
  for (const f of found) {
    if (f.place.secondary) continue;
    const c = canonicalText(f.node.value);
    if (c !== undefined) primary.add(c);
  }
  const out: LoadedPolicy[] = [];
  for (const f of found) {
    // An empty string is Terraform's "no policy" (an optional attribute left unset).
    if (f.node.value.trim() === '') continue;
    if (f.place.secondary) {
      const c = canonicalText(f.node.value);
      if (c !== undefined && primary.has(c)) continue;
    }
    const type = f.type ?? f.place.type;
    const opts: PolicyOptions = type
      ? { type, location: f.location, ...(f.place.inline ? { inline: f.place.inline } : {}) }
      : { ...options, location: f.location };
    out.push(policyFromEmbedded({ text: f.node.value, offsets: stringOffsets(source.text, f.node, false) }, path, source, opts));
  }
  for (const { resource: r, location } of rebuilt) {
    const doc = rebuildPolicyDocument(r.values, r.unknown);
    if (doc) out.push(policyFromNode(doc, path, (o) => source.position(o), { ...options, location }));
  }
  return out;
}

function unresolved(at: number): StringNode {
  return { kind: 'string', value: '*', start: at, end: at, unresolved: true };
}

function synthetic(value: string, at: number): StringNode {
  return { kind: 'string', value, start: at, end: at };
}

/** A list attribute as IAM values: null items (unknown until apply) become unresolved `*`. */
function listValue(v: JsonNode | undefined, u: JsonNode | undefined, at: number): JsonNode | undefined {
  if (isTrue(u)) return unresolved(v?.start ?? at);
  if (v?.kind !== 'array' || v.items.length === 0) return undefined;
  const uItems = u?.kind === 'array' ? u.items : [];
  return {
    kind: 'array',
    start: v.start,
    end: v.end,
    items: v.items.map((it, i) => (it.kind === 'null' || isTrue(uItems[i]) ? unresolved(it.start) : it)),
  };
}

/**
 * The document an `aws_iam_policy_document` will render, from its `statement` blocks (for a plan in which its
 * `json` is not known yet). Undefined when it merges other documents (`source_policy_documents`…), whose
 * content the plan may not show.
 */
export function rebuildPolicyDocument(values: ObjectNode, unknown: JsonNode | undefined): JsonNode | undefined {
  for (const k of ['source_json', 'override_json', 'source_policy_documents', 'override_policy_documents']) {
    const v = get(values, k);
    const set = v !== undefined && v.kind !== 'null' && !(v.kind === 'array' && v.items.length === 0) && !(v.kind === 'string' && v.value === '');
    if (set || isTrue(get(unknown, k))) return undefined;
  }
  // `dynamic "statement"` over a collection unknown until apply: no statements to show.
  if (isTrue(get(unknown, 'statement'))) return undefined;
  const at = values.start;
  const props: ObjectNode['props'] = [];
  const prop = (key: string, value: JsonNode): void => void props.push({ key, keyStart: value.start, value });
  const version = get(values, 'version');
  prop('Version', version?.kind === 'string' && version.value !== '' ? version : synthetic('2012-10-17', at));
  const id = get(values, 'policy_id');
  if (id?.kind === 'string' && id.value !== '') prop('Id', id);
  const statements = get(values, 'statement');
  const uStatements = get(unknown, 'statement');
  const items: JsonNode[] = [];
  if (statements?.kind === 'array') {
    statements.items.forEach((s, i) => {
      if (s.kind !== 'object') return;
      const us = uStatements?.kind === 'array' ? uStatements.items[i] : undefined;
      items.push(rebuildStatement(s, us));
    });
  }
  prop('Statement', { kind: 'array', start: statements?.start ?? at, end: statements?.end ?? at, items });
  return { kind: 'object', start: at, end: values.end, props };
}

function rebuildStatement(s: ObjectNode, us: JsonNode | undefined): JsonNode {
  const props: ObjectNode['props'] = [];
  const prop = (key: string, value: JsonNode): void => void props.push({ key, keyStart: value.start, value });
  const sid = get(s, 'sid');
  if (isTrue(get(us, 'sid'))) prop('Sid', unresolved(s.start));
  else if (sid?.kind === 'string' && sid.value !== '') prop('Sid', sid);
  const effect = get(s, 'effect');
  if (isTrue(get(us, 'effect'))) prop('Effect', unresolved(s.start));
  else prop('Effect', effect?.kind === 'string' && effect.value !== '' ? effect : synthetic('Allow', s.start));
  for (const [attr, key] of [
    ['not_principals', 'NotPrincipal'],
    ['principals', 'Principal'],
  ] as const) {
    const p = principals(get(s, attr), get(us, attr), s.start);
    if (p) prop(key, p);
  }
  for (const [attr, key] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const v = listValue(get(s, attr), get(us, attr), s.start);
    if (v) prop(key, v);
  }
  const c = conditions(get(s, 'condition'), get(us, 'condition'), s.start);
  if (c) prop('Condition', c);
  return { kind: 'object', start: s.start, end: s.end, props };
}

/** `principals { type, identifiers }` blocks → `{"AWS": [...]}` (blocks of one type merged), or `"*"`. */
function principals(v: JsonNode | undefined, u: JsonNode | undefined, at: number): JsonNode | undefined {
  if (isTrue(u)) return unresolved(v?.start ?? at);
  if (v?.kind !== 'array' || v.items.length === 0) return undefined;
  const uItems = u?.kind === 'array' ? u.items : [];
  const byType = new Map<string, { keyStart: number; items: JsonNode[]; start: number; end: number }>();
  const order: string[] = [];
  let wildcard: JsonNode | undefined;
  v.items.forEach((b, i) => {
    const type = get(b, 'type');
    const ids = listValue(get(b, 'identifiers'), get(uItems[i], 'identifiers'), b.start);
    if (type?.kind !== 'string' || !ids) return;
    // `type = "*"` with `identifiers = ["*"]` renders as `"Principal": "*"`.
    if (type.value === '*') {
      wildcard = ids.kind === 'array' ? ids.items[0] : ids;
      return;
    }
    let entry = byType.get(type.value);
    if (!entry) {
      entry = { keyStart: type.start, items: [], start: ids.start, end: ids.end };
      byType.set(type.value, entry);
      order.push(type.value);
    }
    if (ids.kind === 'array') entry.items.push(...ids.items);
    else entry.items.push(ids);
  });
  if (wildcard && order.length === 0) return wildcard;
  return {
    kind: 'object',
    start: v.start,
    end: v.end,
    props: order.map((t) => {
      const e = byType.get(t)!;
      return { key: t, keyStart: e.keyStart, value: { kind: 'array', start: e.start, end: e.end, items: e.items } };
    }),
  };
}

/** `condition { test, variable, values }` blocks → `{"StringEquals": {"aws:SourceVpc": [...]}}`. */
function conditions(v: JsonNode | undefined, u: JsonNode | undefined, at: number): JsonNode | undefined {
  if (isTrue(u)) return undefined;
  if (v?.kind !== 'array' || v.items.length === 0) return undefined;
  const uItems = u?.kind === 'array' ? u.items : [];
  const ops = new Map<string, ObjectNode>();
  const props: ObjectNode['props'] = [];
  v.items.forEach((b, i) => {
    const test = get(b, 'test');
    const variable = get(b, 'variable');
    if (test?.kind !== 'string' || variable?.kind !== 'string') return;
    const values = listValue(get(b, 'values'), get(uItems[i], 'values'), b.start) ?? { kind: 'array', start: b.start, end: b.start, items: [] };
    let op = ops.get(test.value);
    if (!op) {
      op = { kind: 'object', start: b.start, end: b.end, props: [] };
      ops.set(test.value, op);
      props.push({ key: test.value, keyStart: test.start, value: op });
    }
    op.props.push({ key: variable.value, keyStart: variable.start, value: values });
  });
  return props.length > 0 ? { kind: 'object', start: v.start ?? at, end: v.end, props } : undefined;
}
