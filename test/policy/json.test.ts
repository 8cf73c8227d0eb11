import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/policy/json.js';
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
