/**
 * The evaluation engine's face: `simulate` for one question, `compile` once and `evaluate` many times for speed,
 * `prepareRequest` to reuse one request across many policy sets. See docs/simulate.md for the semantics.
 */
import { compilePolicySet, type CompiledPolicySet } from './evaluate.js';
import type { EvaluateOptions, PolicySet, SimulationRequest, SimulationResult } from './types.js';

export { CompiledPolicySet, compilePolicySet, compilePolicySet as compile, statementApplies } from './evaluate.js';
export { PolicyCompileError } from './compile.js';
export { prepareRequest, parsePrincipal } from './request.js';
export type { PreparedRequest, RequestPrincipal, PrincipalKind } from './request.js';
export { readSimulationLine, readRequest, defaultPrincipal, SimulationInputError } from './input.js';
export type { SimulationLine } from './input.js';
export type * from './types.js';

/**
 * Compiles the policies and evaluates one request, explained (matched statements, failed layers) unless
 * `explain: false`. Throws `PolicyCompileError` for a policy IAM would refuse; never throws for a request.
 */
export function simulate(policies: PolicySet | CompiledPolicySet, request: SimulationRequest, options: EvaluateOptions = {}): SimulationResult {
  const compiled = 'evaluate' in policies && typeof policies.evaluate === 'function' ? (policies as CompiledPolicySet) : compilePolicySet(policies as PolicySet);
  return compiled.evaluate(request, { explain: options.explain ?? true });
}
