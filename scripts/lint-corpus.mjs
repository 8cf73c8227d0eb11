// Development aid: lint the AWS managed-policy corpus in-process and print finding counts per code and
// severity, with examples. `node scripts/lint-corpus.mjs [--code CODE] [--severity S] [--examples N]`
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from '../bench/corpus.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const code = opt('code');
const severity = opt('severity');
const examples = Number(opt('examples', '5'));
const { policyFromText, lintLoaded } = await import('../dist/index.js');
const dir = ensureCorpus();
const counts = new Map();
const samples = new Map();
for (const f of readdirSync(dir).sort()) {
  const text = readFileSync(join(dir, f), 'utf8');
  const r = lintLoaded(policyFromText(text, f, { type: 'identity' }));
  for (const x of r.findings) {
    if (code && x.code !== code) continue;
    if (severity && x.severity !== severity) continue;
    const k = `${x.severity} ${x.code}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    const s = samples.get(k) ?? [];
    if (s.length < examples) s.push(`${f} ${x.pointer} ${x.message}`);
    samples.set(k, s);
  }
}
for (const [k, n] of [...counts].sort()) {
  console.log(`${n}\t${k}`);
  for (const s of samples.get(k)) console.log(`\t\t${s}`);
}
