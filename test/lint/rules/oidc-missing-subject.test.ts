import rule from '../../../src/lint/rules/oidc-missing-subject.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const oidc = (condition: unknown, provider = GH) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
const P = '/Statement/0/Principal/Federated';

ruleTester(rule, {
  valid: [
    { name: 'GitHub: sub names a repository and branch', type: 'trust', policy: oidc({ StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:org/app:ref:refs/heads/main' } }) },
    { name: 'GitHub: sub with a wildcard inside one repository', type: 'trust', policy: oidc({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } }) },
    { name: 'condition key names are case-insensitive', type: 'trust', policy: oidc({ StringLike: { 'TOKEN.actions.githubusercontent.com:SUB': 'repo:org/*' } }) },
    {
      name: 'GitLab: project_path',
      type: 'trust',
      policy: oidc({ StringLike: { 'gitlab.com:sub': 'project_path:group/app:ref_type:branch:ref:main' } }, 'arn:aws:iam::123456789012:oidc-provider/gitlab.com'),
    },
    {
      name: 'EKS: service account',
      type: 'trust',
      policy: oidc(
        { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:prod:app' } },
        'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      ),
    },
    { name: 'Cognito identity pools are checked by aud and not judged here', type: 'trust', policy: oidc(undefined, 'cognito-identity.amazonaws.com') },
    { name: 'a SAML trust is not web identity', type: 'trust', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/okta' }, Action: 'sts:AssumeRoleWithSAML' }] } },
  ],
  invalid: [
    { name: 'no condition at all', type: 'trust', policy: oidc(undefined), errors: [{ pointer: P, message: 'token.actions.githubusercontent.com:sub' }] },
    { name: 'aud only is not enough (every GitHub token has aud sts.amazonaws.com)', type: 'trust', policy: oidc({ StringEquals: aud }), errors: [{ pointer: P }] },
    { name: 'sub "*" counts as missing', type: 'trust', policy: oidc({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }), errors: [{ pointer: P }] },
    { name: 'sub "repo:*" counts as missing', type: 'trust', policy: oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }), errors: [{ pointer: P }] },
    { name: 'one broad value among several admits everything', type: 'trust', policy: oidc({ StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:org/app:*', 'repo:*/*'] } }), errors: [{ pointer: P }] },
    { name: 'a negated sub condition admits every other subject', type: 'trust', policy: oidc({ StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } }), errors: [{ pointer: P }] },
    {
      name: 'sub of another issuer does not count',
      type: 'trust',
      policy: oidc({ StringLike: { 'gitlab.com:sub': 'project_path:g/app:*' } }),
      errors: [{ pointer: P }],
    },
    {
      name: 'Terraform Cloud without sub',
      type: 'trust',
      policy: oidc({ StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' } }, 'arn:aws:iam::123456789012:oidc-provider/app.terraform.io'),
      errors: [{ pointer: P, message: 'app.terraform.io:sub' }],
    },
  ],
});
