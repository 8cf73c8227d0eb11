// Writes test/fixtures/managed-corpus-errors.json: every `error` finding leastpriv reports on AWS's managed
// policies, one entry each, with the AWS fact that makes it a true error. Facts come from FACTS below (by code
// and a match on the finding) — an error without a fact fails the script, so a new false positive cannot slip
// into the fixture unexplained. `node scripts/corpus-errors.mjs` (after `npm run build`).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from '../bench/corpus.mjs';
import { FACTS } from '../test/fixtures/managed-corpus-facts.mjs';

const root = join(import.meta.dirname, '..');
const { policyFromText, lintLoaded } = await import('../dist/index.js');
const dir = ensureCorpus();
const entries = [];
const unexplained = [];
for (const f of readdirSync(dir).sort()) {
  const r = lintLoaded(policyFromText(readFileSync(join(dir, f), 'utf8'), f, { type: 'identity' }));
  for (const x of r.findings) {
    if (x.severity !== 'error') continue;
    const policy = f.replace(/\.json$/, '');
    const fact = FACTS.map((rule) => rule(policy, x)).find((v) => typeof v === 'string');
    if (!fact) unexplained.push(`${policy} ${x.pointer} ${x.code}: ${x.message}`);
    else entries.push({ policy, pointer: x.pointer, code: x.code, fact });
  }
}
if (unexplained.length > 0) {
  console.error(`${unexplained.length} error findings have no AWS fact; each is a false positive to fix or a fact to add:`);
  for (const u of unexplained) console.error(`  ${u}`);
  process.exit(1);
}
writeFileSync(join(root, 'test/fixtures/managed-corpus-errors.json'), `${JSON.stringify(entries, null, 1)}\n`);
console.log(`${entries.length} true errors written`);
