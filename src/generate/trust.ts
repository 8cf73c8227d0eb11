/**
 * Trust policies from the spec's `trust` entries. GitHub Actions follows GitHub's and AWS's documentation for
 * OIDC: the provider `token.actions.githubusercontent.com`, `aud` = `sts.amazonaws.com` and a `sub` condition
 * naming the repository (and the ref or environment), StringLike only where the subject has a wildcard.
 */
import type { JsonValue, PolicyJson } from './model.js';
import type { SpecTrust } from './spec.js';

export const GITHUB_OIDC_PROVIDER = 'token.actions.githubusercontent.com';

function one(values: string[]): JsonValue {
  return values.length === 1 ? values[0]! : values;
}

function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** The trust policy statement of one trust entry (template form). */
export function trustStatement(t: SpecTrust): PolicyJson {
  switch (t.kind) {
    case 'service':
      return { Effect: 'Allow', Principal: { Service: one(t.services.map((s) => s.value)) }, Action: 'sts:AssumeRole' };
    case 'aws': {
      const st: PolicyJson = { Effect: 'Allow', Principal: { AWS: one(t.principals.map((p) => p.value)) }, Action: 'sts:AssumeRole' };
      if (t.externalId) st.Condition = { StringEquals: { 'sts:ExternalId': t.externalId.value } };
      return st;
    }
    case 'github': {
      const repo = t.repository.value;
      const sub = t.environment
        ? `repo:${repo}:environment:${t.environment.value}`
        : t.ref
          ? `repo:${repo}:ref:${t.ref.value}`
          : `repo:${repo}:*`;
      return webIdentity(GITHUB_OIDC_PROVIDER, 'sts.amazonaws.com', sub);
    }
    case 'webIdentity':
      return webIdentity(t.provider.value, t.audience.value, t.subject.value);
  }
}

function webIdentity(provider: string, audience: string, subject: string): PolicyJson {
  const condition: { [op: string]: { [key: string]: JsonValue } } = { StringEquals: { [`${provider}:aud`]: audience } };
  if (hasWildcard(subject)) condition.StringLike = { [`${provider}:sub`]: subject };
  else condition.StringEquals![`${provider}:sub`] = subject;
  return {
    Effect: 'Allow',
    Principal: { Federated: `arn:{partition}:iam::{account}:oidc-provider/${provider}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  };
}

export function trustPolicy(trusts: readonly SpecTrust[]): PolicyJson {
  return { Version: '2012-10-17', Statement: trusts.map(trustStatement) };
}
