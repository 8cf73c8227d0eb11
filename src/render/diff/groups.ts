/**
 * Diff entries grouped for people: by service, then by resource, conditions and certainty, each group listing its
 * action names. Text and Markdown render the same groups.
 */
import type { AccessEntry } from '../../engine/access/diff.js';

export interface EntryGroup {
  service: string;
  resource: string;
  conditions: Record<string, Record<string, string[]>>;
  /** action names without the service prefix, sorted */
  actions: string[];
  uncertain: boolean;
  reason: string | undefined;
  statements: string[];
}

export function groupEntries(entries: readonly AccessEntry[]): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const e of entries) {
    const colon = e.action.indexOf(':');
    const service = colon < 0 ? e.action : e.action.slice(0, colon);
    const name = colon < 0 ? e.action : e.action.slice(colon + 1);
    const k = JSON.stringify([service, e.resource, e.conditions, e.reason ?? null]);
    let g = groups.get(k);
    if (!g) {
      g = { service, resource: e.resource, conditions: e.conditions, actions: [], uncertain: e.uncertain === true, reason: e.reason, statements: [] };
      groups.set(k, g);
    }
    if (!g.actions.includes(name)) g.actions.push(name);
    if (!g.statements.includes(e.statement)) g.statements.push(e.statement);
  }
  const out = [...groups.values()];
  for (const g of out) g.actions.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  out.sort((a, b) => a.service.localeCompare(b.service) || a.resource.localeCompare(b.resource) || Number(a.uncertain) - Number(b.uncertain));
  return out;
}

/** `StringEquals aws:SourceVpc in [vpc-1]; Bool aws:SecureTransport = true` */
export function conditionText(conditions: Record<string, Record<string, string[]>>): string {
  const parts: string[] = [];
  for (const [op, keys] of Object.entries(conditions)) {
    for (const [key, values] of Object.entries(keys)) {
      parts.push(`${op} ${key} ${values.length === 1 ? `= ${values[0]}` : `in [${values.join(', ')}]`}`);
    }
  }
  return parts.join('; ');
}

export function countActions(entries: readonly AccessEntry[]): number {
  return new Set(entries.map((e) => e.action.toLowerCase())).size;
}
