/**
 * The library face of policy unit tests (`readTestFile` + `runTestFile`), for programs such as `generate` that
 * check their own output: context merging, default principals, and what decided.
 */
import { describe, expect, it } from 'vitest';
import { readTestFile, runTestFile, TestFileError } from '../../src/index.js';

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Office', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
  ],
};

function run(file: unknown) {
  return runTestFile(readTestFile(JSON.stringify(file), 'inline.test.json'));
}

describe('runTestFile', () => {
  it("merges the suite context under each case's, a case key replacing the suite key whatever its case", () => {
    const results = run({
      policies: { identity: [POLICY] },
      principal: 'arn:aws:iam::111122223333:role/ci',
      context: { 'aws:SourceIp': '10.1.2.3', 'aws:RequestedRegion': 'eu-west-1' },
      cases: [
        { name: 'suite context alone', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', expect: 'allowed' },
        { name: 'case overrides with another case', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'AWS:SOURCEIP': '192.0.2.1' }, expect: 'implicitDeny' },
      ],
    });
    expect(results.map((r) => [r.name, r.actual, r.passed])).toEqual([
      ['suite context alone', 'allowed', true],
      ['case overrides with another case', 'implicitDeny', true],
    ]);
    expect(results[1]!.request.context).toEqual({ 'aws:RequestedRegion': 'eu-west-1', 'AWS:SOURCEIP': '192.0.2.1' });
    expect(results[0]!.decidedBy).toEqual([{ policy: 'identity[0]', statement: 0, sid: 'Office', effect: 'Allow', source: 'inline.test.json#/policies/identity/0' }]);
  });

  it('without a principal, a case runs as a role in the resource account (a same-account question)', () => {
    const [r] = run({ policies: { identity: [POLICY] }, cases: [{ name: 'x', action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:444455556666:q', expect: 'implicitDeny' }] });
    expect(r!.request.principal).toBe('arn:aws:iam::444455556666:role/leastpriv-simulated');
  });

  it('refuses an unrecognisable principal with its position', () => {
    expect(() => run({ policies: { identity: [POLICY] }, principal: 'ci-role', cases: [] })).toThrow(TestFileError);
  });
});
