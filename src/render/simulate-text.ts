/**
 * A simulation result for people: the decision, the request it answers, every statement that applied (the ones
 * that decided marked), and for an implicit deny the layers that failed to allow, in the evaluator's words.
 */
import type { MatchedStatement, SimulationRequest, SimulationResult } from '../engine/evaluate/types.js';
import type { Style } from './style.js';

/** Where a policy label (`identity[0]`, `scp[1][0]`) came from: a file name, or the label itself. */
export type SourceOf = (label: string) => string | undefined;

export function statementName(m: MatchedStatement, sourceOf: SourceOf): string {
  const source = sourceOf(m.policy);
  const where = source && source !== m.policy ? `${source} (${m.policy})` : m.policy;
  return `${where} statement ${m.statement}${m.sid !== undefined && m.sid !== '' ? ` "${m.sid}"` : ''}`;
}

/** The statements that decided: the Denies of an explicit deny, the Allows of an allow; none for an implicit deny. */
export function deciding(result: SimulationResult): MatchedStatement[] {
  const matched = result.matched ?? [];
  if (result.decision === 'explicitDeny') return matched.filter((m) => m.effect === 'Deny');
  if (result.decision === 'allowed') return matched.filter((m) => m.effect === 'Allow');
  return [];
}

export function simulateText(request: SimulationRequest, result: SimulationResult, sourceOf: SourceOf, style: Style, expected?: string): string {
  const colour = result.decision === 'allowed' ? style.green : style.red;
  const lines: string[] = [];
  lines.push(`${style.bold(colour(result.decision))}  ${request.action} on ${request.resource}`);
  lines.push(style.dim(`  principal ${request.principal}${request.resourceAccount ? `, resource account ${request.resourceAccount}` : ''}`));
  const decided = new Set(deciding(result));
  const matched = result.matched ?? [];
  if (matched.length > 0) {
    lines.push('  statements that applied:');
    for (const m of matched) {
      const mark = decided.has(m) ? (m.effect === 'Deny' ? style.red('✗') : style.green('✓')) : ' ';
      lines.push(`    ${mark} ${m.effect.padEnd(5)} ${statementName(m, sourceOf)}`);
    }
  } else lines.push('  no statement applied to the request');
  if (result.decision === 'explicitDeny') lines.push('  an explicit Deny overrides every Allow');
  for (const d of result.denied ?? []) {
    lines.push(`  ${style.yellow('implicit deny')}: ${d.layer}${d.level !== undefined ? ` level ${d.level}` : ''}: ${d.message}`);
  }
  if (expected !== undefined && expected !== result.decision) lines.push(style.red(`  expected ${expected}, got ${result.decision}`));
  return `${lines.join('\n')}\n`;
}
