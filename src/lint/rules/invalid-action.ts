import type { Catalog } from '../../catalog/catalog.js';
import { expandActionPattern } from '../../engine/actions.js';
import type { Rule } from '../rule.js';

/**
 * An `Action`/`NotAction` entry that is not `service:action` (or the bare `*`). IAM rejects the policy
 * ("MalformedPolicyDocument"); Access Analyzer calls it "Invalid action".
 */
export default {
  meta: {
    code: 'invalid-action',
    severity: 'error',
    summary: 'An action is not written as `service:action`; IAM rejects the policy.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      for (const it of ctx.analysis.allItems(s)) {
        if (it.pattern || it.item.unresolved) continue;
        const text = it.item.value;
        const fix = repair(ctx.catalog, text);
        ctx.report({
          pointer: it.item.pointer,
          message: `"${text}" is not an action: ${problem(text)}${fix ? `; did you mean "${fix}"?` : ''}`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
} satisfies Rule;

function problem(text: string): string {
  if (text.trim() === '') return 'it is empty';
  if (/\s/.test(text)) return 'actions contain no white space';
  const colons = text.split(':').length - 1;
  if (colons === 0) return 'the service prefix and the action name are separated by ":" (service:action)';
  if (colons > 1) return 'an action has exactly one ":" (service:action)';
  const [service, name] = text.split(':') as [string, string];
  if (service === '') return 'the service prefix before ":" is empty';
  if (name === '') return 'the action name after ":" is empty';
  return 'service prefixes hold only letters, digits and "-", action names only letters, digits, "_" and "-" (and the wildcards * and ?)';
}

/**
 * The real action the author most likely meant, when exactly one reading names one: white space or extra
 * colons removed (`s3:Get Object`, `s3::GetObject`), or the missing colon put back (`s3GetObject`).
 */
function repair(catalog: Catalog, text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  const parts = compact.split(':').filter((p) => p !== '');
  if (parts.length === 2) {
    const joined = `${parts[0]}:${parts[1]}`;
    if (expandActionPattern(catalog, joined).length > 0) return canonical(catalog, joined);
  }
  if (parts.length > 2) {
    const joined = `${parts[0]}:${parts.slice(1).join('')}`;
    if (expandActionPattern(catalog, joined).length > 0) return canonical(catalog, joined);
  }
  if (parts.length === 1) {
    const word = parts[0]!;
    const found: string[] = [];
    // Every split whose head is a service prefix and whose tail is one of its actions.
    for (let i = 1; i < word.length; i++) {
      const action = catalog.service(word.slice(0, i))?.action(word.slice(i));
      if (action) found.push(action.fullName);
    }
    if (found.length === 1) return found[0];
  }
  return undefined;
}

/** Canonical spelling for a literal action; patterns are kept as written. */
function canonical(catalog: Catalog, text: string): string {
  return catalog.action(text)?.fullName ?? text;
}
