/**
 * A batch line of `leastpriv simulate --batch` read into a request (and its own policies, when it has them), with
 * a typed error for a line that cannot be understood. Shapes are those of the contract's `simulate` section: a
 * line is `{"policies": {…}, "request": {…}}` or a bare request.
 */
import type { ContextValueInput, PolicySet, SimulationRequest } from './types.js';

export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

export interface SimulationLine {
  policies?: PolicySet;
  request: SimulationRequest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ACCOUNT_ARN = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

/**
 * The principal used when a request names none: a role in the resource's account, so the request is a same-account
 * one (the question "do these policies allow this?" is about the policies, not about cross-account trust).
 */
export function defaultPrincipal(resource: string, resourceAccount?: string): string {
  const account = resourceAccount ?? ACCOUNT_ARN.exec(resource)?.[1] ?? '123456789012';
  return `arn:aws:iam::${account}:role/leastpriv-simulated`;
}

export function readRequest(v: unknown): SimulationRequest {
  if (!isObject(v)) throw new SimulationInputError('a request must be a JSON object');
  const { principal, action, resource, resourceAccount, context } = v;
  if (typeof action !== 'string' || action === '') throw new SimulationInputError('the request needs an "action" string');
  if (typeof resource !== 'string' || resource === '') throw new SimulationInputError('the request needs a "resource" string');
  if (principal !== undefined && typeof principal !== 'string') throw new SimulationInputError('"principal" must be a string');
  if (resourceAccount !== undefined && (typeof resourceAccount !== 'string' || !/^\d{12}$/.test(resourceAccount))) {
    throw new SimulationInputError('"resourceAccount" must be a 12-digit account id');
  }
  const out: SimulationRequest = {
    principal: principal ?? defaultPrincipal(resource, resourceAccount as string | undefined),
    action,
    resource,
  };
  if (resourceAccount !== undefined) out.resourceAccount = resourceAccount as string;
  if (context !== undefined) {
    if (!isObject(context)) throw new SimulationInputError('"context" must be an object of keys to values');
    const ctx: Record<string, ContextValueInput> = {};
    for (const [key, value] of Object.entries(context)) {
      const scalar = (x: unknown): boolean => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
      if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) {
        throw new SimulationInputError(`context key "${key}" must be a string, a number, a boolean or a list of those`);
      }
      ctx[key] = value as ContextValueInput;
    }
    out.context = ctx;
  }
  return out;
}

/** One batch line (already parsed from JSON). */
export function readSimulationLine(v: unknown): SimulationLine {
  if (!isObject(v)) throw new SimulationInputError('a line must be a JSON object');
  if ('request' in v) {
    const line: SimulationLine = { request: readRequest(v.request) };
    if (v.policies !== undefined) {
      if (!isObject(v.policies)) throw new SimulationInputError('"policies" must be an object');
      line.policies = v.policies as PolicySet;
    }
    return line;
  }
  return { request: readRequest(v) };
}
