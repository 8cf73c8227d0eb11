// Security-severity findings over the AWS managed-policy corpus, as a Markdown table for BENCHMARKS.md:
// `node bench/security-counts.mjs` (build first: `node scripts/build.mjs`). Each policy is linted as an
// identity policy, which is what a managed policy is. Also prints the lint time of the whole corpus.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus } from './corpus.mjs';

const { policyFromText, lintLoaded, RULES } = await import('../dist/index.js');
const security = RULES.filter((r) => r.meta.severity === 'security').map((r) => r.meta.code);
const dir = ensureCorpus();
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const findings = new Map(security.map((c) => [c, 0]));
const policies = new Map(security.map((c) => [c, new Set()]));
const securityRules = RULES.filter((r) => r.meta.severity === 'security');
const texts = files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
const start = performance.now();
for (const [f, text] of texts) {
  const r = lintLoaded(policyFromText(text, f, { type: 'identity' }), { rules: securityRules });
  for (const x of r.findings) {
    if (x.severity !== 'security') continue;
    findings.set(x.code, (findings.get(x.code) ?? 0) + 1);
    (policies.get(x.code) ?? policies.set(x.code, new Set()).get(x.code)).add(f);
  }
}
const ms = performance.now() - start;
// Per-rule CPU time over the same policies (parsed once), so the cost of each rule can be compared.
const loaded = texts.map(([f, text]) => policyFromText(text, f, { type: 'identity' }));
const perRule = [];
for (const rule of securityRules) {
  for (const l of loaded) lintLoaded(l, { rules: [rule] }); // warm caches
  const cpu = process.cpuUsage();
  for (const l of loaded) lintLoaded(l, { rules: [rule] });
  const used = process.cpuUsage(cpu);
  perRule.push([rule.meta.code, (used.user + used.system) / 1000]);
}
console.log(`Security findings over ${files.length} AWS managed policies (linted as identity policies):\n`);
console.log('| code | findings | policies |');
console.log('|---|---:|---:|');
for (const code of security) console.log(`| ${code} | ${findings.get(code)} | ${policies.get(code).size} |`);
console.log(`\nsecurity rules only, parse included, first run: ${ms.toFixed(0)} ms wall for ${files.length} policies`);
console.log('\n| rule | CPU ms over the corpus (warm, parse excluded) |');
console.log('|---|---:|');
for (const [code, cpuMs] of perRule) console.log(`| ${code} | ${cpuMs.toFixed(0)} |`);
