/**
 * The `leastpriv` command line: a thin layer over the library. Every command reports through the contract's
 * exit codes; anything unexpected is one line on stderr and exit 2 (the stack only with --debug).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../lint/config.js';
import { InputError } from '../policy/input.js';
import { registerLint } from './commands/lint.js';
import { registerSimulate } from './commands/simulate.js';
import { registerDiff } from './commands/diff.js';
import { registerTest } from './commands/test.js';
import { registerShrink } from './commands/shrink.js';
import { registerGenerate } from './commands/generate.js';
import { registerBlueprints } from './commands/blueprints.js';
import { EXIT_USAGE, UsageError } from './errors.js';

declare const LEASTPRIV_VERSION: string | undefined;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('leastpriv')
    .description('Least-privilege AWS IAM: lint, simulate, generate, derive, diff and shrink policies, offline.')
    .version(typeof LEASTPRIV_VERSION === 'string' ? LEASTPRIV_VERSION : '0.0.0-dev')
    .option('--debug', 'print stack traces for internal errors')
    .exitOverride();
  registerLint(program);
  registerSimulate(program);
  registerDiff(program);
  registerTest(program);
  registerShrink(program);
  registerGenerate(program);
  registerBlueprints(program);
  return program;
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  // A closed pipe (`leastpriv lint | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      process.exitCode = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    const known = e instanceof UsageError || e instanceof InputError || e instanceof ConfigError;
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`leastpriv: ${known ? '' : 'internal error: '}${oneLine(message)}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

// Not awaited: the CLI bundle is CommonJS (see scripts/build.mjs); main reports every error itself.
void main(process.argv);
