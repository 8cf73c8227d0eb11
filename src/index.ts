/**
 * leastpriv's library API: the few things a program needs. Everything here is synchronous and offline.
 */
export { getCatalog } from './catalog/load.js';
export type { Catalog, Action, Service, ResourceType } from './catalog/catalog.js';
export { lintLoaded } from './lint/lint.js';
export type { LintResult, LintOptions } from './lint/lint.js';
export type { Finding, Severity } from './lint/finding.js';
export { RULES } from './lint/registry.js';
export { policyFromText, policyFromValue } from './policy/loaded.js';
export type { LoadedPolicy } from './policy/loaded.js';
export { loadPolicies, policiesFromText } from './policy/input.js';
export { POLICY_TYPES } from './policy/model.js';
export type { PolicyType, PolicyDocument, Statement } from './policy/model.js';
export { compileWildcard, wildcardMatch } from './engine/wildcard.js';
export { expandActionPattern } from './engine/actions.js';
export { parseArn } from './engine/arn.js';

import { lintLoaded, type LintOptions, type LintResult } from './lint/lint.js';
import { policyFromText, policyFromValue } from './policy/loaded.js';
import type { InlineKind, PolicyType } from './policy/model.js';

/** Lints one policy given as JSON text or as a value. */
export function lintPolicy(
  policy: string | object,
  options: LintOptions & { type?: PolicyType; inline?: InlineKind; path?: string } = {},
): LintResult {
  const opts = { ...(options.type ? { type: options.type } : {}), ...(options.inline ? { inline: options.inline } : {}) };
  const loaded =
    typeof policy === 'string'
      ? policyFromText(policy, options.path ?? '<text>', opts)
      : policyFromValue(policy, options.path ?? '<value>', opts);
  return lintLoaded(loaded, options);
}
export {
  simulate,
  simulateLine,
  compile,
  compilePolicySet,
  CompiledPolicySet,
  prepareRequest,
  PolicyCompileError,
  readSimulationLine,
  SimulationInputError,
} from './engine/evaluate/index.js';
export type {
  SimulationRequest,
  PolicySet,
  Decision,
  SimulationResult,
  MatchedStatement,
  ImplicitDenyReason,
  EvaluateOptions,
  PreparedRequest,
  SimulationLine,
} from './engine/evaluate/index.js';
export { parseSpec } from './generate/spec.js';
export type { Spec } from './generate/spec.js';
export { generateFromSpec } from './generate/generator.js';
export type { GenerateOptions } from './generate/generator.js';
export { blueprintNames, loadBlueprint } from './generate/blueprints.js';
export { checkBundle } from './generate/check.js';
export type { BundleProblem } from './generate/check.js';
export { SpecError, ExpectationError } from './generate/errors.js';
export { resolveBundle, substitute } from './generate/model.js';
export type { GeneratedBundle, GeneratedRole, GeneratedPolicy, RequestExpectation, Parameter, ResolvedBundle } from './generate/model.js';
export { RENDERERS, GENERATE_FORMATS } from './render/generate/index.js';

import { blueprintText as readBlueprintText } from './generate/blueprints.js';
import { generateFromSpec as generateBundle } from './generate/generator.js';
import { parseSpec as parseSpecText } from './generate/spec.js';
import type { GeneratedBundle as Bundle } from './generate/model.js';

/** Generates a bundle from spec text (YAML or JSON) or from a shipped blueprint, with parameter values. */
export function generate(input: { spec: string; path?: string } | { blueprint: string }, sets: Record<string, string> = {}): Bundle {
  const spec = 'blueprint' in input ? parseSpecText(readBlueprintText(input.blueprint), `blueprints/${input.blueprint}.yaml`) : parseSpecText(input.spec, input.path ?? '<spec>');
  return generateBundle(spec, { sets: new Map(Object.entries(sets)) });
}
export { diffPolicies, AccessInputError } from './engine/access/index.js';
export type { AccessDiff, AccessEntry, AccessPolicyInput } from './engine/access/index.js';
export { shrinkPolicy, ShrinkInputError, DEFAULT_MAX_CHARS } from './engine/shrink/index.js';
export type { ShrinkOptions, ShrinkResult } from './engine/shrink/index.js';
export { expandActions } from './engine/access/expand.js';
export { accessOf } from './engine/access/index.js';
export type { Grant, GrantException } from './engine/access/index.js';
export { readTestFile, loadTestFile, TestFileError } from './policy/test-file.js';
export type { TestFileSpec, TestSuiteSpec, TestCaseSpec, Expectation } from './policy/test-file.js';
export { runTestFile } from './engine/policy-test.js';
export type { CaseResult } from './engine/policy-test.js';
