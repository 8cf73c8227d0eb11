import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../../src/lint/lint.js';
import unknownAction from '../../../src/lint/rules/unknown-action.js';
import { policiesFromText } from '../../../src/policy/input.js';
import type { LoadedPolicy } from '../../../src/policy/loaded.js';
import { toValue } from '../../../src/policy/tree.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/cloudformation');

function load(name: string): { text: string; policies: LoadedPolicy[] } {
  const path = join(FIXTURES, name);
  const text = readFileSync(path, 'utf8');
  return { text, policies: policiesFromText(text, path) };
}

/** 1-based line and column of the first occurrence of `needle` (after `from`, if given) in `text`. */
function at(text: string, needle: string, from?: string): { line: number; column: number } {
  const offset = text.indexOf(needle, from ? text.indexOf(from) : 0);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

function unknownActions(p: LoadedPolicy) {
  return lintLoaded(p, { rules: [unknownAction] }).findings.map((f) => ({ pointer: f.pointer, line: f.line, column: f.column }));
}

describe('CloudFormation YAML template: every place', () => {
  const { text, policies } = load('template.yaml');
  const byLocation = new Map(policies.map((p) => [p.location, p]));

  it('extracts each policy with the type and inline quota its property implies', () => {
    expect(policies.map((p) => [p.location, p.type, p.inline ?? null, p.typeGiven])).toEqual([
      ['Resources/DeployRole/Properties/AssumeRolePolicyDocument', 'trust', null, true],
      ['Resources/DeployRole/Properties/Policies/0/PolicyDocument', 'identity', 'role', true],
      ['Resources/Deployer/Properties/Policies/0/PolicyDocument', 'identity', 'user', true],
      ['Resources/Admins/Properties/Policies/0/PolicyDocument', 'identity', 'group', true],
      // attached to a role and a group: the group's 5,120 is the smaller quota
      ['Resources/AttachedPolicy/Properties/PolicyDocument', 'identity', 'group', true],
      ['Resources/Managed/Properties/PolicyDocument', 'identity', null, true],
      ['Resources/RolePolicy/Properties/PolicyDocument', 'identity', 'role', true],
      ['Resources/BucketPolicy/Properties/PolicyDocument', 'resource', null, true],
      ['Resources/Key/Properties/KeyPolicy', 'resource', null, true],
      ['Resources/LogsPolicy/Properties/PolicyDocument', 'resource', null, true],
      ['Resources/Scp/Properties/Content', 'scp', null, true],
      // Identity Center provisions it as a role's inline policy
      ['Resources/PermissionSet/Properties/InlinePolicy', 'identity', 'role', true],
      // SAM: the managed policy name and the policy template are not documents
      ['Resources/Function/Properties/Policies/2', 'identity', 'role', true],
    ]);
    expect(policies.every((p) => p.path.endsWith('template.yaml'))).toBe(true);
  });

  it('skips what is not an IAM document: PermissionsBoundary ARN, tag policies, unknown resource types', () => {
    expect([...byLocation.keys()].some((l) => /PermissionsBoundary|TagPolicy|Unknown/.test(l))).toBe(false);
  });

  it('reports findings at their exact line and column in the YAML', () => {
    const expectations: [string, string, string, string][] = [
      ['Resources/DeployRole/Properties/Policies/0/PolicyDocument', '/Statement/0/Action/1', 's3:PutObjekt', 'DeployRole'],
      ['Resources/Admins/Properties/Policies/0/PolicyDocument', '/Statement/0/Action', 'ec2:DescribeInstance', 'Admins'],
      ['Resources/RolePolicy/Properties/PolicyDocument', '/Statement/0/Action', 'sqs:SendMesage', 'RolePolicy'],
      // inside a `!Sub |` block scalar: the line of the JSON text, the column of its opening quote
      ['Resources/LogsPolicy/Properties/PolicyDocument', '/Statement/0/Action/0', '"logs:PutLogEvent"', 'LogsPolicy'],
      ['Resources/Scp/Properties/Content', '/Statement/0/Action', 'organizations:LeaveOrganisation', 'Scp'],
      ['Resources/Function/Properties/Policies/2', '/Statement/0/Action', 'dynamodb:GetItems', 'Function'],
    ];
    for (const [location, pointer, needle, from] of expectations) {
      expect({ location, findings: unknownActions(byLocation.get(location)!) }).toEqual({
        location,
        findings: [{ pointer, ...at(text, needle, from) }],
      });
    }
  });

  it('the statements that are right raise nothing', () => {
    for (const l of [
      'Resources/DeployRole/Properties/AssumeRolePolicyDocument',
      'Resources/Deployer/Properties/Policies/0/PolicyDocument',
      'Resources/AttachedPolicy/Properties/PolicyDocument',
      'Resources/Managed/Properties/PolicyDocument',
      'Resources/BucketPolicy/Properties/PolicyDocument',
      'Resources/Key/Properties/KeyPolicy',
      'Resources/PermissionSet/Properties/InlinePolicy',
    ]) {
      expect({ l, findings: unknownActions(byLocation.get(l)!) }).toEqual({ l, findings: [] });
    }
  });

  it('resolves intrinsics in documents (Join of literals; Sub with policy variables and FindInMap; GetAtt unknown)', () => {
    const deployer = toValue(byLocation.get('Resources/Deployer/Properties/Policies/0/PolicyDocument')!.root!);
    expect(deployer).toMatchObject({ Statement: [{ Action: 'iam:GetUser', Resource: '*' }] });
    const attached = byLocation.get('Resources/AttachedPolicy/Properties/PolicyDocument')!.document!.statements[0]!;
    expect(attached.resource!.items.map((i) => [i.value, i.unresolved])).toEqual([['arn:aws:s3:::*/${aws:username}/*', true]]);
    expect(attached.action!.items.map((i) => [i.value, i.unresolved])).toEqual([['s3:*tObject', true]]);
    const logs = byLocation.get('Resources/LogsPolicy/Properties/PolicyDocument')!.document!.statements[0]!;
    expect(logs.resource!.items.map((i) => [i.value, i.unresolved])).toEqual([['arn:*:logs:*:*:log-group:/aws/es/*', true]]);
    // the literal strings around the substitutions stay literal
    expect(logs.action!.items.every((i) => !i.unresolved)).toBe(true);
  });

  it('a statement under !If with a NoValue branch is linted; the NoValue branch is dropped', () => {
    const deploy = byLocation.get('Resources/DeployRole/Properties/Policies/0/PolicyDocument')!;
    expect(deploy.document!.statements.map((s) => s.action!.items.map((i) => i.value))).toEqual([
      ['s3:GetObject', 's3:PutObjekt'],
      ['cloudformation:DescribeStacks'],
    ]);
  });
});

describe('CloudFormation YAML with CRLF line ends', () => {
  it('reports the same lines and columns', () => {
    const { text } = load('template.yaml');
    const crlf = policiesFromText(text.replace(/\n/g, '\r\n'), 'crlf.yaml');
    const lf = policiesFromText(text, 'lf.yaml');
    const positions = (ps: LoadedPolicy[]) => ps.map((p) => [p.location, unknownActions(p)]);
    expect(positions(crlf)).toEqual(positions(lf));
  });
});

describe('CloudFormation JSON template', () => {
  const { text, policies } = load('template.json');
  const byLocation = new Map(policies.map((p) => [p.location, p]));

  it('extracts resource policies, string documents, and both branches of an !If around a document', () => {
    expect(policies.map((p) => [p.location, p.type, p.inline ?? null])).toEqual([
      ['Resources/QueuePolicy/Properties/PolicyDocument', 'resource', null],
      ['Resources/TopicPolicy/Properties/PolicyDocument', 'resource', null],
      ['Resources/Repo/Properties/RepositoryPolicyText', 'resource', null],
      ['Resources/SecretPolicy/Properties/ResourcePolicy', 'resource', null],
      ['Resources/Domain/Properties/AccessPolicies', 'resource', null],
      ['Resources/Vault/Properties/AccessPolicy', 'resource', null],
      ['Resources/BusPolicy/Properties/Statement', 'resource', null],
      ['Resources/Rcp/Properties/Content', 'rcp', null],
      ['Resources/StringPolicy/Properties/PolicyDocument', 'identity', null],
      ['Resources/JoinedPolicy/Properties/PolicyDocument', 'resource', null],
      ['Resources/ConditionalPolicy/Properties/PolicyDocument/Fn::If/1', 'identity', null],
      ['Resources/ConditionalPolicy/Properties/PolicyDocument/Fn::If/2', 'identity', null],
      ['Resources/TrustRole/Properties/AssumeRolePolicyDocument', 'trust', null],
      ['Resources/TrustRole/Properties/Policies/Fn::If/1/0/PolicyDocument', 'identity', 'role'],
    ]);
  });

  it('reports findings at their exact line and column, inside JSON strings too (escapes counted)', () => {
    const expectations: [string, string, string, string][] = [
      ['Resources/Repo/Properties/RepositoryPolicyText', '/Statement/0/Action/1', '"ecr:GetDownloadUrlForLayers"', 'Repo'],
      ['Resources/Domain/Properties/AccessPolicies', '/Statement/0/Action', '"es:ESHttpGets"', 'Domain'],
      ['Resources/BusPolicy/Properties/Statement', '/Statement/Action', '"events:PutEvent"', 'BusPolicy'],
      // in a JSON string the decoded quote sits at the backslash of its escape
      ['Resources/Rcp/Properties/Content', '/Statement/0/Action', '\\"s3:GetObjetc', 'Rcp'],
      ['Resources/StringPolicy/Properties/PolicyDocument', '/Statement/0/Action', '\\"lambda:InvokeFunctions', 'StringPolicy'],
      ['Resources/JoinedPolicy/Properties/PolicyDocument', '/Statement/0/Action/2', '\\"logs:PutLogs', 'JoinedPolicy'],
      ['Resources/ConditionalPolicy/Properties/PolicyDocument/Fn::If/2', '/Statement/0/Action', '"s3:ListBuckets"', 'ConditionalPolicy'],
    ];
    for (const [location, pointer, needle, from] of expectations) {
      expect({ location, findings: unknownActions(byLocation.get(location)!) }).toEqual({
        location,
        findings: [{ pointer, ...at(text, needle, from) }],
      });
    }
    expect(unknownActions(byLocation.get('Resources/ConditionalPolicy/Properties/PolicyDocument/Fn::If/1')!)).toEqual([]);
  });

  it('an EventBridge statement is linted as a document of one statement', () => {
    const bus = byLocation.get('Resources/BusPolicy/Properties/Statement')!;
    expect(bus.document!.statementElement?.single).toBe(true);
    expect(bus.document!.version?.value).toBe('2012-10-17');
  });

  it('a JSON text assembled with Fn::Join: the unknown part becomes the string "*", marked unresolved', () => {
    const joined = byLocation.get('Resources/JoinedPolicy/Properties/PolicyDocument')!;
    expect(joined.syntaxError).toBeUndefined();
    const resource = joined.document!.statements[0]!.resource!;
    expect(resource.items.map((i) => [i.value, i.unresolved])).toEqual([['*', true]]);
    expect(joined.document!.statements[0]!.action!.items.every((i) => !i.unresolved)).toBe(true);
  });

  it('Fn::Join of a partition and literals in a principal', () => {
    const repo = byLocation.get('Resources/Repo/Properties/RepositoryPolicyText')!;
    expect(toValue(repo.root!)).toMatchObject({ Statement: [{ Principal: { AWS: 'arn:*:iam::111122223333:root' } }] });
  });
});

describe('CloudFormation edge cases', () => {
  const yaml = (resources: string) => `Resources:\n${resources}`;

  it('a template without policies yields nothing', () => {
    expect(policiesFromText(yaml('  B:\n    Type: AWS::S3::Bucket\n'), 't.yaml')).toEqual([]);
    expect(policiesFromText('{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}', 't.json')).toEqual([]);
  });

  it('a document that is only a parameter (!Ref) is skipped: there is nothing to lint', () => {
    expect(policiesFromText(yaml('  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: !Ref Doc\n'), 't.yaml')).toEqual([]);
  });

  it('Fn::ToJsonString around a document lints the structure', () => {
    const text = yaml(
      [
        '  P:',
        '    Type: AWS::Logs::ResourcePolicy',
        '    Properties:',
        '      PolicyDocument:',
        "        Fn::ToJsonString: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: es.amazonaws.com}, Action: 'logs:PutLogEvents', Resource: '*'}]}",
      ].join('\n'),
    );
    const [p] = policiesFromText(text, 't.yaml');
    expect(p!.location).toBe('Resources/P/Properties/PolicyDocument/Fn::ToJsonString');
    expect(p!.document!.statements[0]!.action!.items[0]!.value).toBe('logs:PutLogEvents');
  });

  it('organization policies: RCP by Type; other types and unknown Type are skipped', () => {
    const org = (type: string) =>
      yaml(`  O:\n    Type: AWS::Organizations::Policy\n    Properties:\n      Type: ${type}\n      Content: {Version: '2012-10-17', Statement: [{Effect: Deny, Action: 's3:*', Resource: '*'}]}\n`);
    expect(policiesFromText(org('RESOURCE_CONTROL_POLICY'), 't.yaml').map((p) => p.type)).toEqual(['rcp']);
    expect(policiesFromText(org('SERVICE_CONTROL_POLICY'), 't.yaml').map((p) => p.type)).toEqual(['scp']);
    expect(policiesFromText(org('BACKUP_POLICY'), 't.yaml')).toEqual([]);
    expect(policiesFromText(org('!Ref PolicyType'), 't.yaml')).toEqual([]);
  });

  it('AWS::IAM::Policy for users only gets the user quota', () => {
    const text = yaml(
      "  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      Users: [u]\n      PolicyDocument: {Version: '2012-10-17', Statement: []}\n",
    );
    expect(policiesFromText(text, 't.yaml').map((p) => p.inline)).toEqual(['user']);
  });

  it('a duplicate key inside an embedded document is carried to the policy, with its pointer', () => {
    const text = yaml(
      [
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            Action: s3:GetObject',
        '            Action: s3:PutObject',
        "            Resource: '*'",
      ].join('\n'),
    );
    const [p] = policiesFromText(text, 't.yaml');
    expect(p!.duplicateKeys.map((d) => [d.key, d.pointer, p!.position(d.offset)])).toEqual([
      ['Action', '/Statement/0/Action', { line: 10, column: 13 }],
    ]);
  });

  it('a document in a YAML block scalar or quoted string: positions inside the text are exact', () => {
    const block = yaml(
      [
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument: |',
        '        {"Version": "2012-10-17",',
        '         "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}',
      ].join('\n'),
    );
    const [b] = policiesFromText(block, 't.yaml');
    expect(unknownActions(b!)).toEqual([{ pointer: '/Statement/0/Action', ...at(block, '"s3:GetObjekt"') }]);
    const quoted = yaml(
      [
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        `      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Sid": "it''s", "Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}'`,
      ].join('\n'),
    );
    const [q] = policiesFromText(quoted, 't.yaml');
    expect(q!.document!.statements[0]!.sid!.value).toBe("it's");
    expect(unknownActions(q!)).toEqual([{ pointer: '/Statement/0/Action', ...at(quoted, '"s3:GetObjekt"') }]);
  });

  it('a policy written in YAML (not a template) is linted as a policy', () => {
    const [p] = policiesFromText("Version: '2012-10-17'\nStatement:\n  - Effect: Allow\n    Action: s3:GetObjekt\n    Resource: '*'\n", 'p.yaml');
    expect(p!.location).toBe('');
    expect(unknownActions(p!)).toEqual([{ pointer: '/Statement/0/Action', line: 4, column: 13 }]);
  });
});
