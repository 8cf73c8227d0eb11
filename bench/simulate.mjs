// Simulation throughput: 100,000 requests over AWS managed-policy sets, in process on one core (compile and
// start-up excluded), against @cloud-copilot/iam-simulate in the same run, and `leastpriv simulate --batch` end to
// end over a generated 100,000-line file. Run after `node scripts/build.mjs`:
//   node bench/simulate.mjs [--requests N] [--peer-sample N] [--json]
// --json prints the rows for bench/run.mjs's table instead of the human report.
// iam-simulate is measured on a deterministic sample of the same requests (it is ~1000× slower) and its time per
// request is extrapolated; `runUnsafeSimulation` cannot run a set with a resource policy (it crashes reading the
// policy's name), so it is measured on the same set without the bucket policy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import { compile, prepareRequest, getCatalog } from '../dist/index.js';
import { managedPolicies } from './corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('--requests', 100_000);
const PEER = arg('--peer-sample', 1_000);
const asJson = process.argv.includes('--json');
const log = asJson ? () => {} : console.log;

const ACCT = '111122223333';
const byName = new Map(managedPolicies().map((p) => [p.name, p.document]));
const managed = (...names) => names.map((n) => byName.get(n)).filter(Boolean);
const doc = (...Statement) => ({ Version: '2012-10-17', Statement });

const bucketPolicy = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
const guarded = {
  identity: managed('PowerUserAccess', 'AmazonEC2FullAccess', 'ViewOnlyAccess'),
  boundary: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } }),
  scp: [
    [doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
    [
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'guardduty:Delete*'], Resource: '*' },
        { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } },
        { Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*', Condition: { 'ForAnyValue:StringNotLike': { 'ec2:InstanceType': ['t3.*', 'm5.*'] } } },
      ),
    ],
  ],
  rcp: [[doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } })]],
  resource: bucketPolicy,
};
const sets = {
  'read-only role: ReadOnlyAccess + 4 managed policies': {
    identity: managed('ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'CloudWatchLogsFullAccess', 'AmazonDynamoDBFullAccess', 'AWSLambda_FullAccess'),
  },
  'power user + boundary + 2 SCP levels (conditions) + RCP + bucket policy': guarded,
};

// Deterministic requests: real catalogue actions, an ARN of the action's service or *, varied contexts.
function requests(n) {
  const actions = getCatalog().actions.map((a) => a.fullName);
  const out = [];
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 4294967296;
  };
  const regions = ['us-east-1', 'eu-west-1', 'ap-south-1'];
  for (let i = 0; i < n; i++) {
    const action = actions[Math.floor(next() * actions.length)];
    const service = action.slice(0, action.indexOf(':'));
    const resource = next() < 0.3 ? '*' : service === 's3' ? `arn:aws:s3:::bucket-${i % 97}/key-${i}` : `arn:aws:${service}:us-east-1:${ACCT}:thing/${i % 1013}`;
    const context = { 'aws:RequestedRegion': regions[i % 3], 'aws:SecureTransport': next() < 0.9 ? 'true' : 'false', 'aws:PrincipalOrgID': 'o-abc', 'aws:PrincipalTag/team': next() < 0.5 ? 'platform' : 'app' };
    if (i % 5 === 0) context['ec2:InstanceType'] = next() < 0.5 ? 't3.micro' : 'p4d.24xlarge';
    out.push({ principal: `arn:aws:iam::${ACCT}:role/ci`, action, resource, resourceAccount: ACCT, context });
  }
  return out;
}

const rows = [];
const row = (area, measure, value, target, peer = '') => {
  rows.push({ area, measure, value, target, peer });
  log(`${measure}: ${value}${peer ? ` | ${peer}` : ''}`);
};
const fmt = (x) => Math.round(x).toLocaleString('en-US');

function timeLoop(fn, minMs = 1000) {
  // Warm once (plans memoised, JIT settled), then repeat whole passes for at least minMs.
  fn();
  let passes = 0;
  const t0 = performance.now();
  do {
    fn();
    passes++;
  } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / passes;
}

const all = requests(N);
const prepared = all.map(prepareRequest);
const sampleStep = Math.max(1, Math.floor(N / PEER));
const sample = all.filter((_, i) => i % sampleStep === 0).slice(0, PEER);

function toSimulation(set, r) {
  const sim = {
    request: { principal: r.principal, action: r.action, resource: { resource: r.resource, accountId: r.resourceAccount }, contextVariables: r.context },
    identityPolicies: (set.identity ?? []).map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: (set.scp ?? []).map((l, i) => ({ orgIdentifier: `ou-${i}`, policies: l.map((policy, j) => ({ name: `scp${i}-${j}`, policy })) })),
    resourceControlPolicies: (set.rcp ?? []).map((l, i) => ({ orgIdentifier: `ou-${i}`, policies: l.map((policy, j) => ({ name: `rcp${i}-${j}`, policy })) })),
  };
  if (set.resource) sim.resourcePolicy = set.resource;
  if (set.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: set.boundary }];
  return sim;
}

log(`${N} requests; iam-simulate on a sample of ${sample.length}`);
for (const [name, set] of Object.entries(sets)) {
  const t0 = performance.now();
  const compiled = compile(set);
  const compileMs = performance.now() - t0;
  const counts = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
  for (const r of prepared) counts[compiled.decide(r)]++;
  log(`\n${name} (compiled in ${compileMs.toFixed(1)} ms; decisions ${JSON.stringify(counts)})`);
  const plainMs = timeLoop(() => {
    for (let i = 0; i < all.length; i++) compiled.decide(all[i]);
  });
  const preparedMs = timeLoop(() => {
    for (let i = 0; i < prepared.length; i++) compiled.decide(prepared[i]);
  });
  const explainedMs = timeLoop(() => {
    for (let i = 0; i < all.length; i++) compiled.evaluate(all[i], { explain: true });
  });
  const ours = (all.length / plainMs) * 1000;
  const perOurs = plainMs / all.length;

  // iam-simulate, same requests (sample), same policies.
  const unsafeSet = { ...set, resource: undefined };
  const tu = performance.now();
  for (const r of sample) runUnsafeSimulation(toSimulation(unsafeSet, r), {});
  const perUnsafe = (performance.now() - tu) / sample.length;
  const safeSample = sample.slice(0, Math.max(100, Math.floor(sample.length / 2)));
  // runSimulation validates first and answers `error` fast for an ARN of no resource type of the action (our
  // synthetic ARNs often are): only the requests it simulated count towards its time per request.
  const kinds = {};
  let simulated = 0;
  let simulatedMs = 0;
  for (const r of safeSample) {
    const t1 = performance.now();
    const res = await runSimulation(toSimulation(set, r), {});
    const ms = performance.now() - t1;
    kinds[res.resultType] = (kinds[res.resultType] ?? 0) + 1;
    if (res.resultType !== 'error') {
      simulated++;
      simulatedMs += ms;
    }
  }
  const perSafe = simulatedMs / Math.max(1, simulated);

  row('simulate', `${name}: ${fmt(N)} plain requests, decisions/s, one core, compile excluded`, `${fmt(ours)}/s (prepared requests ${fmt((prepared.length / preparedMs) * 1000)}/s; explained ${fmt((all.length / explainedMs) * 1000)}/s)`, '≥ 1,000,000/s',
    `iam-simulate runSimulation ${fmt(1000 / perSafe)}/s over the ${simulated} of ${safeSample.length} sampled requests it simulated (${JSON.stringify(kinds)}): ours ${(perSafe / perOurs).toFixed(0)}× faster (target ≥ 100×); runUnsafeSimulation ${fmt(1000 / perUnsafe)}/s on ${sample.length}${set.resource ? ', without the bucket policy it cannot load' : ''}: ${(perUnsafe / perOurs).toFixed(0)}× (target ≥ 20×); per-request times extrapolated`);
}

// The CLI end to end: a generated 100,000-line batch through `leastpriv simulate --batch`.
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-bench-'));
try {
  const batch = join(dir, 'requests.jsonl');
  const out = createWriteStream(batch);
  for (const r of all) if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const policyFile = join(dir, 'policies.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(policyFile, JSON.stringify(sets['read-only role: ReadOnlyAccess + 4 managed policies'].identity));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/leastpriv.js'), 'simulate', '--batch', batch, '--policy', policyFile], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`simulate --batch exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout.split('\n').length - 1;
  row('simulate', `\`leastpriv simulate --batch\`: ${fmt(N)}-line file, read-only role set, explained JSON lines out, wall incl. start-up`, `${seconds.toFixed(2)} s (${fmt(lines / seconds)} lines/s)`, '');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (asJson) console.log(JSON.stringify(rows));
