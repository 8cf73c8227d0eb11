/**
 * SARIF 2.1.0 for code-scanning upload: one run, the rules that fired (with help URIs), one result per
 * finding with a region from line/column. `security` findings carry GitHub's `security-severity`.
 */
import { relative, sep, isAbsolute } from 'node:path';
import type { Severity } from '../lint/finding.js';
import type { LintResult } from '../lint/lint.js';
import { RULES } from '../lint/registry.js';
import { docsUrl } from '../lint/rule.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  security: 'error',
  warning: 'warning',
  suggestion: 'note',
};

/** GitHub maps 7.0–8.9 to "high"; a policy that grants escalation or exposure is that. */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  error: undefined,
  security: '8.0',
  warning: undefined,
  suggestion: undefined,
};

function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase());
}

function artifactUri(path: string): string {
  if (path === '-') return 'stdin';
  const rel = isAbsolute(path) ? relative(process.cwd(), path) : path;
  return rel.split(sep).join('/').replace(/^\.\//, '');
}

export function lintSarif(results: readonly LintResult[], version = '0.1.0'): string {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.code)));
  const rules = RULES.filter((r) => used.has(r.meta.code));
  const index = new Map(rules.map((r, i) => [r.meta.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leastpriv',
            version,
            informationUri: 'https://github.com/leastpriv/leastpriv',
            rules: rules.map((r) => ({
              id: r.meta.code,
              name: ruleName(r.meta.code),
              shortDescription: { text: r.meta.summary },
              fullDescription: { text: r.meta.summary },
              helpUri: docsUrl(r.meta.code),
              help: { text: `${r.meta.summary} See ${docsUrl(r.meta.code)}` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: {
                tags: ['iam', r.meta.severity === 'security' ? 'security' : 'correctness'],
                ...(SECURITY_SEVERITY[r.meta.severity] ? { 'security-severity': SECURITY_SEVERITY[r.meta.severity] } : {}),
              },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.findings.map((f) => {
            const ruleIndex = index.get(f.code);
            return {
              ruleId: f.code,
              ...(ruleIndex !== undefined ? { ruleIndex } : {}),
              level: LEVEL[f.severity],
              message: { text: f.fix !== undefined ? `${f.message} (fix: ${f.fix})` : f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: artifactUri(r.path) },
                    ...(f.line !== undefined ? { region: { startLine: f.line, startColumn: f.column ?? 1 } } : {}),
                  },
                  logicalLocations: [
                    { fullyQualifiedName: `${r.location ? `${r.location}#` : ''}${f.pointer || '/'}`, kind: 'object' },
                  ],
                },
              ],
              properties: {
                severity: f.severity,
                policyType: r.policyType,
                pointer: f.pointer,
                ...(SECURITY_SEVERITY[f.severity] ? { 'security-severity': SECURITY_SEVERITY[f.severity] } : {}),
              },
            };
          }),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
