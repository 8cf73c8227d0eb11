import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../../src/lint/lint.js';
import rule from '../../../src/lint/rules/placeholder-in-policy.js';
import { policiesFromText } from '../../../src/policy/input.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const p = (Resource: unknown, extra: Record<string, unknown> = {}) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource, ...extra }] });

ruleTester(rule, {
  valid: [
    { name: 'policy variables: ${aws:username}, ${aws:PrincipalTag/team}, with a default value', policy: p(['arn:aws:s3:::b/${aws:username}/*', 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*', "arn:aws:s3:::b/${aws:username, 'anonymous'}/*"]) },
    { name: 'web identity variables (${www.amazon.com:user_id}, ${cognito-identity.amazonaws.com:sub})', policy: p(['arn:aws:s3:::b/${www.amazon.com:user_id}', 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}']) },
    { name: 'IAM escapes ${*}, ${?}, ${$}', policy: p('arn:aws:s3:::b/${*}${?}${$}') },
    { name: 'plain ARNs and wildcards', policy: p(['arn:aws:s3:::b/*', '*']) },
  ],
  invalid: [
    { name: '{bucket_name}', policy: p('arn:aws:s3:::{bucket_name}/*'), errors: [{ pointer: '/Statement/0/Resource', message: '"{bucket_name}"' }] },
    { name: '<ACCOUNT_ID> in a list', policy: p(['arn:aws:s3:::ok', 'arn:aws:iam::<ACCOUNT_ID>:role/x']), errors: [{ pointer: '/Statement/0/Resource/1', message: '"<ACCOUNT_ID>"' }] },
    { name: '${Environment} is no policy variable (variables name a prefix:key)', policy: p('arn:aws:s3:::data-${Environment}/*'), errors: [{ pointer: '/Statement/0/Resource', message: '${Environment}' }] },
    { name: 'a CloudFormation pseudo parameter ${AWS::AccountId} left in a bare policy', policy: p('arn:aws:iam::${AWS::AccountId}:role/x'), errors: [{ pointer: '/Statement/0/Resource' }] },
    { name: 'a Terraform reference ${var.bucket} left in a bare policy', policy: p('arn:aws:s3:::${var.bucket}'), errors: [{ pointer: '/Statement/0/Resource' }] },
    { name: 'in condition values too; {{handlebars}}', policy: p('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': '{{account}}' } } }), errors: [{ pointer: '/Statement/0/Condition/StringEquals/aws:PrincipalAccount' }] },
  ],
});

describe('rule placeholder-in-policy on templates', () => {
  it('does not report references the CloudFormation loader could not resolve (they are placeholders the deployment fills)', () => {
    const template = `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource:
                  - !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/\${!aws:username}/*'
                  - !Sub 'arn:aws:s3:::\${!Stage}/*'
`;
    const policies = policiesFromText(template, 'template.yaml');
    const findings = policies.flatMap((pol) => lintLoaded(pol, { rules: [rule] }).findings);
    // `${!Stage}` is the literal text ${Stage} after Fn::Sub: a placeholder the author left; the rest resolves.
    expect(findings.map((f) => f.pointer)).toEqual(['/Statement/0/Resource/1']);
  });
});
