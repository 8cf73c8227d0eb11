// Writes docs/rules/README.md, the index of lint rules, from the registry (code, severity, summary).
// `node scripts/docs-rules.mjs` after `npm run build`; test/lint/docs.test.ts checks it is in sync.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function rulesIndex() {
  const { RULES } = await import('../dist/index.js');
  const order = ['error', 'security', 'warning', 'suggestion'];
  const rows = [...RULES]
    .sort((a, b) => order.indexOf(a.meta.severity) - order.indexOf(b.meta.severity) || a.meta.code.localeCompare(b.meta.code))
    .map((r) => `| [${r.meta.code}](${r.meta.code}.md) | ${r.meta.severity} | ${r.meta.summary.replace(/\|/g, '\\|')} |`);
  return [
    '# Lint rules',
    '',
    'Every finding `leastpriv lint` reports, by code. Severities follow Access Analyzer: `error`, `security`,',
    '`warning`, `suggestion`. Turn a rule off or change its severity in `leastpriv.config.json` (`"rules": {"code": "off"}`).',
    '',
    '| code | severity | finds |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(join(import.meta.dirname, '../docs/rules/README.md'), await rulesIndex());
  console.log('docs/rules/README.md written');
}
