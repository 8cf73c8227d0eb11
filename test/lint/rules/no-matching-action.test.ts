import rule from '../../../src/lint/rules/no-matching-action.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const allow = (action: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

ruleTester(rule, {
  valid: [
    { name: 'wildcard patterns that match actions', policy: allow(['s3:Get*', 'ec2:Describe?pcs', 's3:*', '*']) },
    { name: 'wildcards match case-insensitively, as IAM compares actions', policy: allow('S3:GET*') },
    { name: 'a service pattern that matches services and actions', policy: allow('s3*:Get*') },
    { name: 'a literal unknown action is unknown-action, not here', policy: allow('s3:Gett') },
    { name: 'a literal unknown prefix is unknown-service, not here', policy: allow('nosuch:Get*') },
  ],
  invalid: [
    {
      name: 'a wildcard pattern that matches no action of the service grants nothing',
      policy: allow(['s3:GetObject', 's3:Gett*']),
      errors: [{ pointer: '/Statement/0/Action/1', message: 'matches no action of Amazon S3' }],
    },
    {
      name: 'a ? pattern that matches no action',
      policy: allow('iam:Get?oles'),
      errors: [{ pointer: '/Statement/0/Action' }],
    },
    {
      name: 'a service pattern that matches no service',
      policy: allow('s4*:Get*'),
      errors: [{ pointer: '/Statement/0/Action', message: 'matches no AWS service' }],
    },
    {
      name: 'a service pattern whose services have no such action',
      policy: allow('s3*:Zzz*'),
      errors: [{ pointer: '/Statement/0/Action', message: 'services "s3*" matches' }],
    },
    {
      name: 'NotAction entries are checked too',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:Gett*'], Resource: '*' }] },
      errors: [{ pointer: '/Statement/0/NotAction/0' }],
    },
  ],
});
