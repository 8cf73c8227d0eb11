/**
 * Every registered rule has its docs page, docs/rules/<code>.md, whose severity is the rule's, and whose "Bad"
 * example really produces the finding while its "Good" example does not. The index docs/rules/README.md lists
 * every rule (regenerate with `node scripts/docs-rules.mjs`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPolicy, RULES } from '../../src/index.js';
import type { PolicyType } from '../../src/policy/model.js';

const DOCS = join(import.meta.dirname, '../../docs/rules');

function section(page: string, heading: string): string | undefined {
  const at = page.search(new RegExp(`^## ${heading}\\b.*$`, 'm'));
  if (at < 0) return undefined;
  const rest = page.slice(at);
  const block = /```(?:json)?\n([\s\S]*?)```/.exec(rest);
  return block?.[1];
}

describe.each(RULES.map((r) => [r.meta.code, r] as const))('docs/rules/%s.md', (code, rule) => {
  const file = join(DOCS, `${code}.md`);
  const page = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const type = /\*\*Policy type:\*\*\s*`?([a-z]+)`?/.exec(page)?.[1] as PolicyType | undefined;
  const inline = /\*\*Inline:\*\*\s*`?([a-z]+)`?/.exec(page)?.[1];
  const lint = (text: string) =>
    lintPolicy(text, { ...(type ? { type } : {}), ...(inline ? { inline: inline as 'role' } : {}) }).findings.filter((f) => f.code === code);

  it('exists, is titled with the code and states the severity', () => {
    expect(page.startsWith(`# ${code}\n`)).toBe(true);
    expect(page).toContain(`**Severity:** ${rule.meta.severity}`);
  });

  // A policy over a size quota is thousands of characters: its page shows an abridged example.
  it.skipIf(code === 'policy-too-large')('its Bad example produces the finding', () => {
    const bad = section(page, 'Bad');
    expect(bad).toBeDefined();
    expect(lint(bad!).length).toBeGreaterThan(0);
  });

  it('its Good example does not', () => {
    const good = section(page, 'Good');
    expect(good).toBeDefined();
    expect(lint(good!)).toEqual([]);
  });
});

describe('docs/rules/README.md', () => {
  it('lists every rule once', () => {
    const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const r of RULES) expect(index).toContain(`| [${r.meta.code}](${r.meta.code}.md) | ${r.meta.severity} |`);
  });
});
