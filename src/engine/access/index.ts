/**
 * Effective access of IAM policies: statements reduced to (actions, resources, conditions), exact set relations
 * between them, and the diff of two policy sets. Pure and synchronous.
 */
export { AccessInputError, accessStatements, statementsOfLoaded, policyName } from './statements.js';
export type { AccessStatement, Clause, PatternSet } from './statements.js';
export { diffStatements } from './diff.js';
export type { AccessDiff, AccessEntry } from './diff.js';
export { clauseImplies, conditionsImply, conditionsObject } from './conditions.js';
export { patternContains, patternsMayIntersect, setContains, setMayIntersect, resourceItems } from './resources.js';
export type { ResourceItem } from './resources.js';
export { ActionUniverse } from './universe.js';
export { diffPolicies, statementsOf } from './policies.js';
export type { AccessPolicyInput } from './policies.js';
