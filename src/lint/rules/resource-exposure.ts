import { RESOURCE_EXPOSURE_ACTIONS } from '../risky-actions.js';
import type { Rule } from '../rule.js';
import { grantedPhrase, reportListedOnUnscoped } from '../security.js';

/**
 * Actions that rewrite who may use a resource — resource-based policies, ACLs, grants, sharing attributes
 * (`kms:PutKeyPolicy`, `s3:PutBucketPolicy`, `iam:UpdateAssumeRolePolicy`, `lambda:AddPermission`… see
 * `risky-actions.ts` for the list and its sources) — allowed on unscoped resources: the principal can open any
 * such resource in the account to anyone, including other accounts or the public. A positive condition on the
 * resource's account, organization or tags counts as scoping.
 */
export default {
  meta: {
    code: 'resource-exposure',
    severity: 'security',
    summary: 'Actions that rewrite resource-based policies or sharing are allowed on every resource.',
    policyTypes: ['identity', 'resource'],
  },
  check(ctx) {
    reportListedOnUnscoped(
      ctx,
      RESOURCE_EXPOSURE_ACTIONS,
      (granted, written, resource) =>
        `${grantedPhrase(granted, written)} on ${resource}: the principal can rewrite who may access any such resource, including granting other accounts or the public; scope the resources`,
    );
  },
} satisfies Rule;

