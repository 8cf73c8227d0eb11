/** `leastpriv diff --format markdown`: a pull-request comment, one table per direction. */
import type { AccessDiff, AccessEntry } from '../../engine/access/diff.js';
import { conditionText, countActions, groupEntries } from './groups.js';

const LIST_LIMIT = 40;

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(s: string): string {
  return s ? `\`${s.replace(/`/g, "'")}\`` : '';
}

function table(title: string, unsure: string, entries: readonly AccessEntry[]): string[] {
  if (entries.length === 0) return [];
  const out = [`### ${title} (${countActions(entries)} action${countActions(entries) === 1 ? '' : 's'})`, '', '| service | resource | actions | conditions | note |', '|---|---|---|---|---|'];
  for (const g of groupEntries(entries)) {
    const names = g.actions.slice(0, LIST_LIMIT).join(', ') + (g.actions.length > LIST_LIMIT ? ` … and ${g.actions.length - LIST_LIMIT} more` : '');
    const note = g.uncertain ? `⚠️ ${unsure}: ${g.reason ?? ''}` : '';
    out.push(`| ${cell(g.service)} | ${cell(code(g.resource))} | ${cell(names)} | ${cell(code(conditionText(g.conditions)))} | ${cell(note)} |`);
  }
  out.push('');
  return out;
}

export function diffMarkdown(diff: AccessDiff): string {
  const head = diff.newAccess
    ? '## 🔴 leastpriv: this change grants new access'
    : diff.removed.length > 0
      ? '## 🟢 leastpriv: this change removes access and grants none'
      : '## ✅ leastpriv: no change in effective access';
  return [head, '', ...table('Added', 'may grant new access', diff.added), ...table('Removed', 'may remove access', diff.removed)].join('\n').trimEnd() + '\n';
}
