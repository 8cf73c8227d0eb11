/**
 * A policy written as JSON text inside another document (a Terraform plan's `"policy": "{…}"`, a CloudFormation
 * property that takes a JSON string, possibly built with `Fn::Sub`). Positions map back to the outer file.
 */
import { parseJson } from '../json.js';
import { pointersOf, policyFromNode, policyFromText, type LoadedPolicy, type PolicyOptions } from '../loaded.js';
import type { SourceText } from '../source.js';
import { escapePointer, type JsonNode } from '../tree.js';

/** JSON text with the source offset of every character (plus one for the end) and which parts were unknown. */
export interface EmbeddedText {
  text: string;
  offsets: number[];
  /** 1 where the character stands for a template value leastpriv could not resolve (written as `*`) */
  unknown?: Uint8Array;
}

/**
 * Parses embedded policy text. Unknown parts outside a JSON string (`"Resource": ${Arns}`) are written as the
 * string `"*"` so that the text stays JSON; string nodes containing an unknown part are marked `unresolved`.
 */
export function policyFromEmbedded(input: EmbeddedText, path: string, source: SourceText, options: PolicyOptions): LoadedPolicy {
  const { text, offsets, unknown } = quoteUnknowns(input);
  const last = offsets[offsets.length - 1] ?? 0;
  const position = (offset: number) => source.position(offsets[offset] ?? last);
  const parsed = parseJson(text);
  if (!parsed.ok) return policyFromText(text, path, { ...options, position });
  // Unresolved marks must be on the tree before the model is built from it.
  if (unknown) markUnresolved(parsed.node, unknown);
  const policy = policyFromNode(parsed.node, path, position, options);
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

function quoteUnknowns(input: EmbeddedText): { text: string; offsets: number[]; unknown: Uint8Array | undefined } {
  const u = input.unknown;
  if (!u) return { text: input.text, offsets: input.offsets, unknown: undefined };
  const chars: string[] = [];
  const offsets: number[] = [];
  const flags: number[] = [];
  let inString = false;
  let escaped = false;
  const t = input.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    const at = input.offsets[i] ?? 0;
    if (u[i]) {
      if (inString) {
        chars.push(c);
        offsets.push(at);
        flags.push(1);
      } else {
        chars.push('"', c, '"');
        offsets.push(at, at, at);
        flags.push(1, 1, 1);
      }
      escaped = false;
      continue;
    }
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    chars.push(c);
    offsets.push(at);
    flags.push(0);
  }
  offsets.push(input.offsets[t.length] ?? offsets[offsets.length - 1] ?? 0);
  return { text: chars.join(''), offsets, unknown: Uint8Array.from(flags) };
}

/** Marks every string node whose text range contains an unknown character. */
function markUnresolved(root: JsonNode, unknown: Uint8Array): void {
  const before = new Uint32Array(unknown.length + 1);
  for (let i = 0; i < unknown.length; i++) before[i + 1] = before[i]! + unknown[i]!;
  const count = (s: number, e: number): number => before[Math.min(e, unknown.length)]! - before[Math.min(s, unknown.length)]!;
  const stack: JsonNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'object') for (const p of n.props) stack.push(p.value);
    else if (n.kind === 'array') stack.push(...n.items);
    else if (n.kind === 'string' && count(n.start, n.end) > 0) n.unresolved = true;
  }
}
