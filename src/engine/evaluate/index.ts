/**
 * The evaluation engine's face: `simulate` for one question, `compile` once and `evaluate` many times for speed,
 * `prepareRequest` to reuse one request across many policy sets. See docs/simulate.md for the semantics.
 */
import { PolicyCompileError } from './compile.js';
import { CompiledPolicySet, compilePolicySet } from './evaluate.js';
import { readSimulationLine, SimulationInputError } from './input.js';
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
  const compiled = policies instanceof CompiledPolicySet ? policies : compilePolicySet(policies);
  return compiled.evaluate(request, { explain: options.explain ?? true });
}

/**
 * One line of `simulate --batch` (already parsed from JSON) → its explained result, or `{ error }` for a line that
 * cannot be understood or whose policies IAM would refuse. A line's own `policies` replace the defaults.
 */
export function simulateLine(line: unknown, defaults?: CompiledPolicySet): SimulationResult | { error: string } {
  try {
    const { policies, request } = readSimulationLine(line);
    const compiled = policies ? compilePolicySet(policies) : defaults;
    if (!compiled) return { error: 'the line has no "policies" and no policies were given otherwise' };
    return compiled.evaluate(request, { explain: true });
  } catch (e) {
    if (e instanceof SimulationInputError || e instanceof PolicyCompileError) return { error: e.message };
    throw e;
  }
}
