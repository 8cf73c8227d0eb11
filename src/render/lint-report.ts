/** Lint results as the contract's JSON report, and the summary every format shares. */
import { SEVERITIES, type Severity } from '../lint/finding.js';
import type { LintResult } from '../lint/lint.js';

export interface LintSummary {
  files: number;
  policies: number;
  error: number;
  security: number;
  warning: number;
  suggestion: number;
}

export function summarise(results: readonly LintResult[]): LintSummary {
  const counts: Record<Severity, number> = { error: 0, security: 0, warning: 0, suggestion: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity]++;
  return { files: new Set(results.map((r) => r.path)).size, policies: results.filter((r) => r.policyType).length, ...counts };
}

export function lintJson(results: readonly LintResult[], fileCount?: number): string {
  const summary = summarise(results);
  if (fileCount !== undefined) summary.files = fileCount;
  const report = {
    version: 1,
    results: results.map((r) => ({
      path: r.path,
      location: r.location,
      policyType: r.policyType,
      findings: r.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        pointer: f.pointer,
        ...(f.line !== undefined ? { line: f.line, column: f.column } : {}),
        ...(f.fix !== undefined ? { fix: f.fix } : {}),
      })),
    })),
    summary,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export { SEVERITIES };
