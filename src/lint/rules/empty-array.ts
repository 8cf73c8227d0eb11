import { escapePointer, type JsonNode } from '../../policy/tree.js';
import type { Rule } from '../rule.js';

/**
 * An empty list anywhere in the policy (`"Resource": []`, `"aws:SourceVpc": []`). It names nothing, so it is
 * either left over from an edit or a value a template failed to fill. An empty `Statement` is
 * `missing-statement`'s finding.
 */
export default {
  meta: {
    code: 'empty-array',
    severity: 'suggestion',
    summary: 'A list is empty; it names nothing.',
  },
  check(ctx) {
    walkEmpty(ctx.document.root, '', 'array', (pointer) => {
      if (pointer === '/Statement') return;
      ctx.report({ pointer, message: 'the list is empty; remove it or fill it in' });
    });
  },
} satisfies Rule;

/** Calls `visit` with the pointer of every empty array or object (of `kind`) below the root. */
export function walkEmpty(node: JsonNode, pointer: string, kind: 'array' | 'object', visit: (pointer: string) => void): void {
  if (node.kind === 'array') {
    if (node.items.length === 0 && kind === 'array' && pointer !== '') visit(pointer);
    node.items.forEach((it, i) => walkEmpty(it, `${pointer}/${i}`, kind, visit));
  } else if (node.kind === 'object') {
    if (node.props.length === 0 && kind === 'object' && pointer !== '') visit(pointer);
    for (const p of node.props) walkEmpty(p.value, `${pointer}/${escapePointer(p.key)}`, kind, visit);
  }
}
