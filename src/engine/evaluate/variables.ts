/**
 * Policy variables ("IAM policy elements: Variables and tags"): `${aws:username}`, `${aws:PrincipalTag/team}`, any
 * context key, with an optional default (`${aws:username, 'anonymous'}`), and the fixed `${*}`, `${?}`, `${$}` for
 * literal `*`, `?`, `$`. Variables work only in policies whose `Version` is `2012-10-17`; elsewhere "variables like
 * `${aws:username}` are treated as literal strings".
 *
 * A value is parsed once into parts; text the variable puts in is literal (a `*` in a user name is not a wildcard).
 * A variable whose key is missing (and has no default), or holds several values ("you cannot use a multivalued
 * context key as a policy variable"), cannot be resolved: the value that holds it then matches nothing.
 */
import type { GlobPiece } from './glob.js';
import type { ContextValue } from './request.js';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'literal'; text: string }
  | { kind: 'var'; key: string; fallback: string | undefined };

export interface Template {
  readonly parts: readonly TemplatePart[];
  /** has a context variable (so it must be resolved per request) */
  readonly dynamic: boolean;
  /** the pieces when not dynamic */
  readonly pieces: readonly GlobPiece[] | undefined;
}

const SPECIAL: Record<string, string> = { '*': '*', '?': '?', $: '$' };

export function parseTemplate(text: string, variables: boolean): Template {
  if (!variables || !text.includes('${')) {
    return { parts: [{ kind: 'text', text }], dynamic: false, pieces: [{ text, wild: true }] };
  }
  const parts: TemplatePart[] = [];
  let pos = 0;
  let dynamic = false;
  while (pos < text.length) {
    const open = text.indexOf('${', pos);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      parts.push({ kind: 'text', text: text.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ kind: 'text', text: text.slice(pos, open) });
    const inner = text.slice(open + 2, close);
    const special = SPECIAL[inner];
    if (special !== undefined) parts.push({ kind: 'literal', text: special });
    else {
      dynamic = true;
      const comma = inner.indexOf(',');
      let key = inner;
      let fallback: string | undefined;
      if (comma >= 0) {
        key = inner.slice(0, comma);
        const def = inner.slice(comma + 1).trim();
        if (def.length >= 2 && def.startsWith("'") && def.endsWith("'")) fallback = def.slice(1, -1);
      }
      parts.push({ kind: 'var', key: key.trim().toLowerCase(), fallback });
    }
    pos = close + 1;
  }
  const pieces = dynamic ? undefined : parts.map((p) => ({ text: (p as { text: string }).text, wild: p.kind === 'text' }));
  return { parts, dynamic, pieces };
}

/** The value a variable stands for in this request, or undefined when it cannot be resolved. */
export function variableValue(part: { key: string; fallback: string | undefined }, context: ReadonlyMap<string, ContextValue>): string | undefined {
  const v = context.get(part.key);
  if (v && !v.multi && v.values.length === 1) return v.values[0];
  return part.fallback;
}

/** Pieces of a template for this request; undefined when a variable cannot be resolved. */
export function resolvePieces(t: Template, context: ReadonlyMap<string, ContextValue>): GlobPiece[] | undefined {
  const out: GlobPiece[] = [];
  for (const p of t.parts) {
    if (p.kind === 'var') {
      const v = variableValue(p, context);
      if (v === undefined) return undefined;
      out.push({ text: v, wild: false });
    } else out.push({ text: p.text, wild: p.kind === 'text' });
  }
  return out;
}

/** The template's text for this request (wildcards not interpreted); undefined when it cannot be resolved. */
export function resolveText(t: Template, context: ReadonlyMap<string, ContextValue>): string | undefined {
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'var') {
      const v = variableValue(p, context);
      if (v === undefined) return undefined;
      out += v;
    } else out += p.text;
  }
  return out;
}
