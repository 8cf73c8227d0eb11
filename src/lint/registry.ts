/** Every lint rule, in the order their findings are most useful to read. Adding a rule: one file, one line here. */
import type { Rule } from './rule.js';
import jsonSyntax from './rules/json-syntax.js';
import unknownAction from './rules/unknown-action.js';
import invalidAction from './rules/invalid-action.js';
import unknownService from './rules/unknown-service.js';
import noMatchingAction from './rules/no-matching-action.js';
import invalidArn from './rules/invalid-arn.js';
import unsupportedResource from './rules/unsupported-resource.js';
import actionRequiresWildcard from './rules/action-requires-wildcard.js';
import invalidConditionOperator from './rules/invalid-condition-operator.js';
import unknownConditionKey from './rules/unknown-condition-key.js';
import conditionTypeMismatch from './rules/condition-type-mismatch.js';
import conditionKeyNotApplicable from './rules/condition-key-not-applicable.js';
import wildcardWithoutLike from './rules/wildcard-without-like.js';
import invalidPrincipal from './rules/invalid-principal.js';
import unknownElement from './rules/unknown-element.js';
import missingStatement from './rules/missing-statement.js';
import missingEffect from './rules/missing-effect.js';
import missingAction from './rules/missing-action.js';
import missingResource from './rules/missing-resource.js';
import missingPrincipal from './rules/missing-principal.js';
import invalidVersion from './rules/invalid-version.js';
import invalidEffect from './rules/invalid-effect.js';
import invalidSid from './rules/invalid-sid.js';
import duplicateSid from './rules/duplicate-sid.js';
import conflictingElements from './rules/conflicting-elements.js';
import elementNotAllowed from './rules/element-not-allowed.js';
import policyTooLarge from './rules/policy-too-large.js';
import placeholderInPolicy from './rules/placeholder-in-policy.js';
import missingVersion from './rules/missing-version.js';
import redundantAction from './rules/redundant-action.js';
import redundantResource from './rules/redundant-resource.js';
import redundantStatement from './rules/redundant-statement.js';
import emptyArray from './rules/empty-array.js';
import emptyObject from './rules/empty-object.js';
import serviceWildcard from './rules/service-wildcard.js';
import passroleWildcardResource from './rules/passrole-wildcard-resource.js';
import allowNotAction from './rules/allow-not-action.js';
import allowNotResource from './rules/allow-not-resource.js';
import fullAdmin from './rules/full-admin.js';
import privilegeEscalation from './rules/privilege-escalation.js';
import resourceExposure from './rules/resource-exposure.js';
import credentialsExposure from './rules/credentials-exposure.js';
import dataExfiltration from './rules/data-exfiltration.js';
import trustAnyPrincipal from './rules/trust-any-principal.js';
import oidcMissingSubject from './rules/oidc-missing-subject.js';

export const RULES: readonly Rule[] = [
  jsonSyntax,
  unknownAction,
  invalidAction,
  unknownService,
  noMatchingAction,
  invalidArn,
  unsupportedResource,
  actionRequiresWildcard,
  invalidConditionOperator,
  unknownConditionKey,
  conditionTypeMismatch,
  conditionKeyNotApplicable,
  wildcardWithoutLike,
  invalidPrincipal,
  unknownElement,
  missingStatement,
  missingEffect,
  missingAction,
  missingResource,
  missingPrincipal,
  invalidVersion,
  invalidEffect,
  invalidSid,
  duplicateSid,
  conflictingElements,
  elementNotAllowed,
  policyTooLarge,
  placeholderInPolicy,
  missingVersion,
  redundantAction,
  redundantResource,
  redundantStatement,
  emptyArray,
  emptyObject,
  serviceWildcard,
  passroleWildcardResource,
  allowNotAction,
  allowNotResource,
  fullAdmin,
  privilegeEscalation,
  resourceExposure,
  credentialsExposure,
  dataExfiltration,
  trustAnyPrincipal,
  oidcMissingSubject,
];

export const RULE_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.meta.code));

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === code);
}
