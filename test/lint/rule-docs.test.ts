/**
 * The structural rules' docs pages exist, state the rule's severity, and show a Bad example the rule reports and a
 * Good example it does not: the examples users copy must not lie.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../src/lint/lint.js';
import { RULES } from '../../src/lint/registry.js';
import { policyFromText } from '../../src/policy/loaded.js';
import type { PolicyType } from '../../src/policy/model.js';

const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'rules');

/** The policy type an example is written for, where the document alone does not say. */
const EXAMPLE_TYPES: Record<string, PolicyType> = { 'missing-principal': 'trust', 'element-not-allowed': 'identity' };

function example(page: string, heading: 'Bad' | 'Good'): string | undefined {
  const at = page.indexOf(`## ${heading}`);
  if (at < 0) return undefined;
  return /```json\n([\s\S]*?)\n```/.exec(page.slice(at))?.[1];
}

/** The structural and hygiene rules; `policy-too-large` has no example small enough to run. */
const STRUCTURAL = [
  'unknown-element', 'missing-statement', 'missing-effect', 'missing-action', 'missing-resource', 'missing-principal',
  'invalid-version', 'invalid-effect', 'invalid-sid', 'duplicate-sid', 'conflicting-elements', 'element-not-allowed',
  'placeholder-in-policy', 'missing-version', 'redundant-action', 'redundant-resource', 'redundant-statement',
  'empty-array', 'empty-object', 'service-wildcard',
];

describe('rule docs', () => {
  for (const code of [...STRUCTURAL, 'policy-too-large']) {
    it(`${code}: docs/rules/${code}.md exists and states the rule's severity`, () => {
      const rule = RULES.find((r) => r.meta.code === code)!;
      const file = join(DOCS, `${code}.md`);
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(`**Severity:** ${rule.meta.severity}`);
    });
  }

  for (const code of STRUCTURAL) {
    it(`${code}: the Bad example is reported, the Good example is clean`, () => {
      const rule = RULES.find((r) => r.meta.code === code)!;
      const page = readFileSync(join(DOCS, `${code}.md`), 'utf8');
      const type = EXAMPLE_TYPES[code];
      const lint = (text: string) => lintLoaded(policyFromText(text, `${code}.md`, type ? { type } : {}));
      expect(lint(example(page, 'Bad')!).findings.map((f) => f.code)).toContain(code);
      const good = lint(example(page, 'Good')!).findings.filter((f) => f.code === rule.meta.code || f.severity === 'error');
      expect(good.map((f) => `${f.code} ${f.pointer}`)).toEqual([]);
    });
  }
});
