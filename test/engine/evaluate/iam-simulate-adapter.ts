/**
 * The independent implementation we cross-check against: `@cloud-copilot/iam-simulate` (AGPL, dev-only: tests and
 * bench, never `src/`). `runUnsafeSimulation` loads every policy on every call and crashes on any resource policy
 * (it loads it without metadata and then reads `metadata().name`), so the bulk of the differential test calls the
 * same core it wraps, `authorize`, in exactly its way (strict mode, the same request objects) with the policies
 * loaded once and named, and with `RCPFullAWSAccess` at every RCP level as `runSimulation` adds it (the unsafe entry
 * point leaves it out, which would make every RCP level an implicit deny). `runSimulation`/`runUnsafeSimulation` are exported here too, for the validated subset and
 * for the bench.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPolicy } from '@cloud-copilot/iam-policy';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import type { Decision, PolicySet, SimulationRequest } from '../../../src/engine/evaluate/index.js';

export { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

type Loaded = ReturnType<typeof loadPolicy>;
type Authorize = (input: Record<string, unknown>) => { result: string } | string;

// The package's require entry is dist/cjs/index.js; its ES modules (the ones the import above loads) are in dist/esm.
const dist = join(dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-simulate')), '../esm');
const core = (await import(pathToFileURL(join(dist, 'core_engine/CoreSimulatorEngine.js')).href)) as { authorize: Authorize };
const requestModule = (await import(pathToFileURL(join(dist, 'request/request.js')).href)) as { AwsRequestImpl: new (...args: unknown[]) => unknown };
const contextModule = (await import(pathToFileURL(join(dist, 'requestContext.js')).href)) as { RequestContextImpl: new (values: unknown) => unknown };
const discoveryModule = (await import(pathToFileURL(join(dist, 'context_keys/discoveryContextKeyConstraints.js')).href)) as {
  DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown;
};

export const THEIR_DECISION: Record<string, Decision> = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

const loaded = new WeakMap<object, Loaded>();
function load(policy: unknown, name: string): Loaded {
  const key = policy as object;
  let hit = loaded.get(key);
  if (!hit) loaded.set(key, (hit = loadPolicy(policy as Parameters<typeof loadPolicy>[0], { name })));
  return hit;
}

// As runSimulation's DEFAULT_RCP.
const RCP_FULL_AWS_ACCESS = loadPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] }, { name: 'RCPFullAWSAccess' });

const parameters = { simulationMode: 'Strict', discoveryContextKeyConstraints: new discoveryModule.DiscoveryContextKeyConstraints([]) };

type Request = SimulationRequest & { resourceAccount: string };

/** iam-simulate's decision for our request and policy set (policies loaded once per object). */
export function theirDecision(policies: PolicySet, request: Request): Decision {
  const boundary = policies.boundary === undefined ? [] : Array.isArray(policies.boundary) ? policies.boundary : [policies.boundary];
  const req = new requestModule.AwsRequestImpl(
    request.principal,
    { resource: request.resource, accountId: request.resourceAccount },
    request.action,
    new contextModule.RequestContextImpl(request.context ?? {}),
  );
  const analysis = core.authorize({
    request: req,
    sessionPolicy: policies.session ? load(policies.session, 'session') : undefined,
    identityPolicies: (policies.identity ?? []).map((p, i) => load(p, `identity${i}`)),
    serviceControlPolicies: (policies.scp ?? []).map((level, i) => ({ orgIdentifier: `ou-${i}`, policies: level.map((p, j) => load(p, `scp${i}-${j}`)) })),
    resourceControlPolicies: (policies.rcp ?? []).map((level, i) => ({ orgIdentifier: `ou-${i}`, policies: [RCP_FULL_AWS_ACCESS, ...level.map((p, j) => load(p, `rcp${i}-${j}`))] })),
    resourcePolicy: policies.resource ? load(policies.resource, 'resource') : undefined,
    permissionBoundaries: boundary.length > 0 ? boundary.map((p, i) => load(p, `boundary${i}`)) : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: parameters,
    serviceSettings: { s3: { blockPublicAccess: undefined } },
  });
  const result = typeof analysis === 'string' ? analysis : analysis.result;
  return THEIR_DECISION[result]!;
}

/** The same question as a `Simulation` for `runSimulation` / `runUnsafeSimulation`. */
export function toSimulation(policies: PolicySet, request: Request): Simulation {
  const sim: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: (request.context ?? {}) as Record<string, string | string[]>,
    },
    identityPolicies: (policies.identity ?? []).map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: (policies.scp ?? []).map((l, i) => ({ orgIdentifier: `ou-${i}`, policies: l.map((policy, j) => ({ name: `scp${i}-${j}`, policy })) })),
    resourceControlPolicies: (policies.rcp ?? []).map((l, i) => ({ orgIdentifier: `ou-${i}`, policies: l.map((policy, j) => ({ name: `rcp${i}-${j}`, policy })) })),
  };
  if (policies.resource) sim.resourcePolicy = policies.resource;
  if (policies.boundary) sim.permissionBoundaryPolicies = [{ name: 'boundary', policy: policies.boundary }];
  if (policies.session) sim.sessionPolicy = policies.session;
  return sim;
}
