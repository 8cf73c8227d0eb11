import { DATA_EXFILTRATION_ACTIONS } from '../risky-actions.js';
import type { Rule } from '../rule.js';
import { grantedPhrase, reportListedOnUnscoped } from '../security.js';

/**
 * Reads of secrets and stored data (`secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `s3:GetObject`,
 * `kms:Decrypt`… see `risky-actions.ts`) allowed on unscoped resources: every secret, parameter, object and key
 * the account holds, and those of other accounts that trust it. In a resource-based policy `"*"` is the resource
 * the policy is attached to, so it is not reported there. A positive condition on the resource's account,
 * organization or tags (or `kms:ViaService`, `s3:prefix`) counts as scoping.
 */
export default {
  meta: {
    code: 'data-exfiltration',
    severity: 'security',
    summary: 'Reads of secrets or stored data are allowed on every resource.',
    policyTypes: ['identity', 'resource'],
  },
  check(ctx) {
    reportListedOnUnscoped(ctx, DATA_EXFILTRATION_ACTIONS, (granted, written, resource) => {
      return `${grantedPhrase(granted, written)} on ${resource}: the principal can read every secret, parameter, object or key it can reach; scope the resources to the ones it reads`;
    });
  },
} satisfies Rule;
