import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasNoEmptyContainer, parseJson } from '../../src/policy/json.js';
import { SourceText } from '../../src/policy/source.js';
import { nodeAtPointer, toValue } from '../../src/policy/tree.js';

describe('strict JSON parser with positions', () => {
  it('agrees with JSON.parse on every JSON value (RFC 8259)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 4), (v, indent) => {
        const text = JSON.stringify(v, null, indent) ?? 'null';
        const r = parseJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(toValue(r.node)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('knows a parsed root holds no [] or {} exactly when no value of it is an empty list or object', () => {
    const hasEmpty = (v: unknown): boolean =>
      Array.isArray(v)
        ? v.length === 0 || v.some(hasEmpty)
        : v !== null && typeof v === 'object'
          ? Object.keys(v).length === 0 || Object.values(v).some(hasEmpty)
          : false;
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseJson(JSON.stringify(v) ?? 'null');
        if (r.ok) expect(hasNoEmptyContainer(r.node)).toBe(!hasEmpty(v));
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['{"Statement":[{"Action":"s3:GetObject"}]}', true],
    ['{"Statement":[{"Action":[]}]}', false],
    ['{"Statement":[{"Condition":{}}]}', false],
    ['{}', false],
    ['[]', false],
    ['"text"', true],
  ])('hasNoEmptyContainer(%s) is %s', (text, expected) => {
    const r = parseJson(text);
    expect(r.ok && hasNoEmptyContainer(r.node)).toBe(expected);
  });

  it('says nothing about a node that is not the root of a parse (its tree is walked)', () => {
    const r = parseJson('{"Statement":[{"Action":"s3:GetObject"}]}');
    expect(r.ok && r.node.kind === 'object' && hasNoEmptyContainer(r.node.props[0]!.value)).toBe(false);
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (t) => {
        let native = true;
        try {
          JSON.parse(t);
        } catch {
          native = false;
        }
        // A leading byte-order mark is the one thing we accept beyond JSON.parse.
        if (!t.startsWith('\uFEFF')) expect(parseJson(t).ok).toBe(native);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['{"a": 1,}', 'trailing comma', 8],
    ['[1, 2,]', 'trailing comma', 6],
    ['{"a": 1 // note\n}', 'comment', 8],
    ["{'a': 1}", 'single quote', 1],
    ['{"a": 01}', 'unexpected "1" in a number', 7],
    ['', 'empty', 0],
    ['{"a": "x\ny"}', 'control character', 8],
  ])('%j is a syntax error (%s) at offset %d', (text, fragment, offset) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain(fragment);
      expect(r.error.offset).toBe(offset);
    }
  });

  it('keeps offsets that map to 1-based line and column', () => {
    const text = '{\n  "Statement": [\n    {"Action": "s3:GetObject"}\n  ]\n}';
    const r = parseJson(text);
    if (!r.ok) throw new Error('parse failed');
    const node = nodeAtPointer(r.node, '/Statement/0/Action')!;
    expect(new SourceText(text).position(node.start)).toEqual({ line: 3, column: 16 });
  });

  // RFC 6901: "~1" is "/", "~0" is "~"; an array index is "0" or digits without a leading zero.
  it.each([
    ['', { a: 1 }],
    ['/a', 1],
    ['/b/1', 'y'],
    ['/b/01', undefined],
    ['/b/-', undefined],
    ['/b/2', undefined],
    ['/c~1d', 2],
    ['/e~0f', 3],
    ['/', 4],
    ['/a/x', undefined],
    ['a', undefined],
  ])('nodeAtPointer(%j) follows RFC 6901', (pointer, expected) => {
    const r = parseJson('{"a": 1, "b": ["x", "y"], "c/d": 2, "e~f": 3, "": 4}');
    if (!r.ok) throw new Error('parse');
    const node = nodeAtPointer(r.node, pointer);
    if (pointer === '') expect(node).toBe(r.node);
    else expect(node && toValue(node)).toEqual(expected);
  });

  it('reports duplicate keys with their offsets', () => {
    const r = parseJson('{"Effect": "Allow", "Effect": "Deny"}');
    expect(r.ok && r.duplicateKeys.map((d) => [d.key, d.offset])).toEqual([['Effect', 20]]);
  });

  it('bounds nesting depth instead of overflowing the stack', () => {
    const r = parseJson('['.repeat(600) + ']'.repeat(600));
    expect(r.ok).toBe(false);
  });
});
