import rule from '../../../src/lint/rules/data-exfiltration.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const st = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });

ruleTester(rule, {
  valid: [
    { name: 'GetSecretValue on a named secret', policy: st({ Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-*' }) },
    { name: 'GetObject in one bucket', policy: st({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }) },
    { name: 'ssm:GetParameter under a path', policy: st({ Action: 'ssm:GetParameter*', Resource: 'arn:aws:ssm:*:*:parameter/app/*' }) },
    { name: 'listing is not reading', policy: st({ Action: ['s3:ListBucket', 'secretsmanager:ListSecrets', 'ssm:DescribeParameters'], Resource: '*' }) },
    {
      name: 'a resource policy\'s "*" is the resource it is attached to',
      type: 'resource',
      policy: st({ Principal: { AWS: 'arn:aws:iam::123456789012:role/reader' }, Action: 'kms:Decrypt', Resource: '*' }),
    },
    {
      name: 'an unscoped resource of another type does not unscope the read (cert/* beside a named bucket)',
      policy: st({ Action: ['iot:DescribeCertificate', 's3:GetObject'], Resource: ['arn:aws:iot:*:*:cert/*', 'arn:aws:s3:::my-bucket/*'] }),
    },
    {
      name: 'kms:Decrypt narrowed by kms:ViaService',
      policy: st({ Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } } }),
    },
    {
      name: 'reads narrowed by resource tags',
      policy: st({ Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/app': 'web' } } }),
    },
  ],
  invalid: [
    { name: 'GetSecretValue on "*"', policy: st({ Action: 'secretsmanager:GetSecretValue', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'secretsmanager:GetSecretValue is allowed on "*"' }] },
    {
      name: 'GetSecretValue on secret:* (seed: ECS prerequisites page)',
      policy: st({ Action: ['secretsmanager:GetSecretValue'], Resource: 'arn:aws:secretsmanager:*:*:secret:*' }),
      errors: [{ pointer: '/Statement/0/Action/0' }],
    },
    { name: 'ssm:GetParameter* on "*"', policy: st({ Action: 'ssm:GetParameter*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: 'ssm:GetParameter, ssm:GetParameterHistory' }] },
    { name: 's3:GetObject on every object of every bucket', policy: st({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }), errors: [{ pointer: '/Statement/0/Action' }] },
    { name: 'kms:Decrypt through kms:*', policy: st({ Action: 'kms:*', Resource: '*' }), errors: [{ pointer: '/Statement/0/Action', message: '"kms:*" allows kms:Decrypt' }] },
    {
      name: 'a resource policy with an unscoped ARN is still reported',
      type: 'resource',
      policy: st({ Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
  ],
});
