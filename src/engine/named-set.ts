/**
 * A policy set whose documents came from named places (files, template locations, a test file), compiled once, with
 * the way back from the evaluator's labels (`identity[0]`, `scp[1][0]`) to those places, so that explanations and
 * compile errors name the file a person wrote rather than a position in a list.
 */
import type { NamedPolicySet } from '../policy/documents.js';
import { PolicyCompileError } from './evaluate/compile.js';
import { compilePolicySet, type CompiledPolicySet } from './evaluate/evaluate.js';
import type { PolicySet } from './evaluate/types.js';

export type { NamedPolicySet };

/** label → place, in the evaluator's labelling. */
export function sourcesOf(set: NamedPolicySet): Map<string, string> {
  const out = new Map<string, string>();
  set.identity.forEach((d, i) => out.set(`identity[${i}]`, d.source));
  if (set.resource) out.set('resource', set.resource.source);
  if (set.boundary.length === 1) out.set('boundary', set.boundary[0]!.source);
  else set.boundary.forEach((d, i) => out.set(`boundary[${i}]`, d.source));
  set.scp.forEach((level, i) => level.forEach((d, j) => out.set(`scp[${i}][${j}]`, d.source)));
  set.rcp.forEach((level, i) => level.forEach((d, j) => out.set(`rcp[${i}][${j}]`, d.source)));
  if (set.session) out.set('session', set.session.source);
  return out;
}

export function toPolicySet(set: NamedPolicySet): PolicySet {
  const out: PolicySet = {
    identity: set.identity.map((d) => d.document),
    boundary: set.boundary.map((d) => d.document),
    scp: set.scp.map((l) => l.map((d) => d.document)),
    rcp: set.rcp.map((l) => l.map((d) => d.document)),
  };
  if (set.resource) out.resource = set.resource.document;
  if (set.session) out.session = set.session.document;
  return out;
}

/** Raised for a document IAM would refuse; the message names its place. */
export class NamedCompileError extends Error {
  constructor(
    readonly source: string,
    readonly compileError: PolicyCompileError,
  ) {
    super(`${source}${compileError.pointer ? ` at ${compileError.pointer}` : ''}: ${compileError.reason}`);
    this.name = 'NamedCompileError';
  }
}

export interface CompiledNamedSet {
  compiled: CompiledPolicySet;
  sources: ReadonlyMap<string, string>;
}

export function compileNamedSet(set: NamedPolicySet): CompiledNamedSet {
  const sources = sourcesOf(set);
  try {
    return { compiled: compilePolicySet(toPolicySet(set)), sources };
  } catch (e) {
    if (e instanceof PolicyCompileError) throw new NamedCompileError(sources.get(e.policy) ?? e.policy, e);
    throw e;
  }
}
