/**
 * Policy unit-test results: a per-case ✓/✗ list in the manner of vitest and eslint (failures with expected vs
 * actual and what decided), a summary line, and the contract's versioned JSON.
 */
import type { CaseResult } from '../engine/policy-test.js';
import type { Style } from './style.js';

export interface TestSummary {
  files: number;
  passed: number;
  failed: number;
  total: number;
}

export function summariseTests(results: readonly CaseResult[], files: number): TestSummary {
  const failed = results.filter((r) => !r.passed).length;
  return { files, passed: results.length - failed, failed, total: results.length };
}

function statement(d: CaseResult['decidedBy'][number]): string {
  return `${d.source} statement ${d.statement}${d.sid ? ` "${d.sid}"` : ''} (${d.effect})`;
}

export function testText(results: readonly CaseResult[], files: readonly string[], style: Style): string {
  const lines: string[] = [];
  for (const file of files) {
    lines.push(style.underline(file));
    let suite: string | undefined;
    for (const r of results.filter((x) => x.file === file)) {
      if (r.suite !== undefined && r.suite !== suite) {
        suite = r.suite;
        lines.push(`  ${style.bold(suite)}`);
      }
      const indent = r.suite !== undefined ? '    ' : '  ';
      if (r.passed) {
        lines.push(`${indent}${style.green('✓')} ${r.name}`);
        continue;
      }
      lines.push(`${indent}${style.red('✗')} ${r.name}${r.line !== undefined ? style.dim(`  ${file}:${r.line}`) : ''}`);
      lines.push(`${indent}    expected ${style.green(r.expect)}, got ${style.red(r.actual)}  ${style.dim(`${r.request.action} on ${r.request.resource} as ${r.request.principal}`)}`);
      for (const d of r.decidedBy) lines.push(`${indent}    decided by ${statement(d)}`);
      for (const d of r.denied ?? []) lines.push(`${indent}    implicit deny: ${d.layer}${d.level !== undefined ? ` level ${d.level}` : ''}: ${d.message}`);
    }
  }
  const s = summariseTests(results, files.length);
  const parts = [s.failed > 0 ? style.red(`${s.failed} failed`) : '', style.green(`${s.passed} passed`)].filter(Boolean);
  lines.push('', `Tests  ${parts.join(' | ')} (${s.total}) in ${s.files} file${s.files === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

export function testJson(results: readonly CaseResult[], files: readonly string[]): string {
  return `${JSON.stringify({ version: 1, results, summary: summariseTests(results, files.length) })}\n`;
}
