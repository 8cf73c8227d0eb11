import { hasNoEmptyContainer } from '../../policy/json.js';
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
    // Most documents hold no empty container, as the parser noted: no walk for them.
    if (hasNoEmptyContainer(ctx.document.root)) return;
    walkEmpty(ctx.document.root, '', 'array', (pointer) => {
      if (pointer === '/Statement') return;
      ctx.report({ pointer, message: 'the list is empty; remove it or fill it in' });
    });
  },
} satisfies Rule;

/** Calls `visit` with the pointer of every empty array or object (of `kind`) below the root. */
export function walkEmpty(node: JsonNode, pointer: string, kind: 'array' | 'object', visit: (pointer: string) => void): void {
  // The path is kept as segments and written out only for an empty container: most nodes are not one.
  const path: (string | number)[] = [];
  const pointerOf = (): string => {
    let out = pointer;
    for (const seg of path) out += `/${typeof seg === 'number' ? seg : escapePointer(seg)}`;
    return out;
  };
  const walk = (n: JsonNode): void => {
    if (n.kind === 'array') {
      if (n.items.length === 0 && kind === 'array' && (path.length > 0 || pointer !== '')) visit(pointerOf());
      for (let i = 0; i < n.items.length; i++) {
        const it = n.items[i]!;
        if (it.kind !== 'array' && it.kind !== 'object') continue;
        path.push(i);
        walk(it);
        path.pop();
      }
    } else if (n.kind === 'object') {
      if (n.props.length === 0 && kind === 'object' && (path.length > 0 || pointer !== '')) visit(pointerOf());
      for (const p of n.props) {
        if (p.value.kind !== 'array' && p.value.kind !== 'object') continue;
        path.push(p.key);
        walk(p.value);
        path.pop();
      }
    }
  };
  walk(node);
}
