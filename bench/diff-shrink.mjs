// Rows for `npm run bench` (issue 4): shrink over the managed-policy corpus (size reduction, policies brought
// under the 6,144-character managed-policy quota), diff of two 200-statement policies, and action expansion
// against @cloud-copilot/iam-expand (dev-only peer, AGPL: bench only) on the same patterns.
// Runs in-process against the built library (dist/index.js): `node scripts/build.mjs` first.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { managedPolicies } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT = 6144;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** A deterministic pseudo-random sequence, so both runs of the bench see the same policies. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function bigPolicy(lib, seed, statements) {
  const rand = rng(seed);
  const catalog = lib.getCatalog();
  const services = catalog.services.filter((s) => s.actionCount > 5);
  const buckets = ['alpha', 'beta', 'gamma', 'delta', 'logs', 'data'];
  const out = [];
  for (let i = 0; i < statements; i++) {
    const svc = services[Math.floor(rand() * services.length)];
    const acts = svc.actions;
    const n = 1 + Math.floor(rand() * 6);
    const actions = Array.from({ length: n }, () => acts[Math.floor(rand() * acts.length)].fullName);
    const b = buckets[Math.floor(rand() * buckets.length)];
    const resource = rand() < 0.3 ? '*' : `arn:aws:${svc.prefix}:*:111122223333:${b}/${rand() < 0.5 ? '*' : `k${i}`}`;
    const st = { Effect: rand() < 0.1 ? 'Deny' : 'Allow', Action: actions, Resource: resource };
    if (rand() < 0.2) st.Condition = { StringEquals: { 'aws:RequestedRegion': rand() < 0.5 ? 'eu-west-1' : ['eu-west-1', 'us-east-1'] } };
    out.push(st);
  }
  return { Version: '2012-10-17', Statement: out };
}

export async function diffShrinkRows(row) {
  const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);
  const corpus = managedPolicies();

  // shrink over the corpus
  let before = 0;
  let after = 0;
  const ratios = [];
  let over = 0;
  let broughtUnder = 0;
  let splitFits = 0;
  const t0 = process.hrtime.bigint();
  for (const { document } of corpus) {
    const r = lib.shrinkPolicy(document);
    before += r.before;
    after += r.after;
    ratios.push(r.before > 0 ? (r.before - r.after) / r.before : 0);
    if (r.before > LIMIT) {
      over++;
      if (r.after <= LIMIT) broughtUnder++;
      else if (lib.shrinkPolicy(document, { split: true }).fits) splitFits++;
    }
  }
  const shrinkSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  row(
    'shrink',
    `managed-policy corpus (${corpus.length} policies), in-process`,
    `total ${before} → ${after} characters (−${(((before - after) / before) * 100).toFixed(1)}%), median −${(median(ratios) * 100).toFixed(1)}% per policy; ${broughtUnder} of ${over} policies over ${LIMIT} brought under (${splitFits} more fit with --split); ${shrinkSeconds.toFixed(2)} s`,
    'equivalent, never larger',
    'no shrink peer installed (@cloud-copilot/iam-shrink absent)',
  );

  // diff of two 200-statement policies
  const oldP = bigPolicy(lib, 7, 200);
  const newP = bigPolicy(lib, 7, 200);
  // NEW: a third of the statements changed (a different seed for those), so the diff has work on both sides.
  const changed = bigPolicy(lib, 11, 200);
  for (let i = 0; i < 200; i += 3) newP.Statement[i] = changed.Statement[i];
  lib.diffPolicies(oldP, newP); // warm: catalogue services loaded, caches filled
  const times = [];
  let last;
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    last = lib.diffPolicies(oldP, newP);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const cold = bigPolicy(lib, 99, 200);
  const tc = process.hrtime.bigint();
  lib.diffPolicies(cold, newP);
  const coldMs = Number(process.hrtime.bigint() - tc) / 1e6;
  row(
    'diff',
    'two 200-statement policies (one third of statements differ), in-process',
    `${median(times).toFixed(1)} ms median warm (${coldMs.toFixed(1)} ms against an unseen 200-statement policy: its services loaded, its globs not yet cached); ${last.added.length} added, ${last.removed.length} removed entries`,
    '< 100 ms',
    '',
  );

  // the command as a user runs it
  const cli = join(root, 'bin', 'leastpriv.js');
  const walls = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, 'diff', 'examples/diff/old.json', 'examples/diff/new.json', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`diff exited ${r.status}: ${r.stderr}`);
    walls.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  row('diff', '`leastpriv diff examples/diff/old.json examples/diff/new.json`, wall incl. start-up', `${median(walls).toFixed(3)} s`, '', '');

  // expandActions vs @cloud-copilot/iam-expand on every Action pattern of the corpus
  const patterns = new Set();
  for (const { document } of corpus) {
    const ss = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    for (const s of ss) for (const a of [].concat(s.Action ?? [])) if (typeof a === 'string' && a !== '*') patterns.add(a);
  }
  const list = [...patterns];
  const te = process.hrtime.bigint();
  let ours = 0;
  for (const p of list) ours += lib.expandActions(p).length;
  const ourSeconds = Number(process.hrtime.bigint() - te) / 1e9;
  let peer = '';
  try {
    const require = createRequire(import.meta.url);
    require.resolve('@cloud-copilot/iam-expand');
    const { expandIamActions } = await import('@cloud-copilot/iam-expand');
    const tp = process.hrtime.bigint();
    let theirs = 0;
    for (const p of list) theirs += (await expandIamActions(p, { invalidActionBehavior: 'Remove' })).length;
    const peerSeconds = Number(process.hrtime.bigint() - tp) / 1e9;
    peer = `@cloud-copilot/iam-expand expandIamActions: ${peerSeconds.toFixed(3)} s, ${theirs} actions (its own data snapshot)`;
  } catch (e) {
    peer = `@cloud-copilot/iam-expand not runnable here: ${e.message}`;
  }
  row('expand', `every Action pattern of the corpus (${list.length} distinct), in-process`, `${ourSeconds.toFixed(3)} s, ${ours} actions`, '', peer);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await diffShrinkRows((area, measure, value, target, peer) => console.log(`| ${area} | ${measure} | ${value} | ${target} | ${peer} |`));
}
