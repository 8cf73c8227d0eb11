/**
 * Tests and guard rails as requests the evaluator (and `leastpriv test`) can run. A generated ARN may still hold
 * wildcards where a parameter allows any value (`account: *`, `region: *`, `{project}-*`); a request names one
 * resource, so wildcards become a sample value: the region `us-east-1`, the account the principal's (or
 * 111122223333), a name part `example`.
 */
import { parseArn } from '../engine/arn.js';
import { substitute, type RequestExpectation } from './model.js';

export const SAMPLE_ACCOUNT = '111122223333';
export const SAMPLE_REGION = 'us-east-1';

function concreteField(s: string, sample: string): string {
  if (s === '' || !/[*?]/.test(s)) return s;
  return s === '*' ? sample : s.replace(/\*/g, '').replace(/\?/g, '0') || sample;
}

/** A (possibly wildcard) ARN → one ARN it matches. `*` stays `*` (actions without resource-level permissions). */
export function concreteArn(arn: string, account = SAMPLE_ACCOUNT): string {
  if (arn === '*') return arn;
  const p = parseArn(arn);
  if (!p) return arn.replace(/\*/g, 'example').replace(/\?/g, 'x');
  const region = /[*?]/.test(p.region) ? SAMPLE_REGION : p.region;
  const acct = /[*?]/.test(p.account) ? (/^\d{12}$/.test(account) ? account : SAMPLE_ACCOUNT) : p.account;
  return `arn:${concreteField(p.partition, 'aws')}:${p.service}:${region}:${acct}:${p.resource.replace(/\*/g, 'example').replace(/\?/g, 'x')}`;
}

/** The role's ARN (template form). */
export function roleArnTemplate(name: string, path = '/'): string {
  return `arn:{partition}:iam::{account}:role${path}${name}`;
}

/** A resolved, runnable request: markers substituted, wildcards made concrete. */
export function runnableRequest(req: RequestExpectation, values: ReadonlyMap<string, string>): RequestExpectation {
  const principal = req.principal ? concreteArn(substitute(req.principal, values)) : undefined;
  const account = principal ? (parseArn(principal)?.account ?? SAMPLE_ACCOUNT) : SAMPLE_ACCOUNT;
  const out: RequestExpectation = {
    name: substitute(req.name, values),
    action: substitute(req.action, values),
    resource: concreteArn(substitute(req.resource, values), account),
    expect: req.expect,
  };
  if (principal) out.principal = principal;
  if (req.context) out.context = req.context;
  return out;
}
