/**
 * Policy documents named by a path for evaluation (`simulate --policy FILE`, the `policies` of a test file): a bare
 * policy, a file holding a JSON array of policies (one SCP level of several documents), or a CloudFormation
 * template / `terraform show -json` output from which the policies of the wanted kinds are taken. A `#LOCATION`
 * suffix picks embedded policies by where they are (`template.yaml#Resources/CiRole`).
 *
 * Unlike lint, which reports a broken policy as a finding, evaluation cannot go on without the document: a file
 * that does not parse, or holds no policy of the wanted kind, is an `InputError` naming the place.
 */
import { existsSync } from 'node:fs';
import { InputError, readInput, readPolicies } from './input.js';
import { parseJson } from './json.js';
import { policyFromNode, type LoadedPolicy } from './loaded.js';
import type { PolicyDocument, PolicyType } from './model.js';
import { SourceText } from './source.js';

export interface NamedDocument {
  /** where it came from, for people: `ci.json`, `stack.yaml#Resources/CiRole/Properties/Policies/0/PolicyDocument` */
  source: string;
  document: PolicyDocument;
  type: PolicyType;
}

/** The documents of one evaluation, by the role each plays; see `PolicySet` in the evaluator. */
export interface NamedPolicySet {
  identity: NamedDocument[];
  resource?: NamedDocument | undefined;
  /** several documents are read as one boundary */
  boundary: NamedDocument[];
  /** levels (root, OUs…, account), each a list of documents */
  scp: NamedDocument[][];
  rcp: NamedDocument[][];
  session?: NamedDocument | undefined;
}

export function emptyNamedSet(): NamedPolicySet {
  return { identity: [], boundary: [], scp: [], rcp: [] };
}

export interface DocumentOptions {
  /** the kinds wanted from a template or plan (a bare policy file is taken whatever it looks like) */
  kinds?: readonly PolicyType[];
}

function describe(p: LoadedPolicy): string {
  return p.location ? `${p.path}#${p.location}` : p.path;
}

function syntaxMessage(p: LoadedPolicy): string {
  const e = p.syntaxError!;
  const pos = p.position(e.offset);
  return `${describe(p)}${pos ? `:${pos.line}:${pos.column}` : ''}: ${e.message}`;
}

/** Splits `FILE#LOCATION` when FILE exists and the whole text does not. */
function splitSelector(spec: string): { path: string; location?: string } {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0 || spec === '-' || existsSync(spec)) return { path: spec };
  return { path: spec.slice(0, hash), location: spec.slice(hash + 1).replace(/^\/+/, '') };
}

/** The policies in one input's text (see the module comment). */
export function documentsFromText(text: string, path: string, options: DocumentOptions = {}, location?: string): NamedDocument[] {
  const trimmed = text.trimStart();
  let loaded: LoadedPolicy[];
  let embedded = false;
  if (trimmed.startsWith('[')) {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const pos = new SourceText(text).position(parsed.error.offset);
      throw new InputError(`${path}:${pos.line}:${pos.column}: ${parsed.error.message}`);
    }
    if (parsed.node.kind !== 'array') throw new InputError(`${path}: expected a policy or a list of policies`);
    const source = new SourceText(text);
    loaded = parsed.node.items.map((item, i) => policyFromNode(item, path, (o) => source.position(o), { location: String(i) }));
  } else {
    const r = readPolicies(text, path);
    loaded = r.policies;
    embedded = r.kind === 'cloudformation' || r.kind === 'terraform';
  }
  const broken = loaded.find((p) => p.syntaxError);
  if (broken) throw new InputError(syntaxMessage(broken));
  let picked = loaded;
  if (location !== undefined) {
    picked = loaded.filter((p) => p.location === location || p.location.startsWith(`${location}/`));
    if (picked.length === 0) throw new InputError(`${path}: no policy at ${location} (policies here: ${loaded.map((p) => p.location).join(', ') || 'none'})`);
  } else if (embedded && options.kinds) {
    const kinds = options.kinds;
    picked = loaded.filter((p) => kinds.includes(p.type));
    if (picked.length === 0) {
      throw new InputError(`${path}: holds no ${kinds.join(' or ')} policy${loaded.length ? ` (found: ${loaded.map(describe).join(', ')})` : ''}`);
    }
  }
  return picked.map((p) => ({ source: describe(p), document: p.document!, type: p.type }));
}

/** Reads `FILE`, `FILE#LOCATION` or `-`. Throws `InputError` for unreadable or unusable input. */
export function loadDocuments(spec: string, options: DocumentOptions = {}): NamedDocument[] {
  const { path, location } = splitSelector(spec);
  return documentsFromText(readInput(path), path, options, location);
}

/** Exactly one document (a resource policy, a session policy): several found is an error naming them. */
export function loadOneDocument(spec: string, what: string, options: DocumentOptions = {}): NamedDocument {
  const docs = loadDocuments(spec, options);
  if (docs.length !== 1) {
    throw new InputError(`${spec}: holds ${docs.length} policies, and ${what} is one (pick one with ${spec}#LOCATION: ${docs.map((d) => d.source).join(', ')})`);
  }
  return docs[0]!;
}
