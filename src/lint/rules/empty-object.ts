import { hasNoEmptyContainer } from '../../policy/json.js';
import type { Rule } from '../rule.js';
import { walkEmpty } from './empty-array.js';

/**
 * An empty object anywhere in the policy (`"Condition": {}`, `"Principal": {}`, a `{}` statement). It says
 * nothing, so it is either left over from an edit or a value a template failed to fill. An empty policy (`{}`)
 * is `missing-statement`'s finding.
 */
export default {
  meta: {
    code: 'empty-object',
    severity: 'suggestion',
    summary: 'An object is empty; it says nothing.',
  },
  check(ctx) {
    // Most documents hold no empty container, as the parser noted: no walk for them.
    if (hasNoEmptyContainer(ctx.document.root)) return;
    walkEmpty(ctx.document.root, '', 'object', (pointer) => {
      ctx.report({ pointer, message: 'the object is empty; remove it or fill it in' });
    });
  },
} satisfies Rule;
