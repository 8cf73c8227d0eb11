/**
 * Guessing the policy type when the user did not say. Only what the document itself shows is used: a
 * `Principal` means a resource-based policy, and one whose every action assumes a role (or tags the session)
 * is a role trust policy. SCPs, RCPs, boundaries and session policies look like identity policies and need
 * `--type` (or the template they came from) to be recognised.
 */
import type { PolicyDocument, PolicyType } from './model.js';

const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

export function detectPolicyType(doc: PolicyDocument): PolicyType {
  const withPrincipal = doc.statements.filter((s) => s.principal || s.notPrincipal);
  if (withPrincipal.length === 0) return 'identity';
  const actions = doc.statements.flatMap((s) => s.action?.items ?? []);
  if (actions.length > 0 && actions.every((a) => TRUST_ACTIONS.has(a.value.toLowerCase()))) return 'trust';
  return 'resource';
}
