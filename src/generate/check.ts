/**
 * The promise of `generate`: every generated document is lint-clean at `warning` and every test and guard rail
 * holds. `checkBundle` verifies both on the resolved bundle and returns the problems, one line each.
 */
import { atOrAbove, type Severity } from '../lint/finding.js';
import { lintLoaded } from '../lint/lint.js';
import { policyFromValue } from '../policy/loaded.js';
import { compilePolicySet, simulate } from '../engine/evaluate/index.js';
import { mapStrings, parameterValues, substitute, type GeneratedBundle, type PolicyJson } from './model.js';
import { runnableRequest } from './runnable.js';

export interface BundleProblem {
  role: string;
  /** `trust policy`, a policy name, or a test name */
  subject: string;
  message: string;
}

export function checkBundle(bundle: GeneratedBundle, failOn: Severity = 'warning'): BundleProblem[] {
  const values = parameterValues(bundle);
  const resolve = (d: PolicyJson) => mapStrings(d, (s) => substitute(s, values)) as PolicyJson;
  const problems: BundleProblem[] = [];
  for (const role of bundle.roles) {
    const roleName = substitute(role.name, values);
    const lint = (doc: PolicyJson, subject: string, options: Parameters<typeof policyFromValue>[2]) => {
      const result = lintLoaded(policyFromValue(doc, subject, options));
      for (const f of result.findings) {
        if (atOrAbove(f.severity, failOn)) problems.push({ role: roleName, subject, message: `${f.severity} ${f.code} at ${f.pointer || '/'}: ${f.message}` });
      }
    };
    lint(resolve(role.trustPolicy), 'trust policy', { type: 'trust' });
    const identity: PolicyJson[] = [];
    for (const p of role.policies) {
      const doc = resolve(p.document);
      identity.push(doc);
      lint(doc, substitute(p.name, values), p.kind === 'inline' ? { type: 'identity', inline: 'role' } : { type: 'identity' });
    }
    const compiled = compilePolicySet({ identity });
    for (const e of [...role.tests, ...role.guardrails]) {
      const run = runnableRequest(e, values);
      const got = simulate(compiled, { principal: run.principal ?? 'arn:aws:iam::111122223333:role/test', action: run.action, resource: run.resource, ...(run.context ? { context: run.context } : {}) }, { explain: false }).decision;
      if (got !== run.expect) problems.push({ role: roleName, subject: run.name, message: `expected ${run.expect}, got ${got} (${run.action} on ${run.resource})` });
    }
  }
  return problems;
}
