// The security rules' docs pages are part of their contract: each "Bad" example is reported by its rule and each
// "Good" example is not, and every action the documented lists name exists in the catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/load.js';
import { ruleByCode } from '../../src/lint/registry.js';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, RESOURCE_EXPOSURE_ACTIONS } from '../../src/lint/risky-actions.js';
import { runRule } from '../helpers/rule-tester.js';

const CODES = [
  'passrole-wildcard-resource',
  'allow-not-action',
  'allow-not-resource',
  'full-admin',
  'privilege-escalation',
  'resource-exposure',
  'credentials-exposure',
  'data-exfiltration',
  'trust-any-principal',
  'oidc-missing-subject',
];

function example(doc: string, heading: 'Bad' | 'Good'): string {
  const section = doc.slice(doc.indexOf(`## ${heading}`));
  const m = /```json\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error(`no ${heading} example`);
  return m[1]!;
}

describe('security rule docs pages', () => {
  for (const code of CODES) {
    const rule = ruleByCode(code)!;
    const doc = readFileSync(new URL(`../../docs/rules/${code}.md`, import.meta.url), 'utf8');
    it(`${code}: registered, severity security, Bad example reported, Good example clean`, () => {
      expect(rule.meta.severity).toBe('security');
      expect(doc.startsWith(`# ${code}\n`)).toBe(true);
      expect(runRule(rule, { name: 'bad', policy: example(doc, 'Bad') }).length).toBeGreaterThan(0);
      expect(runRule(rule, { name: 'good', policy: example(doc, 'Good') })).toEqual([]);
    });
  }
});

describe('documented action lists', () => {
  const catalog = getCatalog();
  it.each([
    ['resource-exposure', RESOURCE_EXPOSURE_ACTIONS],
    ['credentials-exposure', CREDENTIALS_EXPOSURE_ACTIONS],
    ['data-exfiltration', DATA_EXFILTRATION_ACTIONS],
  ] as const)('%s: every action exists in the catalogue and the docs page names it', (code, list) => {
    expect(list.filter((a) => !catalog.action(a))).toEqual([]);
    const doc = readFileSync(new URL(`../../docs/rules/${code}.md`, import.meta.url), 'utf8');
    expect(list.filter((a) => !doc.includes(`\`${a}\``))).toEqual([]);
  });
  it('ecr:GetAuthorizationToken is explicitly not credentials exposure', () => {
    expect(CREDENTIALS_EXPOSURE_ACTIONS).not.toContain('ecr:GetAuthorizationToken');
  });
});
