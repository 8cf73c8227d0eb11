import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../../src/lint/lint.js';
import unknownAction from '../../../src/lint/rules/unknown-action.js';
import { policiesFromText } from '../../../src/policy/input.js';
import type { LoadedPolicy } from '../../../src/policy/loaded.js';
import { nodeAtPointer, toValue } from '../../../src/policy/tree.js';

/** A YAML template with one managed policy whose statement carries the given lines. */
function template(statementLines: string[], extra = ''): string {
  return [
    'Mappings:',
    '  Env:',
    '    prod:',
    '      Bucket: prod-data',
    'Resources:',
    '  P:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    ...statementLines.map((l) => `            ${l}`),
    extra,
  ].join('\n');
}

function only(text: string): LoadedPolicy {
  const policies = policiesFromText(text, 't.yaml');
  expect(policies).toHaveLength(1);
  return policies[0]!;
}

/** [expression, resolved value, unresolved] for `Resource: <expression>`. */
const TABLE: [string, string, boolean][] = [
  ["'arn:aws:s3:::b'", 'arn:aws:s3:::b', false],
  ["!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'", 'arn:*:s3:::*/*', true],
  ["!Sub 'arn:aws:s3:::b/${!aws:username}/*'", 'arn:aws:s3:::b/${aws:username}/*', false],
  ["!Sub ['arn:${P}:s3:::${B}', {P: aws, B: bkt}]", 'arn:aws:s3:::bkt', false],
  ["!Sub ['arn:${P}:s3:::${B}', {P: aws, B: !Ref Bucket}]", 'arn:aws:s3:::*', true],
  ["!Sub '${AWS::Region}${AWS::AccountId}'", '*', true],
  ["!Join ['', ['arn:aws:s3:::', b, '/*']]", 'arn:aws:s3:::b/*', false],
  ["!Join ['', ['arn:', !Ref AWS::Partition, ':s3:::b']]", 'arn:*:s3:::b', true],
  ["!Join [':', [arn, aws, s3, '', '', !Ref AWS::NoValue, b]]", 'arn:aws:s3:::b', false],
  ['!Join [",", !Ref List]', '*', true],
  ['!Ref Bucket', '*', true],
  ['!GetAtt Bucket.Arn', '*', true],
  ['!GetAtt [Bucket, Arn]', '*', true],
  ['!ImportValue shared-bucket-arn', '*', true],
  ['!Select [1, [a, b, c]]', 'b', false],
  ["!Select [1, !Split [',', 'x,y,z']]", 'y', false],
  ["!Select [0, !GetAZs '']", '*', true],
  ['!FindInMap [Env, prod, Bucket]', 'prod-data', false],
  ['!FindInMap [Env, !Ref Stage, Bucket]', '*', true],
  ['!FindInMap [Env, test, Bucket]', '*', true],
  ["!If [IsProd, 'arn:aws:s3:::prod-data', 'arn:aws:s3:::dev-data']", 'arn:aws:s3:::*-data', true],
  ["!If [IsProd, 'arn:aws:s3:::data', 'arn:aws:s3:::data']", 'arn:aws:s3:::data', false],
  ["!If [IsProd, !Sub 'arn:aws:s3:::${A}-x', 'arn:aws:s3:::b-x']", 'arn:aws:s3:::*-x', true],
  ['!Base64 abc', 'YWJj', false],
  ['123456789012', '123456789012', false],
];

describe('intrinsic functions in policy values', () => {
  for (const [expr, expected, unresolved] of TABLE) {
    it(`${expr} → ${expected}${unresolved ? ' (unresolved)' : ''}`, () => {
      const p = only(template(['Action: s3:GetObject', `Resource: ${expr}`]));
      const item = p.document!.statements[0]!.resource!.items[0]!;
      expect(item.value).toBe(expected);
      expect(item.unresolved).toBe(unresolved);
    });
  }

  it('the same resolution applies in a JSON template', () => {
    const json = JSON.stringify({
      Resources: {
        P: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${!aws:userid}' },
                },
              ],
            },
          },
        },
      },
    });
    const item = policiesFromText(json, 't.json')[0]!.document!.statements[0]!.resource!.items[0]!;
    expect([item.value, item.unresolved]).toEqual(['arn:*:s3:::*/${aws:userid}', true]);
  });
});

describe('Fn::If and AWS::NoValue inside documents', () => {
  it('in a list, both branches are linted (Statement, Action, Resource)', () => {
    const p = only(
      template([
        'Action:',
        '  - !If [IsProd, s3:GetObject, s3:GetObjectVersion]',
        '  - !If [IsProd, s3:ListBucket, !Ref AWS::NoValue]',
        "Resource: '*'",
      ]),
    );
    expect(p.document!.statements[0]!.action!.items.map((i) => i.value)).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
  });

  it('a statement guarded by a condition is linted, the NoValue branch dropped', () => {
    const text = template(["Action: 's3:GetObject'", "Resource: '*'"]).replace(
      "          - Effect: Allow\n",
      "          - !If [IsProd, {Effect: Allow, Action: 'ec2:DescribeInstance', Resource: '*'}, !Ref AWS::NoValue]\n          - Effect: Allow\n",
    );
    const p = only(text);
    expect(p.document!.statements.map((s) => s.action!.items[0]!.value)).toEqual(['ec2:DescribeInstance', 's3:GetObject']);
    const findings = lintLoaded(p, { rules: [unknownAction] }).findings;
    const line = text.split('\n')[11]!;
    expect(findings.map((f) => [f.pointer, f.line, f.column])).toEqual([['/Statement/0/Action', 12, line.indexOf("'ec2:") + 1]]);
  });

  it('as a property value, the NoValue branch yields to the other', () => {
    const p = only(
      template([
        "Action: 's3:GetObject'",
        "Resource: '*'",
        "Condition: !If [IsProd, {Bool: {'aws:SecureTransport': 'true'}}, !Ref AWS::NoValue]",
      ]),
    );
    expect(toValue(nodeAtPointer(p.root!, '/Statement/0/Condition')!)).toEqual({ Bool: { 'aws:SecureTransport': 'true' } });
  });

  it('a property that is AWS::NoValue is removed', () => {
    const p = only(template(["Action: 's3:GetObject'", "Resource: '*'", 'Sid: !Ref AWS::NoValue']));
    expect(nodeAtPointer(p.root!, '/Statement/0/Sid')).toBeUndefined();
  });

  it('two structures as a property value: the true branch is linted', () => {
    const p = only(template(["Action: 's3:GetObject'", "Resource: !If [IsProd, ['arn:aws:s3:::a'], ['arn:aws:s3:::b']]"]));
    expect(toValue(nodeAtPointer(p.root!, '/Statement/0/Resource')!)).toEqual(['arn:aws:s3:::a']);
  });
});

describe('unresolved values are not judged as literal text', () => {
  it('no unknown-action for an action assembled from parameters', () => {
    const p = only(template(["Action: !Sub '${Service}:GetObject'", "Resource: !Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'"]));
    const action = p.document!.statements[0]!.action!.items[0]!;
    expect([action.value, action.unresolved]).toEqual(['*:GetObject', true]);
    expect(lintLoaded(p, { rules: [unknownAction] }).findings).toEqual([]);
  });

  it('an action that merely sits next to unresolved values is still checked', () => {
    const p = only(template(['Action: [s3:GetObjekt, !Ref ExtraAction]', 'Resource: !GetAtt Bucket.Arn']));
    expect(lintLoaded(p, { rules: [unknownAction] }).findings.map((f) => f.pointer)).toEqual(['/Statement/0/Action/0']);
  });

  it('${AWS::Partition} in an ARN leaves the partition unknown, not invalid: the node is unresolved', () => {
    const p = only(template(['Action: s3:GetObject', "Resource: !Sub 'arn:${AWS::Partition}:s3:::b/*'"]));
    const r = p.document!.statements[0]!.resource!.items[0]!;
    expect(r).toMatchObject({ value: 'arn:*:s3:::b/*', unresolved: true });
  });
});
