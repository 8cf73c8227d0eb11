import type { Command } from 'commander';
import { NamedCompileError } from '../../engine/named-set.js';
import { runTestFile, type CaseResult } from '../../engine/policy-test.js';
import { statSync } from 'node:fs';
import { InputError, walk } from '../../policy/input.js';
import { loadTestFile, TestFileError } from '../../policy/test-file.js';
import { testJson, testText } from '../../render/policy-test-report.js';
import { styleFor } from '../../render/style.js';
import { EXIT_FINDINGS, EXIT_OK } from '../errors.js';
import { choice, write } from '../io.js';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run policy unit tests: cases of requests with the decision each must get (YAML or JSON files)')
    .argument('<files...>', 'test files (- for stdin); a directory means its *.test.yaml, *.test.yml and *.test.json files')
    .option('--format <format>', 'text|json', 'text')
    .action((files: string[], opts: { format: string }) => {
      process.exitCode = runTests(files, opts);
    });
}

const TEST_FILE = /\.test\.(ya?ml|json)$/i;

/** Named files as given; directories walked for test files (policies beside them are not tests). */
function expand(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = p !== '-' && statSync(p).isDirectory();
    } catch {
      // a missing file is reported when it is read
    }
    if (!dir) out.push(p);
    else {
      const found = walk(p).filter((f) => TEST_FILE.test(f));
      if (found.length === 0) throw new InputError(`${p}: no *.test.yaml, *.test.yml or *.test.json files in it`);
      out.push(...found);
    }
  }
  return out;
}

export function runTests(paths: readonly string[], opts: { format: string }): number {
  const format = choice('--format', opts.format, ['text', 'json'] as const);
  const files = expand(paths);
  const results: CaseResult[] = [];
  // Every file is read and compiled before anything is printed: a malformed file is exit 2 with no partial report.
  for (const path of files) {
    try {
      results.push(...runTestFile(loadTestFile(path)));
    } catch (e) {
      if (e instanceof TestFileError) throw new InputError(e.message);
      if (e instanceof NamedCompileError) throw new InputError(`${path}: cannot evaluate ${e.message}`);
      throw e;
    }
  }
  write(format === 'json' ? testJson(results, files) : testText(results, files, styleFor(process.stdout)));
  return results.some((r) => !r.passed) ? EXIT_FINDINGS : EXIT_OK;
}
