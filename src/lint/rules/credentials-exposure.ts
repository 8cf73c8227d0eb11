import { CREDENTIALS_EXPOSURE_ACTIONS } from '../risky-actions.js';
import type { Rule } from '../rule.js';
import { grantedPhrase, reportListedOnUnscoped } from '../security.js';

/**
 * Actions that mint credentials for another identity or reveal stored ones (`iam:CreateAccessKey`,
 * `iam:CreateLoginProfile`, `sts:GetFederationToken`, `redshift:GetClusterCredentials`,
 * `lightsail:GetInstanceAccessDetails`… see `risky-actions.ts`), allowed on unscoped resources.
 * `ecr:GetAuthorizationToken` is deliberately not listed: it needs `*` and only authenticates to ECR.
 */
export default {
  meta: {
    code: 'credentials-exposure',
    severity: 'security',
    summary: 'Actions that create or reveal credentials are allowed on every resource.',
    policyTypes: ['identity', 'resource'],
  },
  check(ctx) {
    reportListedOnUnscoped(ctx, CREDENTIALS_EXPOSURE_ACTIONS, (granted, written, resource) => {
      return `${grantedPhrase(granted, written)} on ${resource}: the principal can create or read credentials of any such user, instance or database; scope the resources (e.g. arn:aws:iam::*:user/\${aws:username} for self-service)`;
    });
  },
} satisfies Rule;
