import { editDistance } from '../../catalog/suggest.js';
import { BASE_OPERATOR_NAMES, correctOperator, parseOperator } from '../../policy/operators.js';
import { escapePointer } from '../../policy/tree.js';
import type { Rule } from '../rule.js';

/**
 * A `Condition` operator IAM does not know: a misspelling (`StringEqual`, `ForAnyValues:StringLike`), a name in
 * the wrong case (`stringEquals`: IAM rejects it with "Invalid Condition type"), or `IfExists` on `Null` ("You can
 * add IfExists to the end of any condition operator name except the Null condition operator"). IAM rejects the
 * policy. The fix is the operator meant, when one is clearly meant.
 */
export default {
  meta: {
    code: 'invalid-condition-operator',
    severity: 'error',
    summary: 'A condition operator is not one IAM knows; IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      const block = s.condition;
      if (!block || block.node.kind !== 'object') continue;
      for (const p of block.node.props) {
        const text = p.key;
        if (parseOperator(text)) continue;
        const pointer = `${block.pointer}/${escapePointer(text)}`;
        const nullIfExists = /^(?:(ForAnyValue|ForAllValues):)?NullIfExists$/i.exec(text);
        if (nullIfExists) {
          const fix = parseOperator(`${nullIfExists[1] ? `${canonicalQualifier(nullIfExists[1])}:` : ''}Null`)?.name;
          ctx.report({
            pointer,
            message: `"${text}": the Null operator cannot take IfExists (Null itself tests whether the key is present)`,
            ...(fix ? { fix } : {}),
          });
          continue;
        }
        const fix = correctOperator(text) ?? nearestOperator(text);
        ctx.report({
          pointer,
          message: fix ? `"${text}" is not a condition operator; did you mean "${fix}"?` : `"${text}" is not a condition operator`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
} satisfies Rule;

function canonicalQualifier(q: string): string {
  return q.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
}

let allNames: string[] | undefined;

/** Every operator IAM accepts: base names, with `IfExists` (not on Null) and with a set qualifier. */
function operatorNames(): string[] {
  if (!allNames) {
    const names: string[] = [];
    for (const q of ['', 'ForAnyValue:', 'ForAllValues:']) {
      for (const b of BASE_OPERATOR_NAMES) {
        names.push(`${q}${b}`);
        if (b !== 'Null') names.push(`${q}${b}IfExists`);
      }
    }
    allNames = names;
  }
  return allNames;
}

/** The one operator within a small edit distance of the text, compared without case; undefined on a tie. */
function nearestOperator(text: string): string | undefined {
  const lower = text.toLowerCase();
  // Short names get one edit: "Foo" is not a misspelt "Bool".
  const budget = Math.max(1, Math.floor(lower.length / 6));
  let best: string[] = [];
  let bestDistance = budget + 1;
  for (const name of operatorNames()) {
    const d = editDistance(lower, name.toLowerCase(), budget);
    if (d > budget) continue;
    if (d < bestDistance) {
      best = [name];
      bestDistance = d;
    } else if (d === bestDistance) best.push(name);
  }
  return best.length === 1 ? best[0] : undefined;
}
