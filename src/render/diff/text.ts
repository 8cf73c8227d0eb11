/** `leastpriv diff` for a terminal: what NEW adds, then what it removes, grouped by service and resource. */
import type { AccessDiff, AccessEntry } from '../../engine/access/diff.js';
import type { Style } from '../style.js';
import { conditionText, countActions, groupEntries } from './groups.js';

/** Past this many actions in one group, the rest are counted, not listed. */
const LIST_LIMIT = 30;

function section(title: string, mark: string, unsure: string, paint: (s: string) => string, entries: readonly AccessEntry[], style: Style): string[] {
  if (entries.length === 0) return [];
  const lines = [style.bold(`${title} (${countActions(entries)} action${countActions(entries) === 1 ? '' : 's'}):`)];
  let service = '';
  for (const g of groupEntries(entries)) {
    if (g.service !== service) {
      service = g.service;
      lines.push(`  ${style.bold(service)}`);
    }
    const sign = g.uncertain ? style.yellow('?') : paint(mark);
    lines.push(`    ${sign} ${style.cyan(g.resource)}${g.uncertain ? style.yellow(` (${unsure})`) : ''}`);
    const shown = g.actions.slice(0, LIST_LIMIT).join(', ');
    const more = g.actions.length > LIST_LIMIT ? style.dim(` … and ${g.actions.length - LIST_LIMIT} more`) : '';
    lines.push(`        ${shown}${more}`);
    const cond = conditionText(g.conditions);
    if (cond) lines.push(`        ${style.dim(`when ${cond}`)}`);
    if (g.reason) lines.push(`        ${style.dim(`why unsure: ${g.reason}`)}`);
    lines.push(`        ${style.dim(`from ${g.statements.join(', ')}`)}`);
  }
  return lines;
}

export function diffText(diff: AccessDiff, style: Style): string {
  const lines: string[] = [];
  if (diff.added.length === 0 && diff.removed.length === 0) return 'No change in effective access.\n';
  lines.push(
    diff.newAccess
      ? style.red(style.bold('NEW grants access that OLD does not.'))
      : style.green('NEW grants no access that OLD does not.'),
  );
  const added = section('Added', '+', 'may grant new access', style.red, diff.added, style);
  const removed = section('Removed', '-', 'may remove access', style.green, diff.removed, style);
  if (added.length) lines.push('', ...added);
  if (removed.length) lines.push('', ...removed);
  return `${lines.join('\n')}\n`;
}
