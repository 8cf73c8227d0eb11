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
import type { PolicyType } from './policy/model.js';

/** Lints one policy given as JSON text or as a value. */
export function lintPolicy(
  policy: string | object,
  options: LintOptions & { type?: PolicyType; path?: string } = {},
): LintResult {
  const opts = options.type ? { type: options.type } : {};
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
export { readTestFile, loadTestFile, TestFileError } from './policy/test-file.js';
export type { TestFileSpec, TestSuiteSpec, TestCaseSpec, Expectation } from './policy/test-file.js';
export { runTestFile } from './engine/policy-test.js';
export type { CaseResult } from './engine/policy-test.js';
