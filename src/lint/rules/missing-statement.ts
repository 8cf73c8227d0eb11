import { intendedKey, POLICY_KEYS } from '../elements.js';
import type { Rule } from '../rule.js';

/**
 * A policy without statements: no `Statement` element, an empty list, or a value that is not a statement or a
 * list of statements. "Statement" is required in every policy ("IAM JSON policy elements: Statement"). A
 * `Statements` or `statement` key is `unknown-element`'s finding (with the fix) and is not reported again here.
 */
export default {
  meta: {
    code: 'missing-statement',
    severity: 'error',
    summary: 'The policy has no Statement element, or it is empty; IAM rejects the policy.',
  },
  check(ctx) {
    const root = ctx.document.root;
    if (root.kind !== 'object') {
      ctx.report({ pointer: '', message: 'a policy is a JSON object with a "Statement" element' });
      return;
    }
    const el = ctx.document.statementElement;
    if (!el) {
      if (root.props.some((p) => intendedKey(p.key, POLICY_KEYS) === 'Statement')) return;
      ctx.report({ pointer: '', message: 'the policy has no "Statement" element; every policy needs at least one statement' });
      return;
    }
    if (el.node.kind === 'array' && el.node.items.length === 0) {
      ctx.report({ pointer: el.pointer, message: '"Statement" is empty; every policy needs at least one statement' });
    } else if (el.node.kind === 'array') {
      el.node.items.forEach((item, i) => {
        if (item.kind !== 'object') ctx.report({ pointer: `${el.pointer}/${i}`, message: 'a statement is a JSON object ({"Effect": …, "Action": …})' });
      });
    } else if (el.node.kind !== 'object') {
      ctx.report({ pointer: el.pointer, message: '"Statement" is a statement object or a list of statement objects' });
    }
  },
} satisfies Rule;
