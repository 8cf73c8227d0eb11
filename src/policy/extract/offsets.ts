/**
 * Where each character of a decoded string value sits in its source text, so that a policy written inside a
 * string (`"policy": "{\"Statement\": …}"` in a Terraform plan, a `|` block in a YAML template) reports findings
 * at their real line and column.
 */
import type { StringNode } from '../tree.js';

/**
 * Source offset of every UTF-16 unit of the node's value, plus one entry for the end. Exact for JSON strings
 * (escapes counted); for YAML scalars the decoded text is aligned with the source, skipping indentation, quotes,
 * block headers and escape sequences.
 */
export function stringOffsets(text: string, node: StringNode, yaml: boolean): number[] {
  return yaml ? yamlOffsets(text, node) : jsonOffsets(text, node.start, node.end, node.value.length);
}

function jsonOffsets(text: string, start: number, end: number, length: number): number[] {
  const out: number[] = [];
  let i = start + 1;
  const last = end - 1;
  while (i < last && out.length < length) {
    out.push(i);
    if (text.charCodeAt(i) === 0x5c) i += text[i + 1] === 'u' ? 6 : 2;
    else i++;
  }
  while (out.length < length) out.push(last);
  out.push(last);
  return out;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function yamlOffsets(text: string, node: StringNode): number[] {
  const value = node.value;
  const end = node.end;
  const first = text[node.start];
  let j = node.start;
  const doubleQuoted = first === '"';
  const singleQuoted = first === "'";
  if (doubleQuoted || singleQuoted) j++;
  else if (first === '|' || first === '>') {
    const nl = text.indexOf('\n', j);
    j = nl < 0 || nl >= end ? end : nl + 1;
  }
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    let at = -1;
    while (j < end) {
      const s = text[j]!;
      if (doubleQuoted && s === '\\') {
        const e = text[j + 1];
        if (e === '\n' || e === '\r') {
          // an escaped line break produces nothing
          j += 2;
          continue;
        }
        at = j;
        j += e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
        break;
      }
      if (singleQuoted && s === "'" && text[j + 1] === "'" && c === "'") {
        at = j;
        j += 2;
        break;
      }
      if (s === c || (isSpace(c) && isSpace(s))) {
        at = j;
        j++;
        break;
      }
      j++;
    }
    out.push(at < 0 ? Math.max(node.start, end - 1) : at);
  }
  out.push(Math.min(j, end));
  return out;
}
