import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/load.js';
import { policyFromText } from '../../src/policy/loaded.js';
import { PolicyAnalysis } from '../../src/lint/analysis.js';
import { namesAllowedBy, statementAppliesTo } from '../../src/lint/security.js';

/** The analysis of a one-document identity policy, and its statements. */
function analysisOf(statements: Record<string, unknown>[]): PolicyAnalysis {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const loaded = policyFromText(text, 'policy.json', { type: 'identity' });
  return new PolicyAnalysis(loaded.document!, getCatalog());
}

// The rules ask whether a statement applies to a named action through per-statement tables of every name asked
// so far; a name asked for the first time after a statement's table was built must still be answered right.
describe('statementAppliesTo', () => {
  const cases: { name: string; statement: Record<string, unknown>; action: string; pointer: string | undefined; written?: string }[] = [
    { name: 'a literal item, matched without regard to case', statement: { Action: ['s3:GetObject', 'IAM:passrole'] }, action: 'iam:PassRole', pointer: '/Statement/0/Action/1' },
    { name: 'the first of several matching items', statement: { Action: ['ec2:*', 'iam:Pass*', 'iam:*'] }, action: 'iam:PassRole', pointer: '/Statement/0/Action/1' },
    { name: '"?" matches one character', statement: { Action: 'iam:PassRol?' }, action: 'iam:PassRole', pointer: '/Statement/0/Action' },
    { name: 'a service wildcard', statement: { Action: ['s3:*', 'i*:Pass*'] }, action: 'iam:PassRole', pointer: '/Statement/0/Action/1' },
    { name: 'no item matches', statement: { Action: ['iam:Get*', 's3:*'] }, action: 'iam:PassRole', pointer: undefined },
    { name: 'NotAction without the action applies through the element', statement: { NotAction: 's3:*' }, action: 'iam:PassRole', pointer: '/Statement/0/NotAction', written: 'NotAction' },
    { name: 'NotAction naming the action does not apply', statement: { NotAction: ['s3:*', 'iam:Pass*'] }, action: 'iam:PassRole', pointer: undefined },
    { name: 'an unresolved template value grants nothing', statement: { Action: '${Action}' }, action: 'iam:PassRole', pointer: undefined },
  ];
  for (const c of cases) {
    it(`${c.name} (Action and NotAction: IAM wildcards, case-insensitive action names)`, () => {
      const analysis = analysisOf([{ Effect: 'Allow', Resource: '*', ...c.statement }]);
      const s = analysis.document.statements[0]!;
      const hit = statementAppliesTo(analysis, s, c.action);
      expect(hit?.pointer).toBe(c.pointer);
      if (c.written) expect(hit?.written).toBe(c.written);
    });
  }

  it('answers a name asked for the first time after the statement was already asked about', () => {
    const analysis = analysisOf([{ Effect: 'Allow', Action: ['codecommit:Git*', 'iam:PassRole'], Resource: '*' }]);
    const s = analysis.document.statements[0]!;
    expect(statementAppliesTo(analysis, s, 'iam:PassRole')?.pointer).toBe('/Statement/0/Action/1');
    // A name no rule asks about (and no test before this one), so it joins the set of asked names only here.
    expect(statementAppliesTo(analysis, s, 'codecommit:GitPull')?.pointer).toBe('/Statement/0/Action/0');
    expect(statementAppliesTo(analysis, s, 'codecommit:CreateRepository')).toBeUndefined();
    expect(statementAppliesTo(analysis, s, 'iam:PassRole')?.pointer).toBe('/Statement/0/Action/1');
  });
});

describe('namesAllowedBy', () => {
  it('names the listed actions some Allow statement applies to, through Action or NotAction; Deny grants nothing', () => {
    const analysis = analysisOf([
      { Effect: 'Allow', Action: 'ec2:Run*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
      { Effect: 'Allow', NotAction: ['ec2:*', 'iam:*', 'lambda:InvokeFunction'], Resource: '*' },
    ]);
    const listed = ['ec2:RunInstances', 'ec2:StopInstances', 'iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'];
    expect([...namesAllowedBy(analysis, listed)].sort()).toEqual(['ec2:RunInstances', 'lambda:CreateFunction']);
  });
});

// The tables are kept by a statement's position among the parsed statements; a `Statement` array element that is
// not an object is skipped by the parser, so the statements after it sit one place before their array index.
describe('statement tables by position', () => {
  function withSkippedElement(): PolicyAnalysis {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [42, { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    });
    return new PolicyAnalysis(policyFromText(text, 'policy.json', { type: 'identity' }).document!, getCatalog());
  }

  it('answers each statement for itself when an earlier array element is not a statement', () => {
    const analysis = withSkippedElement();
    const [first, second] = analysis.document.statements;
    expect(statementAppliesTo(analysis, second!, 'iam:PassRole')?.pointer).toBe('/Statement/2/Action');
    expect(statementAppliesTo(analysis, first!, 'iam:PassRole')).toBeUndefined();
    expect(statementAppliesTo(analysis, first!, 's3:GetObject')?.pointer).toBe('/Statement/1/Action');
    expect([...namesAllowedBy(analysis, ['iam:PassRole', 's3:GetObject', 'kms:Decrypt'])]).toEqual(['iam:PassRole', 's3:GetObject']);
  });

  it('answers a statement of another policy, not the table at its position', () => {
    const analysis = withSkippedElement();
    const other = analysisOf([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]);
    const foreign = other.document.statements[0]!;
    expect(statementAppliesTo(analysis, foreign, 'kms:Decrypt')?.pointer).toBe('/Statement/0/Action');
    expect(statementAppliesTo(analysis, foreign, 's3:GetObject')).toBeUndefined();
  });
});
