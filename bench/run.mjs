// `npm run bench`: measures what the issues set targets for, and prints the table in BENCHMARKS.md's format.
// Whole-command timings spawn a fresh process (start-up included) and report the median of several runs.
// Where lint's time goes, rule by rule, in CPU time: `node bench/lint-rules.mjs`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { ensureCorpus } from './corpus.mjs';
import { diffShrinkRows } from './diff-shrink.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'leastpriv.js');
const only = process.argv.slice(2);
const rows = [];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall time of a command in a fresh process, median of `runs`. */
function wall(args, runs = 5, opts = {}) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(process.execPath, args, { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (last.status !== 0 && last.status !== 1) throw new Error(`${args.join(' ')} exited ${last.status}: ${last.stderr}`);
  }
  return { seconds: median(times), result: last };
}

function row(area, measure, value, target, peer = '') {
  rows.push({ area, measure, value, target, peer });
  console.error(`${area} | ${measure} | ${value} | ${target} | ${peer}`);
}

const want = (name) => only.length === 0 || only.includes(name);

if (want('lint')) {
  const corpus = ensureCorpus();
  const count = readdirSync(corpus).filter((f) => f.endsWith('.json')).length;
  const ours = wall([cli, 'lint', '--format', 'json', '--type', 'identity', corpus], 5);
  if (!ours.result.stdout) throw new Error(`no output: status ${ours.result.status} signal ${ours.result.signal} ${ours.result.error} ${ours.result.stderr}`);
  const summary = JSON.parse(ours.result.stdout).summary;
  const peer = wall([join(root, 'bench/peers/cloud-copilot-lint.mjs'), corpus], 3);
  const peerOut = JSON.parse(peer.result.stdout);
  row(
    'lint',
    `managed-policy corpus (${count} documents), one process, wall incl. start-up`,
    `${ours.seconds.toFixed(3)} s (${summary.error} error, ${summary.security} security, ${summary.warning} warning, ${summary.suggestion} suggestion)`,
    '< 0.6 s',
    `@cloud-copilot/iam-policy validateIdentityPolicy + iam-expand: ${peer.seconds.toFixed(3)} s (${peerOut.findings} findings, ${peerOut.crashed} crashed); ${(peer.seconds / ours.seconds).toFixed(1)}× our time`,
  );
  const single = wall([cli, 'lint', join(root, 'examples/policies/dstack-cli.json')], 11);
  row('lint', 'single small file (examples/policies/dstack-cli.json), wall incl. start-up', `${single.seconds.toFixed(3)} s`, '< 0.25 s');
  const node = wall(['-e', ''], 11);
  row('lint', 'for scale: `node -e ""` on this machine', `${node.seconds.toFixed(3)} s`, '');
}

if (want('simulate')) {
  // bench/simulate.mjs measures in its own process (one core, start-up excluded) and prints its rows as JSON.
  const r = spawnSync(process.execPath, [join(root, 'bench/simulate.mjs'), '--json'], { cwd: root, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/simulate.mjs exited ${r.status}: ${r.stderr}`);
  for (const x of JSON.parse(r.stdout.trim().split('\n').pop())) row(x.area, x.measure, x.value, x.target, x.peer);
}

if (want('diff') || want('shrink') || want('expand')) {
  await diffShrinkRows(row);
}

const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.\n`;
const table = [
  '| area | measure | leastpriv | target | peer in the same run |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target} | ${r.peer} |`),
].join('\n');
console.log(`${header}\n${table}`);

if (want('security')) {
  // The issue asks for the security findings on AWS's own policies, per code, beside the speed table.
  const r = spawnSync(process.execPath, [join(root, 'bench/security-counts.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/security-counts.mjs exited ${r.status}: ${r.stderr}`);
  console.log(`\n${r.stdout.split('\n').filter((l) => !l.startsWith('security rules only')).join('\n').trim()}`);
}
