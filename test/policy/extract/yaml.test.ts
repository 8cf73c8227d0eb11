import { describe, expect, it } from 'vitest';
import jsonSyntax from '../../../src/lint/rules/json-syntax.js';
import { lintLoaded } from '../../../src/lint/lint.js';
import { parseYaml } from '../../../src/policy/extract/yaml.js';
import { policiesFromText } from '../../../src/policy/input.js';
import { SourceText } from '../../../src/policy/source.js';
import { toValue } from '../../../src/policy/tree.js';

function value(text: string): unknown {
  const r = parseYaml(text);
  if (!r.ok) throw new Error(r.error.message);
  return toValue(r.node);
}

describe('YAML → JsonNode', () => {
  it('reads short-form intrinsics as CloudFormation long form', () => {
    const v = value(
      [
        'a: !Ref Bucket',
        'b: !Sub "arn:${AWS::Partition}:s3:::x"',
        'c: !GetAtt Role.Arn',
        'd: !GetAtt [Role, Arn]',
        'e: !Join ["", [a, !Ref B]]',
        'f: !If [C, x, !Ref AWS::NoValue]',
        'g: !Select [0, !GetAZs ""]',
        'h: !Split [",", "a,b"]',
        'i: !ImportValue Out',
        'j: !FindInMap [M, K, L]',
        'k: !Base64 hi',
        'l: !Cidr [10.0.0.0/16, 2, 8]',
        'm: !And [!Equals [a, b], !Or [!Not [!Condition X], !Condition Y]]',
        'n: !GetAtt Stack.Outputs.Name',
      ].join('\n'),
    );
    expect(v).toEqual({
      a: { Ref: 'Bucket' },
      b: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::x' },
      c: { 'Fn::GetAtt': ['Role', 'Arn'] },
      d: { 'Fn::GetAtt': ['Role', 'Arn'] },
      e: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      f: { 'Fn::If': ['C', 'x', { Ref: 'AWS::NoValue' }] },
      g: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      h: { 'Fn::Split': [',', 'a,b'] },
      i: { 'Fn::ImportValue': 'Out' },
      j: { 'Fn::FindInMap': ['M', 'K', 'L'] },
      k: { 'Fn::Base64': 'hi' },
      l: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      m: { 'Fn::And': [{ 'Fn::Equals': ['a', 'b'] }, { 'Fn::Or': [{ 'Fn::Not': [{ Condition: 'X' }] }, { Condition: 'Y' }] }] },
      // only the first dot separates the resource from the attribute
      n: { 'Fn::GetAtt': ['Stack', 'Outputs.Name'] },
    });
  });

  it('keeps source offsets: every node starts where its text does', () => {
    const text = 'Statement:\n  - Action: "s3:GetObject"\n    Resource: [a, b]\n';
    const r = parseYaml(text);
    expect(r.ok).toBe(true);
    if (!r.ok || r.node.kind !== 'object') return;
    const stmt = r.node.props[0]!.value;
    expect(stmt.kind).toBe('array');
    if (stmt.kind !== 'array' || stmt.items[0]!.kind !== 'object') return;
    const [action, resource] = stmt.items[0]!.props;
    expect(text.slice(action!.keyStart, action!.keyStart + 6)).toBe('Action');
    expect(text.slice(action!.value.start, action!.value.end)).toBe('"s3:GetObject"');
    const src = new SourceText(text);
    expect(src.position(action!.value.start)).toEqual({ line: 2, column: 13 });
    expect(resource!.value.kind === 'array' && text.slice(resource!.value.items[1]!.start, resource!.value.items[1]!.end)).toBe('b');
  });

  it('keeps numbers as written (account IDs with a leading zero keep it)', () => {
    const r = parseYaml('Account: 012345678901');
    expect(r.ok && r.node.kind === 'object' && r.node.props[0]!.value).toMatchObject({ kind: 'number', raw: '012345678901' });
  });

  it('reads unquoted dates as strings (YAML 1.2 core schema: Version: 2012-10-17 is the text IAM wants)', () => {
    expect(value('Version: 2012-10-17')).toEqual({ Version: '2012-10-17' });
  });

  it('records a repeated key with its offset instead of failing', () => {
    const text = 'Effect: Allow\nAction: a\nAction: b\n';
    const r = parseYaml(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.duplicateKeys.map((d) => [d.key, d.offset])).toEqual([['Action', text.lastIndexOf('Action')]]);
  });

  it('expands aliases', () => {
    expect(value('a: &x [1, 2]\nb: *x\n')).toEqual({ a: [1, 2], b: [1, 2] });
  });
});

describe('hostile YAML is bounded', () => {
  it('billion laughs: alias expansion stops at its budget, quickly', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const t = Date.now();
    const r = parseYaml(lines.join('\n'));
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/alias/);
  });

  it('100,000 nested flow collections are refused before the parser recurses', () => {
    const text = `a: ${'['.repeat(100_000)}`;
    const r = parseYaml(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/nesting deeper than 512/);
      expect(r.error.offset).toBe(3 + 512);
    }
  });

  it('deep block nesting is a syntax error, not a crash', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    const r = parseYaml(text);
    expect(r.ok).toBe(false);
  });

  it('an alias that refers to its own anchor is bounded', () => {
    const r = parseYaml('a: &x [1, *x]\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nesting deeper than 512/);
  });
});

describe('YAML syntax errors', () => {
  it('become a json-syntax finding at the line and column of the error', () => {
    const text = 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties: [a, b\n';
    const [policy] = policiesFromText(text, 'bad.yaml');
    expect(policy!.location).toBe('');
    expect(policy!.syntaxError).toBeDefined();
    const findings = lintLoaded(policy!, { rules: [jsonSyntax] }).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'json-syntax', pointer: '' });
    expect(findings[0]!.message).toMatch(/^invalid YAML: /);
    expect(findings[0]!.line).toBeGreaterThanOrEqual(4);
    expect(findings[0]!.column).toBeGreaterThan(0);
  });

  it('a tab in indentation is reported where it is', () => {
    const text = 'Resources:\n\tRole: x\n';
    const [policy] = policiesFromText(text, 'bad.yaml');
    const findings = lintLoaded(policy!, { rules: [jsonSyntax] }).findings;
    expect(findings.map((f) => [f.code, f.line])).toEqual([['json-syntax', 2]]);
  });
});
