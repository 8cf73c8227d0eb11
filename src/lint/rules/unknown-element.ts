import { escapePointer, type JsonNode } from '../../policy/tree.js';
import { intendedKey, POLICY_KEYS, PRINCIPAL_KEYS, STATEMENT_KEYS } from '../elements.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * A key IAM does not know, at the top of the policy (`Version`, `Id`, `Statement`), in a statement (`Sid`,
 * `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource`, `Condition`) or in a
 * principal block (`AWS`, `Service`, `Federated`, `CanonicalUser`). Element names are case-sensitive, so
 * `Resources` and `action` are unknown too; the fix carries the intended name when the key is a case or plural
 * slip. Condition operators and keys are other rules' findings.
 */
export default {
  meta: {
    code: 'unknown-element',
    severity: 'error',
    summary: 'A key IAM does not know, or an element name in the wrong case or plural; IAM rejects the policy.',
  },
  check(ctx) {
    const root = ctx.document.root;
    if (root.kind !== 'object') return;
    checkKeys(ctx, root, '', POLICY_KEYS, 'policy');
    for (const s of ctx.document.statements) {
      checkKeys(ctx, s.node, s.pointer, STATEMENT_KEYS, 'statement');
      for (const block of [s.principal, s.notPrincipal]) {
        if (block?.node.kind === 'object') checkKeys(ctx, block.node, block.pointer, PRINCIPAL_KEYS, 'principal');
      }
    }
  },
} satisfies Rule;

function checkKeys(ctx: RuleContext, node: JsonNode, pointer: string, known: readonly string[], where: string): void {
  if (node.kind !== 'object') return;
  for (const p of node.props) {
    if (known.includes(p.key)) continue;
    const fix = intendedKey(p.key, known);
    const misplaced = !fix ? elsewhere(p.key, where) : undefined;
    const hint = fix ? `; did you mean "${fix}"? (element names are case-sensitive)` : misplaced ? `; ${misplaced}` : `; a ${where} holds ${list(known)}`;
    ctx.report({
      pointer: `${pointer}/${escapePointer(p.key)}`,
      message: `"${p.key}" is not a ${where} element${hint}`,
      ...(fix ? { fix } : {}),
    });
  }
}

function elsewhere(key: string, where: string): string | undefined {
  if (where !== 'policy' && POLICY_KEYS.includes(key)) return `"${key}" belongs at the top level of the policy`;
  if (where !== 'statement' && STATEMENT_KEYS.includes(key)) return `"${key}" belongs inside a statement`;
  if (where !== 'principal' && PRINCIPAL_KEYS.includes(key)) return `"${key}" belongs inside a Principal block`;
  return undefined;
}

function list(known: readonly string[]): string {
  return known.map((k) => `"${k}"`).join(', ');
}
