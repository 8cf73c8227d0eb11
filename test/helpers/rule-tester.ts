/**
 * ESLint's RuleTester, for leastpriv: a table of valid policies (the rule stays silent) and invalid ones (the
 * rule reports exactly these pointers, optionally with these fixes and message fragments).
 */
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../src/lint/lint.js';
import type { Rule } from '../../src/lint/rule.js';
import { policyFromText } from '../../src/policy/loaded.js';
import type { InlineKind, PolicyType } from '../../src/policy/model.js';

export interface RuleCase {
  name: string;
  /** a policy value, or raw text when the case is about text */
  policy: unknown;
  type?: PolicyType;
  inline?: InlineKind;
}

export interface ExpectedFinding {
  pointer: string;
  fix?: string;
  /** a fragment the message must contain */
  message?: string;
  severity?: string;
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedFinding[];
}

export function runRule(rule: Rule, c: RuleCase) {
  const text = typeof c.policy === 'string' ? c.policy : JSON.stringify(c.policy, null, 2);
  const loaded = policyFromText(text, 'case.json', {
    ...(c.type ? { type: c.type } : {}),
    ...(c.inline ? { inline: c.inline } : {}),
  });
  return lintLoaded(loaded, { rules: [rule] }).findings;
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.meta.code}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const findings = runRule(rule, c);
        expect(findings.map((f) => `${f.pointer}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const findings = runRule(rule, c);
        expect(findings.map((f) => f.pointer).sort()).toEqual(c.errors.map((e) => e.pointer).sort());
        for (const e of c.errors) {
          const f = findings.find((x) => x.pointer === e.pointer)!;
          expect(f.code).toBe(rule.meta.code);
          if (e.fix !== undefined) expect(f.fix).toBe(e.fix);
          if (e.message !== undefined) expect(f.message).toContain(e.message);
          if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
          // Every finding on text input carries a position.
          expect(f.line).toBeGreaterThan(0);
          expect(f.column).toBeGreaterThan(0);
        }
      });
    }
  });
}
