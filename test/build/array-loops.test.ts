import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- scripts/ is plain JavaScript without declarations
import { indexArrayLoops } from '../../scripts/array-loops.mjs';

const dir = mkdtempSync(join(tmpdir(), 'leastpriv-loops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rewrite of `source`, and what the original and the rewrite each return from `run()`. */
function rewrite(source: string): { text: string; count: number; before: unknown; after: unknown } {
  const file = join(dir, `case${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const program = ts.createProgram([file], { strict: true, noUncheckedIndexedAccess: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts'], types: [] });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(errors).toEqual([]);
  const { text, count } = indexArrayLoops(program, file) as { text: string; count: number };
  const run = (code: string): unknown => {
    const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
    const module = { exports: {} as { run?: () => unknown } };
    new Function('module', 'exports', js)(module, module.exports);
    return module.exports.run!();
  };
  return { text, count, before: run(source), after: run(text) };
}

describe('build: array for-of loops become indexed loops in the bundles', () => {
  it('rewrites loops over arrays, readonly arrays and tuples, and leaves maps, sets, strings and iterables alone', () => {
    const r = rewrite(`
      export function run() {
        const out: unknown[] = [];
        const xs = [1, 2, 3];
        const ro: readonly string[] = ['a', 'b'];
        const pair: [number, string] = [7, 'z'];
        for (const x of xs) out.push(x);
        for (const s of ro) out.push(s);
        for (const p of pair) out.push(p);
        for (const [k, v] of new Map([['m', 1]])) out.push(k, v);
        for (const v of new Set([9])) out.push(v);
        for (const c of 'hé') out.push(c);
        for (const g of (function* () { yield 5; })()) out.push(g);
        return out;
      }`);
    expect(r.count).toBe(3);
    expect(r.text).not.toMatch(/for \(const (x|s|p) of/);
    expect(r.text).toMatch(/for \(const \[k, v\] of new Map/);
    expect(r.after).toEqual(r.before);
    expect(r.after).toEqual([1, 2, 3, 'a', 'b', 7, 'z', 'm', 1, 9, 'h', 'é', 5]);
  });

  it('visits elements pushed during the loop and stops early when the array shrinks, as the array iterator does', () => {
    const r = rewrite(`
      export function run() {
        const seen: number[] = [];
        const grow = [1, 2];
        for (const x of grow) { seen.push(x); if (x < 4) grow.push(x + 2); }
        const shrink = [1, 2, 3, 4];
        for (const x of shrink) { seen.push(-x); shrink.length = 2; }
        return seen;
      }`);
    expect(r.count).toBe(2);
    expect(r.after).toEqual(r.before);
    expect(r.after).toEqual([1, 2, 3, 4, 5, -1, -2]);
  });

  it('binds a fresh element per step for closures, evaluates the array once, and keeps let, destructuring, labels, break and continue', () => {
    const r = rewrite(`
      let evaluated = 0;
      function list(): number[] { evaluated++; return [1, 2, 3, 4]; }
      export function run() {
        const fns: (() => number)[] = [];
        for (const x of list()) fns.push(() => x);
        const out: unknown[] = fns.map((f) => f());
        for (let x of [10, 20]) { x += 1; out.push(x); }
        for (const [a, { b }] of [[1, { b: 2 }], [3, { b: 4 }]] as [number, { b: number }][]) out.push(a + b);
        outer: for (const i of [1, 2, 3]) {
          for (const j of [1, 2, 3]) {
            if (j === 2) continue outer;
            if (i === 3) break outer;
            out.push(i * 10 + j);
          }
        }
        for (const x of [1, 2, 3, 4]) { if (x % 2) continue; out.push(x); }
        for (const x of [5]) { const y = x; { const x = y + 1; out.push(x); } }
        for (const x of [8]) for (const y of [9]) out.push(x + y);
        out.push(evaluated);
        return out;
      }`);
    expect(r.count).toBe(9);
    expect(r.after).toEqual(r.before);
    expect(r.after).toEqual([1, 2, 3, 4, 11, 21, 3, 7, 11, 21, 2, 4, 6, 17, 1]);
  });

  it('keeps every line where it was, so stack traces from the bundle still point at the source', () => {
    const source = `export function run() {\n  const out: number[] = [];\n  for (const x of [1, 2])\n    out.push(x);\n  return out;\n}\n`;
    const r = rewrite(source);
    expect(r.text.split('\n')).toHaveLength(source.split('\n').length);
    expect(r.text.split('\n')[3]).toContain('out.push(x);');
  });
});
