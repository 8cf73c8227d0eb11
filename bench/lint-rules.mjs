// CPU time per lint rule over the AWS managed-policy corpus, in one process (no worker):
// `node bench/lint-rules.mjs [--top N] [--runs N]` (build first: `node scripts/build.mjs`).
// Each rule's `check` is timed where the runner calls it, in CPU time (process.cpuUsage: user + system, so a
// busy machine does not inflate it the way wall time is). Facts shared through `ctx.analysis` (action
// expansion) are charged to the first rule that asks for them in registry order, so read the table as
// "where the time goes", not as what each rule would cost alone. Parsing is reported on its own line.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { v8FlagsFor } from '../bin/v8-flags.js';
import { ensureCorpus } from './corpus.mjs';

// The V8 flags the CLI runs with (bin/v8-flags.js), set before the library is compiled, so that the table shows
// the costs of a `leastpriv lint` run.
for (const flag of v8FlagsFor(process.versions.v8)) setFlagsFromString(flag);

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const top = opt('--top', Infinity);
const runs = opt('--runs', 3);

const { policyFromText, lintLoaded, RULES, getCatalog } = await import('../dist/index.js');
const dir = ensureCorpus();
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const texts = files.map((f) => [f, readFileSync(join(dir, f), 'utf8')]);

/** CPU milliseconds used by this process so far. */
function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const spent = new Map(RULES.map((r) => [r.meta.code, 0]));
const timed = RULES.map((rule) => ({
  meta: rule.meta,
  check(ctx) {
    const t0 = cpuNow();
    try {
      rule.check(ctx);
    } finally {
      spent.set(rule.meta.code, spent.get(rule.meta.code) + cpuNow() - t0);
    }
  },
}));

const catalog = getCatalog();
let parseMs = 0;
let totalMs = 0;
let findings = 0;
let coldMs = 0;
let coldParseMs = 0;
const cold = new Map();
// The first run warms the JIT and the catalogue's lazily loaded services; later runs are what is reported.
for (let run = 0; run <= runs; run++) {
  if (run === 1) {
    coldMs = totalMs;
    coldParseMs = parseMs;
    for (const [k, v] of spent) cold.set(k, v);
    for (const k of spent.keys()) spent.set(k, 0);
    parseMs = 0;
    totalMs = 0;
    findings = 0;
  }
  const t0 = cpuNow();
  for (const [f, text] of texts) {
    const p0 = cpuNow();
    const policy = policyFromText(text, f, { type: 'identity' });
    parseMs += cpuNow() - p0;
    findings += lintLoaded(policy, { rules: timed, catalog }).findings.length;
  }
  totalMs += cpuNow() - t0;
}

const per = (ms) => (ms / runs).toFixed(1).padStart(8);
const rows = [...spent].sort((a, b) => b[1] - a[1]);
const ruleMs = rows.reduce((a, [, ms]) => a + ms, 0);
console.log(`lint over ${files.length} AWS managed policies (identity), mean of ${runs} warm runs, ms per run:\n`);
console.log(`${'first (cold) run, not in the rest'.padEnd(36)}${coldMs.toFixed(1).padStart(8)}   (parse ${coldParseMs.toFixed(1)})`);
console.log(`${'total'.padEnd(36)}${per(totalMs)}   (${findings / runs} findings)`);
console.log(`${'parse (policyFromText)'.padEnd(36)}${per(parseMs)}`);
console.log(`${'rules (sum of check)'.padEnd(36)}${per(ruleMs)}`);
console.log(`${'runner (positions, sort, config)'.padEnd(36)}${per(totalMs - parseMs - ruleMs)}\n`);
console.log(`${'rule'.padEnd(36)}${'warm'.padStart(8)}  ${'share'.padStart(5)}   cold (first run: JIT, catalogue, caches)`);
for (const [code, ms] of rows.slice(0, top)) {
  console.log(`${code.padEnd(36)}${per(ms)}  ${((100 * ms) / ruleMs).toFixed(1).padStart(5)}%  ${cold.get(code).toFixed(1).padStart(8)}`);
}
