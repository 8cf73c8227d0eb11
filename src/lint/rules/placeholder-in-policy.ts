import { escapePointer, type JsonNode } from '../../policy/tree.js';
import type { Rule } from '../rule.js';

/**
 * A template placeholder left in a value: `{bucket_name}`, `<ACCOUNT_ID>`, or `${Environment}` where `${…}` is
 * not an IAM policy variable. Policy variables name a condition key, which always has a `prefix:` part
 * (`${aws:username}`, `${aws:PrincipalTag/team}`, `${www.amazon.com:user_id}`, optionally with a default:
 * `${aws:username, 'anonymous'}`); `${*}`, `${?}` and `${$}` are IAM's escapes for the literal characters
 * ("IAM policy elements: Variables and tags"). `${AWS::Region}` is a CloudFormation pseudo parameter, not a
 * policy variable. Values the template loaders could not resolve (`!Ref`, Terraform unknowns) are marked
 * unresolved and are not judged: those are placeholders the deployment fills in.
 */
export default {
  meta: {
    code: 'placeholder-in-policy',
    severity: 'warning',
    summary: 'A value holds an unfilled template placeholder ({bucket_name}, <ACCOUNT_ID>, ${Environment}).',
  },
  check(ctx) {
    walk(ctx.document.root, '', (pointer, value) => {
      const found = placeholders(value);
      if (found.length === 0) return;
      const list = found.map((p) => `"${p}"`).join(', ');
      ctx.report({
        pointer,
        message: `${list} look${found.length === 1 ? 's' : ''} like an unfilled template placeholder; IAM reads it as literal text, so the statement matches nothing intended`,
      });
    });
  },
} satisfies Rule;

function walk(node: JsonNode, pointer: string, visit: (pointer: string, value: string) => void): void {
  if (node.kind === 'string') {
    if (!node.unresolved) visit(pointer, node.value);
  } else if (node.kind === 'array') node.items.forEach((it, i) => walk(it, `${pointer}/${i}`, visit));
  else if (node.kind === 'object') for (const p of node.props) walk(p.value, `${pointer}/${escapePointer(p.key)}`, visit);
}

/** `aws:username`, `s3:prefix`, `token.actions.githubusercontent.com:sub`, with an optional `, 'default'`. */
const POLICY_VARIABLE = /^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][^:]*$/;
const ESCAPES = new Set(['*', '?', '$']);
const BRACED = /(^|[^$])\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
const ANGLED = /<([A-Za-z_][A-Za-z0-9_.-]*)>/g;

export function placeholders(value: string): string[] {
  const out: string[] = [];
  if (!value.includes('{') && !value.includes('<')) return out;
  let i = value.indexOf('${');
  while (i >= 0) {
    const close = value.indexOf('}', i + 2);
    if (close < 0) break;
    const inner = value.slice(i + 2, close);
    const name = inner.split(',')[0]!.trim();
    if (!ESCAPES.has(inner) && !POLICY_VARIABLE.test(name) && /^[A-Za-z_][\w.:-]*$/.test(name)) out.push(value.slice(i, close + 1));
    i = value.indexOf('${', close + 1);
  }
  for (const m of value.matchAll(BRACED)) out.push(`{${m[2]!}}`);
  for (const m of value.matchAll(ANGLED)) out.push(m[0]);
  return out;
}
