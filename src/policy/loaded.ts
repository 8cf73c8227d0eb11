/**
 * A policy as read from some input, ready to lint or evaluate: its tree and model, the type it is (given or
 * detected), where it came from, and how to turn node offsets into file positions.
 */
import { buildPolicy } from './build.js';
import { detectPolicyType } from './detect.js';
import { parseJson, type ParseResult } from './json.js';
import type { InlineKind, PolicyDocument, PolicyType } from './model.js';
import { SourceText, type Position } from './source.js';
import { escapePointer, toValue, type JsonNode, type ObjectNode } from './tree.js';

export interface LoadedPolicy {
  /** the file (or `-` for stdin, or a name the caller chose) */
  path: string;
  /** where inside the file: `Resources/DeployRole/Properties/Policies/0/PolicyDocument`; empty for a bare policy */
  location: string;
  type: PolicyType;
  /** whether `type` came from the user or the container (true) or was guessed from the document (false) */
  typeGiven: boolean;
  inline?: InlineKind;
  /** undefined when the text is not valid JSON/YAML */
  root?: JsonNode;
  document?: PolicyDocument;
  syntaxError?: { message: string; offset: number };
  duplicateKeys: { key: string; pointer: string; offset: number }[];
  /** `compactLength(root)` when the parser could count it on the way (see `ParseResult`); undefined otherwise */
  compactLength?: number;
  /** file position of a node offset; undefined when the input was not text */
  position(offset: number): Position | undefined;
}

/** Pointer (relative to the policy root) of every object whose duplicate key the parser saw. */
export function pointersOf(root: JsonNode, targets: Set<ObjectNode>): Map<ObjectNode, string> {
  const out = new Map<ObjectNode, string>();
  const walk = (n: JsonNode, ptr: string): void => {
    if (n.kind === 'object') {
      if (targets.has(n)) out.set(n, ptr);
      for (const p of n.props) walk(p.value, `${ptr}/${escapePointer(p.key)}`);
    } else if (n.kind === 'array') n.items.forEach((it, i) => walk(it, `${ptr}/${i}`));
  };
  if (targets.size > 0) walk(root, '');
  return out;
}

export interface PolicyOptions {
  type?: PolicyType;
  inline?: InlineKind;
  location?: string;
}

/** A policy from a node of a larger tree (a template), positions mapped through that tree's text. */
export function policyFromNode(
  root: JsonNode,
  path: string,
  position: (offset: number) => Position | undefined,
  options: PolicyOptions = {},
): LoadedPolicy {
  const document = buildPolicy(root);
  // `inline` set after the literal, not spread into it: an object spread is a slow clone in code that has not
  // warmed up yet, and this runs once per policy.
  const policy: LoadedPolicy = {
    path,
    location: options.location ?? '',
    type: options.type ?? detectPolicyType(document),
    typeGiven: options.type !== undefined,
    root,
    document,
    duplicateKeys: [],
    position,
  };
  if (options.inline) policy.inline = options.inline;
  return policy;
}

/** A policy from JSON text (a bare policy file, or a policy embedded as a string in another document). */
export function policyFromText(
  text: string,
  path: string,
  options: PolicyOptions & { position?: (offset: number) => Position | undefined } = {},
): LoadedPolicy {
  const source = new SourceText(text);
  const position = options.position ?? ((offset: number) => source.position(offset));
  return policyFromParsed(parseJson(text), path, position, options);
}

/** `policyFromText` for text already parsed (a reader that looked at the tree first need not parse it again). */
export function policyFromParsed(
  parsed: ParseResult,
  path: string,
  position: (offset: number) => Position | undefined,
  options: PolicyOptions = {},
): LoadedPolicy {
  if (!parsed.ok) {
    return {
      path,
      location: options.location ?? '',
      type: options.type ?? 'identity',
      typeGiven: options.type !== undefined,
      ...(options.inline ? { inline: options.inline } : {}),
      syntaxError: parsed.error,
      duplicateKeys: [],
      position,
    };
  }
  const policy = policyFromNode(parsed.node, path, position, options);
  if (parsed.compactLength !== undefined) policy.compactLength = parsed.compactLength;
  if (parsed.duplicateKeys.length > 0) {
    const ptrs = pointersOf(parsed.node, new Set(parsed.duplicateKeys.map((d) => d.object)));
    policy.duplicateKeys = parsed.duplicateKeys.map((d) => ({
      key: d.key,
      offset: d.offset,
      pointer: `${ptrs.get(d.object) ?? ''}/${escapePointer(d.key)}`,
    }));
  }
  return policy;
}

/** A policy from a plain value (an API caller's object); there are no positions. */
export function policyFromValue(value: unknown, path = '<value>', options: PolicyOptions = {}): LoadedPolicy {
  return policyFromText(JSON.stringify(value ?? null), path, { ...options, position: () => undefined });
}

/** Length that IAM counts against size quotas: the policy's characters without white space. */
export function compactLength(root: JsonNode): number {
  // Summed over the tree without building the text; a duplicated key (the last value wins) takes the slow path.
  return compactNodeLength(root) ?? JSON.stringify(toValue(root)).replace(/\s/g, '').length;
}

/** Length of `JSON.stringify(toValue(node))` without white space; undefined for an object with a duplicated key. */
function compactNodeLength(node: JsonNode): number | undefined {
  switch (node.kind) {
    case 'object': {
      const props = node.props;
      let n = props.length > 1 ? 1 + props.length : 2;
      if (props.length > 1 && hasDuplicateKey(props)) return undefined;
      for (const p of props) {
        const v = compactNodeLength(p.value);
        if (v === undefined) return undefined;
        n += compactStringLength(p.key) + 1 + v;
      }
      return n;
    }
    case 'array': {
      let n = node.items.length > 1 ? 1 + node.items.length : 2;
      for (const item of node.items) {
        const v = compactNodeLength(item);
        if (v === undefined) return undefined;
        n += v;
      }
      return n;
    }
    case 'string':
      return compactStringLength(node.value);
    case 'null':
      return 4;
    default:
      return JSON.stringify(node.value).length;
  }
}

function hasDuplicateKey(props: readonly { key: string }[]): boolean {
  if (props.length >= 16) return new Set(props.map((p) => p.key)).size !== props.length;
  // A policy's objects are small: a scan beats building a set for each of them.
  for (let i = 1; i < props.length; i++) for (let j = 0; j < i; j++) if (props[i]!.key === props[j]!.key) return true;
  return false;
}

function compactStringLength(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Outside printable ASCII, or a quote or backslash: JSON escaping or white space changes the length.
    if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return JSON.stringify(s).replace(/\s/g, '').length;
  }
  return s.length + 2;
}
