import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadBlueprint } from '../../generate/blueprints.js';
import { checkBundle } from '../../generate/check.js';
import { ExpectationError, SpecError } from '../../generate/errors.js';
import { generateFromSpec } from '../../generate/generator.js';
import type { GeneratedBundle } from '../../generate/model.js';
import { policyFiles } from '../../generate/outputs.js';
import { parseSet } from '../../generate/parameters.js';
import { parseSpec, type Spec } from '../../generate/spec.js';
import { GENERATE_FORMATS, RENDERERS, type GenerateFormat, type RenderedFile } from '../../render/generate/index.js';
import { readInput } from '../../policy/input.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

interface GenerateOptions {
  blueprint?: string;
  set: string[];
  format: string;
  out?: string;
  verify: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate least-privilege roles and policies from a spec (YAML/JSON) or a shipped blueprint')
    .argument('[spec]', 'spec file (YAML or JSON); - for stdin')
    .option('--blueprint <name>', 'generate from a shipped blueprint instead of a spec (see leastpriv blueprints list)')
    .option('--set <key=value>', 'set a parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--format <format>', GENERATE_FORMATS.join('|'), 'json')
    .option('--out <dir>', 'write the files into DIR (with the policy documents and leastpriv-tests.yaml) instead of printing')
    .option('--no-verify', 'skip the self-check (lint at warning and the spec tests)')
    .action((spec: string | undefined, opts: GenerateOptions) => {
      process.exitCode = runGenerate(spec, opts);
    });
}

/** Spec errors are usage errors (exit 2, one line); anything else passes through. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
}

function readSpec(path: string): Spec {
  return parseSpec(readInput(path), path === '-' ? '<stdin>' : path);
}

export function runGenerate(specPath: string | undefined, opts: GenerateOptions): number {
  const format = choice<GenerateFormat>('--format', opts.format, GENERATE_FORMATS);
  if (specPath && opts.blueprint) throw new UsageError('give a spec file or --blueprint NAME, not both');
  if (!specPath && !opts.blueprint) throw new UsageError('give a spec file (leastpriv generate spec.yaml) or --blueprint NAME (see leastpriv blueprints list)');
  let bundle: GeneratedBundle;
  try {
    bundle = asUsage(() => {
      const sets = new Map<string, string>();
      for (const s of opts.set) {
        const [k, v] = parseSet(s);
        sets.set(k, v);
      }
      // The caller's account, where the environment names it the way the AWS SDKs read it (AWS_ACCOUNT_ID):
      // generation stays offline, so nothing asks STS.
      const callerAccount = process.env.AWS_ACCOUNT_ID;
      if (!sets.has('account') && callerAccount && /^\d{12}$/.test(callerAccount)) sets.set('account', callerAccount);
      const spec = opts.blueprint ? loadBlueprint(opts.blueprint) : readSpec(specPath!);
      return generateFromSpec(spec, { sets });
    });
  } catch (e) {
    if (e instanceof ExpectationError) {
      process.stderr.write(`leastpriv: ${e.message}\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
  if (opts.verify) {
    const problems = checkBundle(bundle);
    if (problems.length > 0) {
      for (const p of problems) process.stderr.write(`leastpriv: role ${p.role}, ${p.subject}: ${p.message}\n`);
      process.stderr.write(`leastpriv: the generated policies fail their own checks (${problems.length}); nothing written (--no-verify to write anyway)\n`);
      return EXIT_FINDINGS;
    }
  }
  let rendered: RenderedFile[];
  try {
    rendered = RENDERERS[format](bundle);
  } catch (e) {
    throw new UsageError(`--format ${format}: ${(e as Error).message}`);
  }
  if (opts.out === undefined) {
    if (rendered.length === 1) write(rendered[0]!.content);
    else for (const f of rendered) write(`# ---- ${f.path} ----\n${f.content}${f.content.endsWith('\n') ? '' : '\n'}`);
    return EXIT_OK;
  }
  const extra = policyFiles(bundle);
  const files: RenderedFile[] = [...rendered];
  for (const f of [...extra.files, extra.tests]) if (!files.some((r) => r.path === f.path)) files.push(f);
  writeAtomically(opts.out, files);
  process.stderr.write(`leastpriv: wrote ${files.length} files to ${opts.out}\n`);
  return EXIT_OK;
}

/**
 * Writes every file into a temporary directory beside DIR first; then renames the directory into place (DIR new)
 * or each file (DIR existing). Nothing is ever left half-written under DIR.
 */
export function writeAtomically(dir: string, files: readonly RenderedFile[]): void {
  const target = resolve(dir);
  for (const f of files) {
    if (f.path.startsWith('/') || f.path.split(/[\\/]/).includes('..')) throw new Error(`refusing to write outside ${dir}: ${f.path}`);
  }
  const parent = dirname(target);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (existsSync(target) && !isDirectory(target)) throw new UsageError(`cannot write to ${dir}: it is a file`);
  let tmp: string;
  try {
    tmp = mkdtempSync(join(parent, `.${basename(target)}.leastpriv-`));
  } catch (e) {
    throw new UsageError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    for (const f of files) {
      const p = join(tmp, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.content, f.mode !== undefined ? { mode: f.mode } : {});
    }
    if (!existsSync(target)) {
      renameSync(tmp, target);
      return;
    }
    for (const f of files) {
      const to = join(target, f.path);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(join(tmp, f.path), to);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function isDirectory(p: string): boolean {
  return statSync(p).isDirectory();
}
