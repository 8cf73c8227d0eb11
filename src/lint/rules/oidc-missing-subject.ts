import { parseArn } from '../../engine/arn.js';
import { isAllow, type Statement } from '../../policy/model.js';
import type { Rule } from '../rule.js';
import { isPositive, statementAppliesTo } from '../security.js';

/**
 * A web-identity trust — `Principal.Federated` an IAM OIDC provider (`…:oidc-provider/token.actions.githubusercontent.com`,
 * `gitlab.com`, `app.terraform.io`, an EKS cluster issuer…) with `sts:AssumeRoleWithWebIdentity` — without a
 * condition on the issuer's `sub` claim. The `aud` claim only names the audience every token of the issuer
 * carries (`sts.amazonaws.com` for GitHub Actions), so without `sub` any repository, project or workload of that
 * issuer can assume the role (GitHub, "Configuring OpenID Connect in Amazon Web Services"; AWS, "Creating a role
 * for web identity or OIDC"). A `sub` condition that admits everything (`*`, `repo:*` (with or without `/*`),
 * `project_path:*`, `organization:*`, `system:serviceaccount:*`) counts as missing, and so does one behind a
 * negated operator. Cognito identity pools (`cognito-identity.amazonaws.com`) are checked by `aud` and are not
 * judged here.
 */
export default {
  meta: {
    code: 'oidc-missing-subject',
    severity: 'security',
    summary: 'A web-identity (OIDC) trust has no condition on the token subject; any workload of the issuer can assume the role.',
    policyTypes: ['trust'],
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (!isAllow(s) || !statementAppliesTo(ctx.analysis, s, 'sts:AssumeRoleWithWebIdentity')) continue;
      for (const e of s.principal?.entries ?? []) {
        if (e.type !== 'Federated') continue;
        for (const item of e.values.items) {
          const issuer = oidcIssuer(item.value);
          if (!issuer || hasSubject(s, issuer)) continue;
          ctx.report({
            pointer: item.pointer,
            message: `web-identity trust of ${issuer} without a condition on "${issuer}:sub": any workload that can get a token from this issuer can assume the role; add StringEquals/StringLike on ${issuer}:sub naming the repository, branch or service account`,
          });
        }
      }
    }
  },
} satisfies Rule;

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` → the issuer host and path. */
function oidcIssuer(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('oidc-provider/')) return undefined;
  const issuer = arn.resource.slice('oidc-provider/'.length);
  return issuer === '' ? undefined : issuer;
}

/** Claim-name prefixes that carry no restriction of their own: `repo:*` admits every repository. */
const BROAD_PREFIXES = ['repo:', 'project_path:', 'organization:', 'system:serviceaccount:', 'project:'];

function tooBroad(value: string): boolean {
  let v = value.toLowerCase();
  for (const p of BROAD_PREFIXES) if (v.startsWith(p)) v = v.slice(p.length);
  return /^[*?/:]*$/.test(v);
}

function hasSubject(s: Statement, issuer: string): boolean {
  const key = `${issuer.toLowerCase()}:sub`;
  return (s.condition?.clauses ?? []).some(
    (c) => c.key.toLowerCase() === key && isPositive(c) && !c.values.items.some((v) => tooBroad(v.value)),
  );
}
