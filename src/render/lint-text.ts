/** eslint-style text: a header per policy, one line per finding (line:col, severity, message, code), a summary. */
import { SEVERITIES, type Severity } from '../lint/finding.js';
import type { LintResult } from '../lint/lint.js';
import { summarise } from './lint-report.js';
import type { Style } from './style.js';

/** The severity column: the longest severity ("suggestion") plus two spaces, so messages never touch it. */
const SEVERITY_WIDTH = Math.max(...SEVERITIES.map((s) => s.length)) + 2;

function severityLabel(s: Severity, style: Style): string {
  const padded = s.padEnd(SEVERITY_WIDTH);
  switch (s) {
    case 'error':
      return style.red(padded);
    case 'security':
      return style.magenta(padded);
    case 'warning':
      return style.yellow(padded);
    default:
      return style.cyan(padded);
  }
}

export function lintText(results: readonly LintResult[], style: Style, fileCount?: number): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const where = r.location ? `${r.path} ${style.dim('›')} ${r.location}` : r.path;
    lines.push('', `${style.underline(where)} ${style.dim(`(${r.policyType})`)}`);
    const positions = r.findings.map((f) => (f.line !== undefined ? `${f.line}:${f.column}` : f.pointer || '/'));
    const width = Math.max(...positions.map((p) => p.length));
    r.findings.forEach((f, i) => {
      const fix = f.fix !== undefined ? style.dim(` (fix: ${f.fix})`) : '';
      lines.push(`  ${style.dim(positions[i]!.padEnd(width))}  ${severityLabel(f.severity, style)}${f.message}${fix}  ${style.dim(f.code)}`);
    });
  }
  const s = summarise(results);
  const files = fileCount ?? s.files;
  const total = s.error + s.security + s.warning + s.suggestion;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const scope = `${plural(s.policies, 'policy').replace('policys', 'policies')} in ${plural(files, 'file')}`;
  if (total === 0) lines.push(style.green(`✔ no problems (${scope})`));
  else {
    const parts = `${plural(s.error, 'error')}, ${s.security} security, ${plural(s.warning, 'warning')}, ${plural(s.suggestion, 'suggestion')}`;
    const mark = s.error > 0 ? style.red('✖') : s.security > 0 ? style.magenta('✖') : style.yellow('⚠');
    lines.push('', `${mark} ${style.bold(plural(total, 'problem'))} (${parts}) ${style.dim(`in ${scope}`)}`);
  }
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}
