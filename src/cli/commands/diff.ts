import type { Command } from 'commander';
import { diffStatements, statementsOfLoaded, AccessInputError } from '../../engine/access/index.js';
import { getCatalog } from '../../catalog/load.js';
import { loadInputs } from '../../policy/input.js';
import type { LoadedPolicy } from '../../policy/loaded.js';
import { diffJson } from '../../render/diff/json.js';
import { diffMarkdown } from '../../render/diff/markdown.js';
import { diffText } from '../../render/diff/text.js';
import { styleFor } from '../../render/style.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

interface DiffOptions {
  old?: string[];
  new?: string[];
  format: string;
  failOnNewAccess?: boolean;
  only?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('effective-access difference between two policies or policy sets: what NEW allows that OLD does not')
    .argument('[old]', 'the old policy: a file, a directory, a CloudFormation template or terraform show -json output')
    .argument('[new]', 'the new policy, same kinds')
    .option('--old <paths...>', 'several inputs forming the old set (the union of their identity policies)')
    .option('--new <paths...>', 'several inputs forming the new set')
    .option('--only <text>', 'from templates and plans, keep only policies whose location contains this (a role name)')
    .option('--format <format>', 'text|json|markdown', 'text')
    .option('--fail-on-new-access', 'exit 1 when NEW allows a request OLD does not (or that cannot be ruled out)')
    .action((oldArg: string | undefined, newArg: string | undefined, opts: DiffOptions) => {
      process.exitCode = runDiff(oldArg, newArg, opts);
    });
}

/** From a template or a plan, the identity policies (a role's trust policy and bucket policies are other questions). */
function policiesOf(paths: readonly string[], side: string, only: string | undefined): LoadedPolicy[] {
  const { policies } = loadInputs(paths);
  const fromTemplate = (p: LoadedPolicy): boolean => p.location !== '';
  let kept = policies.filter((p) => !fromTemplate(p) || p.type === 'identity' || p.type === 'boundary' || p.type === 'session');
  if (only !== undefined) kept = kept.filter((p) => !fromTemplate(p) || p.location.includes(only));
  if (kept.length === 0) throw new UsageError(`no policy found in the ${side} input (${paths.join(', ')})`);
  return kept;
}

export function runDiff(oldArg: string | undefined, newArg: string | undefined, opts: DiffOptions): number {
  const format = choice('--format', opts.format, ['text', 'json', 'markdown'] as const);
  const oldPaths = [...(oldArg !== undefined ? [oldArg] : []), ...(opts.old ?? [])];
  const newPaths = [...(newArg !== undefined ? [newArg] : []), ...(opts.new ?? [])];
  // `diff --old a b --new c d`: commander gives positionals to --old's list; only the counts need checking.
  if (oldPaths.length === 0 || newPaths.length === 0) throw new UsageError('diff needs OLD and NEW (diff OLD NEW, or --old FILE… --new FILE…)');
  if (oldArg !== undefined && newArg === undefined && opts.new === undefined) throw new UsageError('diff needs NEW as well as OLD');
  let diff;
  try {
    const oldStatements = statementsOfLoaded(policiesOf(oldPaths, 'OLD', opts.only));
    const newStatements = statementsOfLoaded(policiesOf(newPaths, 'NEW', opts.only));
    diff = diffStatements(getCatalog(), oldStatements, newStatements);
  } catch (e) {
    if (e instanceof AccessInputError) throw new UsageError(e.message);
    throw e;
  }
  if (format === 'json') write(diffJson(diff));
  else if (format === 'markdown') write(diffMarkdown(diff));
  else write(diffText(diff, styleFor(process.stdout)));
  return opts.failOnNewAccess && diff.newAccess ? EXIT_FINDINGS : EXIT_OK;
}
