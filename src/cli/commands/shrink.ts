import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { getCatalog } from '../../catalog/load.js';
import { DEFAULT_MAX_CHARS, shrinkDocument, ShrinkInputError, type ShrinkResult } from '../../engine/shrink/index.js';
import { loadInputs } from '../../policy/input.js';
import { shrinkJson, shrinkText } from '../../render/shrink.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

interface ShrinkCliOptions {
  maxChars: string;
  split?: boolean;
  format: string;
  out?: string;
}

export function registerShrink(program: Command): void {
  program
    .command('shrink')
    .description('rewrite a policy smaller, allowing and denying exactly the same requests over the action catalogue')
    .argument('<file>', 'the policy file; - for stdin')
    .option('--max-chars <n>', 'size limit, characters without white space as IAM counts them', String(DEFAULT_MAX_CHARS))
    .option('--split', 'when one policy cannot fit, split it across several managed policies')
    .option('--format <format>', 'json|text', 'json')
    .option('--out <dir>', 'with --split, write each policy to a file in this directory')
    .action((file: string, opts: ShrinkCliOptions) => {
      process.exitCode = runShrink(file, opts);
    });
}

function maxCharsOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-chars must be a positive whole number (got "${text}")`);
  return n;
}

export function runShrink(file: string, opts: ShrinkCliOptions): number {
  const format = choice('--format', opts.format, ['json', 'text'] as const);
  const maxChars = maxCharsOf(opts.maxChars);
  if (opts.out !== undefined && !opts.split) throw new UsageError('--out writes the policies of --split; add --split');
  const { policies } = loadInputs([file]);
  if (policies.length !== 1) throw new UsageError(`shrink takes one policy; ${file} holds ${policies.length}`);
  const policy = policies[0]!;
  if (policy.syntaxError) throw new UsageError(`${file}: not a valid policy: ${policy.syntaxError.message}`);
  let result: ShrinkResult;
  try {
    result = shrinkDocument(getCatalog(), policy.document!, { maxChars, split: opts.split === true });
  } catch (e) {
    if (e instanceof ShrinkInputError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const split = opts.split === true;
  if (opts.out !== undefined) {
    const stem = file === '-' ? 'policy' : basename(file, extname(file));
    // Render every file before writing any, so that a failure leaves nothing half-written.
    const files = result.documents.map((d, i) => ({ path: join(opts.out!, `${stem}-${i + 1}.json`), text: `${JSON.stringify(d, null, 2)}\n` }));
    try {
      mkdirSync(opts.out, { recursive: true });
      for (const f of files) writeFileSync(f.path, f.text);
    } catch (e) {
      throw new UsageError(`cannot write to ${opts.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    write(`${files.map((f) => f.path).join('\n')}\n`);
  } else {
    write(format === 'text' ? shrinkText(result, split, maxChars) : shrinkJson(result, split));
  }
  if (!result.fits) {
    process.stderr.write(
      `leastpriv: ${result.after} characters is over --max-chars ${maxChars}${split ? ' even when split' : '; --split spreads it over several policies'}\n`,
    );
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
