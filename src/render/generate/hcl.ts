/**
 * HCL text for the Terraform renderer, formatted the way `terraform fmt` leaves it (two-space indent, `=` aligned
 * over runs of one-line attributes), so a user's `terraform fmt -check` stays quiet on generated files.
 */
import type { JsonValue } from '../../generate/model.js';
import { isJsonObject, pieces, type Piece } from './template.js';

/** How a `{param}` marker is written inside an HCL template string, e.g. `${var.project}`. */
export type MarkerRef = (name: string) => string;

function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    // `${` and `%{` open HCL interpolation and directives; doubling the sigil writes them literally (IAM's
    // `${aws:username}` becomes `$${aws:username}`).
    else if ((c === '$' || c === '%') && next === '{') out += c + c;
    else if (c < ' ' || c === '\u007f') out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** A quoted HCL template string; markers become `${…}` interpolations via `ref`. */
export function hclString(template: string, known: ReadonlySet<string>, ref: MarkerRef): string {
  return `"${hclPieces(pieces(template, known), ref)}"`;
}

function hclPieces(parts: Piece[], ref: MarkerRef): string {
  // A marker never follows a literal `$` (`${name}` is an IAM policy variable, not a marker), so an interpolation
  // written here can never merge with a preceding `$` into the `$${` escape.
  return parts.map((p) => (p.kind === 'param' ? `\${${ref(p.name)}}` : escapeText(p.text))).join('');
}

/** A literal HCL string (no interpolation), for tfvars and variable defaults. */
export function hclLiteral(text: string): string {
  return `"${escapeText(text)}"`;
}

/** One attribute or object item: `key = value`, where value may span lines. */
export interface HclItem {
  key: string;
  value: string[];
}

/** Lines of a body (block or object), `=` aligned over runs of one-line items, each line indented by `indent`. */
export function hclBody(items: HclItem[], indent: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    if (items[i]!.value.length > 1) {
      const [first, ...rest] = items[i]!.value;
      out.push(`${indent}${items[i]!.key} = ${first}`, ...rest.map((l) => `${indent}${l}`));
      i++;
      continue;
    }
    let j = i;
    while (j < items.length && items[j]!.value.length === 1) j++;
    const width = Math.max(...items.slice(i, j).map((it) => it.key.length));
    for (const it of items.slice(i, j)) out.push(`${indent}${it.key.padEnd(width)} = ${it.value[0]}`);
    i = j;
  }
  return out;
}

/** A JSON value as an HCL expression (for `jsonencode(…)`), strings in template form. */
export function hclValue(value: JsonValue, known: ReadonlySet<string>, ref: MarkerRef): string[] {
  if (typeof value === 'string') return [hclString(value, known, ref)];
  if (value === null) return ['null'];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    const items = value.map((v) => hclValue(v, known, ref));
    if (items.every((l) => l.length === 1)) return [`[${items.map((l) => l[0]).join(', ')}]`];
    const lines = ['['];
    for (const l of items) {
      lines.push(...l.slice(0, -1).map((x) => `  ${x}`), `  ${l[l.length - 1]},`);
    }
    lines.push(']');
    return lines;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ['{}'];
    const items = entries.map(([k, v]) => {
      const key = hclString(k, known, ref);
      // A key with an interpolation is an expression; parentheses make HCL evaluate it rather than read a name.
      return { key: key.includes('${') && key !== hclLiteral(k) ? `(${key})` : key, value: hclValue(v, known, ref) };
    });
    return ['{', ...hclBody(items, '  '), '}'];
  }
  return ['null'];
}
