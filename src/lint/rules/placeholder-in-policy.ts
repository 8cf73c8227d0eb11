import { escapePointer, type JsonNode } from '../../policy/tree.js';
import type { Rule, RuleContext } from '../rule.js';

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
    walk(ctx, ctx.document.root, []);
  },
} satisfies Rule;

/**
 * Every string of the document, depth first. The pointer is built only for a string that holds a placeholder
 * (almost none do): the path so far is kept as keys and indexes, not as a string per node.
 */
function walk(ctx: RuleContext, node: JsonNode, path: (string | number)[]): void {
  if (node.kind === 'string') {
    if (node.unresolved) return;
    const value = node.value;
    if (!value.includes('{') && !value.includes('<')) return;
    const found = placeholders(value);
    if (found.length === 0) return;
    const list = found.map((p) => `"${p}"`).join(', ');
    ctx.report({
      pointer: pointerOf(path),
      message: `${list} look${found.length === 1 ? 's' : ''} like an unfilled template placeholder; IAM reads it as literal text, so the statement matches nothing intended`,
    });
  } else if (node.kind === 'array') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(ctx, items[i]!, path);
      path.pop();
    }
  } else if (node.kind === 'object') {
    for (const p of node.props) {
      path.push(p.key);
      walk(ctx, p.value, path);
      path.pop();
    }
  }
}

function pointerOf(path: readonly (string | number)[]): string {
  let pointer = '';
  for (const seg of path) pointer += typeof seg === 'number' ? `/${seg}` : `/${escapePointer(seg)}`;
  return pointer;
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
