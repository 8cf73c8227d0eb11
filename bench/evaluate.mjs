// Decisions per second of the evaluation engine over realistic policy sets: a CI role with several AWS managed
// policies (ReadOnlyAccess alone is ~90 KB), a permissions boundary, two SCP levels with a deny list, an RCP, a
// bucket policy; requests over real actions from the catalogue, a third of them with a condition context.
// Run after `node scripts/build.mjs`: `node bench/evaluate.mjs [--seconds N]`.
import { compile, prepareRequest, getCatalog } from '../dist/index.js';
import { managedPolicies } from './corpus.mjs';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 2;
const byName = new Map(managedPolicies().map((p) => [p.name, p.document]));
const managed = (...names) => names.map((n) => byName.get(n)).filter(Boolean);

const ACCT = '111122223333';
const sets = {
  'read-only role (ReadOnlyAccess + 4 more)': {
    identity: managed('ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'CloudWatchLogsFullAccess', 'AmazonDynamoDBFullAccess', 'AWSLambda_FullAccess'),
  },
  'power user + boundary + SCPs + RCP + bucket policy': {
    identity: managed('PowerUserAccess', 'AmazonEC2FullAccess', 'ViewOnlyAccess'),
    boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }] },
    scp: [
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
      [
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'guardduty:Delete*'], Resource: '*' },
            { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } },
          ],
        },
      ],
    ],
    rcp: [[{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }] }]],
    resource: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
  },
};

// Requests: real actions across services, deterministic order.
const catalog = getCatalog();
const actions = [];
for (let i = 0; i < catalog.actions.length; i += 37) actions.push(catalog.actions[i].fullName);
const requests = actions.map((action, i) => ({
  principal: `arn:aws:iam::${ACCT}:role/ci`,
  action,
  resource: i % 4 === 0 ? '*' : `arn:aws:${action.split(':')[0]}:us-east-1:${ACCT}:thing/${i}`,
  context: i % 3 === 0 ? { 'aws:RequestedRegion': i % 2 ? 'eu-west-1' : 'ap-south-1', 'aws:SecureTransport': 'true', 'aws:PrincipalOrgID': 'o-abc' } : { 'aws:RequestedRegion': 'us-east-1' },
}));
const prepared = requests.map(prepareRequest);

function measure(label, fn) {
  // Warm up for as long as we measure: plans get memoised and the JIT settles.
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) fn();
  const start = performance.now();
  let m = 0;
  while (performance.now() - start < seconds * 1000) m += fn();
  const perSecond = m / ((performance.now() - start) / 1000);
  console.log(`${label.padEnd(72)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} decisions/s`);
  return perSecond;
}

console.log(`${requests.length} requests per round, ${seconds}s per measurement`);
for (const [name, set] of Object.entries(sets)) {
  const t0 = performance.now();
  const compiled = compile(set);
  console.log(`${name}: compiled in ${(performance.now() - t0).toFixed(1)} ms`);
  const counts = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
  for (const r of prepared) counts[compiled.decide(r)]++;
  console.log(`  decisions: ${JSON.stringify(counts)}`);
  measure('  prepared requests (decide)', () => {
    for (let i = 0; i < prepared.length; i++) compiled.decide(prepared[i]);
    return prepared.length;
  });
  measure('  plain requests (prepared on every call)', () => {
    for (let i = 0; i < requests.length; i++) compiled.decide(requests[i]);
    return requests.length;
  });
  measure('  explained (matched statements)', () => {
    for (let i = 0; i < prepared.length; i++) compiled.evaluate(prepared[i], { explain: true });
    return prepared.length;
  });
}
