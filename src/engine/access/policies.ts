/**
 * The library face of the access model: policies as the caller has them (JSON text, a plain object, a loaded policy,
 * or a list of those standing for one principal's policies) → statements → diff.
 */
import type { Catalog } from '../../catalog/catalog.js';
import { getCatalog } from '../../catalog/load.js';
import { policyFromText, policyFromValue, type LoadedPolicy } from '../../policy/loaded.js';
import { diffStatements, type AccessDiff } from './diff.js';
import { statementsOfLoaded, type AccessStatement } from './statements.js';

/** JSON text, a policy object, or a loaded policy (`{ path, document }`). */
export type AccessPolicyInput = string | object;

function isLoaded(v: object): v is LoadedPolicy {
  return 'path' in v && ('document' in v || 'syntaxError' in v) && 'duplicateKeys' in v;
}

function load(input: AccessPolicyInput, name: string): LoadedPolicy {
  if (typeof input === 'string') return policyFromText(input, name);
  if (isLoaded(input)) return input;
  return policyFromValue(input, name);
}

/** One policy or a list of them (a list is the union of identity policies, as IAM attaches them). */
export function statementsOf(input: AccessPolicyInput | readonly AccessPolicyInput[], name: string): AccessStatement[] {
  const list = Array.isArray(input) ? (input as readonly AccessPolicyInput[]) : [input as AccessPolicyInput];
  return statementsOfLoaded(list.map((p, i) => load(p, list.length === 1 ? name : `${name}[${i}]`)));
}

/**
 * Effective-access diff of two policies or policy sets. Throws `AccessInputError` for a policy IAM would refuse.
 * `newAccess` is true when NEW allows some request OLD does not, or when that could not be ruled out.
 */
export function diffPolicies(
  oldPolicies: AccessPolicyInput | readonly AccessPolicyInput[],
  newPolicies: AccessPolicyInput | readonly AccessPolicyInput[],
  options: { catalog?: Catalog } = {},
): AccessDiff {
  return diffStatements(options.catalog ?? getCatalog(), statementsOf(oldPolicies, 'old'), statementsOf(newPolicies, 'new'));
}
