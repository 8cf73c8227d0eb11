import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/lint/lint.js';
import { lintText } from '../../src/render/lint-text.js';
import { PLAIN } from '../../src/render/style.js';

const result: LintResult = {
  path: 'p.json',
  location: '',
  policyType: 'identity',
  findings: [
    { code: 'invalid-effect', severity: 'error', message: 'Effect "allow" is not "Allow" or "Deny"', pointer: '/Statement/0/Effect', line: 4, column: 17, fix: 'Allow' },
    { code: 'service-wildcard', severity: 'warning', message: '"s3:*" grants every s3 action', pointer: '/Statement/0/Action', line: 5, column: 17 },
    { code: 'redundant-action', severity: 'suggestion', message: '"s3:GetObject" is already covered by "s3:Get*"', pointer: '/Statement/1/Action/1', line: 12, column: 9 },
  ],
};

describe('lint text output', () => {
  const lines = lintText([result], PLAIN).split('\n');
  const findingLines = lines.filter((l) => /^\s+\d+:\d+/.test(l));

  it('separates every severity, "suggestion" included, from its message by white space', () => {
    expect(findingLines).toHaveLength(3);
    expect(findingLines[2]).toContain('suggestion  "s3:GetObject" is already covered');
    for (const l of findingLines) expect(l).toMatch(/\s(error|warning|suggestion)\s+\S/);
  });

  it('starts every message in the same column, whatever the severity', () => {
    const starts = findingLines.map((l, i) => l.indexOf(result.findings[i]!.message));
    expect(new Set(starts).size).toBe(1);
  });

  it('ends each finding with its fix and code', () => {
    expect(findingLines[0]).toMatch(/\(fix: Allow\)\s+invalid-effect$/);
  });
});
