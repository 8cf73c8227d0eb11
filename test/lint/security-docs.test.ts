// Every action the security rules' documented lists name exists in the catalogue. (Each rule's docs page and its
// examples are checked for every rule in docs.test.ts.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/load.js';
import { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, RESOURCE_EXPOSURE_ACTIONS } from '../../src/lint/risky-actions.js';

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
