import type { Rule } from '../rule.js';

/**
 * A policy without `Version`. IAM then reads it as the legacy "2008-10-17" language, in which policy variables
 * such as `${aws:username}` are plain text ("IAM JSON policy elements: Version"); SCPs and RCPs must say
 * "2012-10-17". A misspelled key (`version`) is `unknown-element`'s finding.
 */
export default {
  meta: {
    code: 'missing-version',
    severity: 'warning',
    summary: 'The policy has no Version; IAM falls back to the 2008-10-17 language, where policy variables do not work.',
  },
  check(ctx) {
    const root = ctx.document.root;
    if (root.kind !== 'object') return;
    if (root.props.some((p) => p.key.toLowerCase() === 'version')) return;
    ctx.report({
      pointer: '',
      message: 'the policy has no "Version"; without "Version": "2012-10-17" IAM uses the 2008-10-17 language, where policy variables like ${aws:username} are literal text',
    });
  },
} satisfies Rule;
