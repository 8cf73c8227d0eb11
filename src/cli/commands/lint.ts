import type { Command } from 'commander';
import { isSeverity, atOrAbove, SEVERITIES, type Severity } from '../../lint/finding.js';
import { findConfigFile } from '../../lint/config.js';
import { expandInputs } from '../../policy/input.js';
import { lintFiles } from '../lint-files.js';
import { POLICY_TYPES, type InlineKind, type PolicyType } from '../../policy/model.js';
import { lintJson } from '../../render/lint-report.js';
import { lintText } from '../../render/lint-text.js';
import { lintSarif } from '../../render/sarif.js';
import { styleFor } from '../../render/style.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

interface LintOptions {
  type: string;
  format: string;
  failOn: string;
  config?: string;
  inline?: string;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check IAM policies (bare JSON, CloudFormation, terraform show -json) for errors and risky grants')
    .argument('[paths...]', 'files or directories; - for stdin', ['-'])
    .option('--type <type>', `policy type: auto|${POLICY_TYPES.join('|')}`, 'auto')
    .option('--inline <kind>', 'size the quota for an inline policy of a role|user|group')
    .option('--format <format>', 'text|json|sarif', 'text')
    .option('--fail-on <severity>', `exit 1 at or above: ${SEVERITIES.join('|')}`, 'error')
    .option('--config <file>', 'lint configuration (default: leastpriv.config.json|yaml found upward)')
    .action((paths: string[], opts: LintOptions) => {
      process.exitCode = runLint(paths, opts);
    });
}

export function runLint(paths: string[], opts: LintOptions): number {
  const format = choice('--format', opts.format, ['text', 'json', 'sarif'] as const);
  if (!isSeverity(opts.failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${opts.failOn}")`);
  const failOn: Severity = opts.failOn;
  const type = opts.type === 'auto' ? undefined : choice('--type', opts.type, POLICY_TYPES as readonly PolicyType[]);
  const inline = opts.inline === undefined ? undefined : choice<InlineKind>('--inline', opts.inline, ['role', 'user', 'group']);
  const configFile = opts.config ?? findConfigFile();
  const files = expandInputs(paths.length > 0 ? paths : ['-']);
  const inputs = lintFiles(files, { ...(type ? { type } : {}), ...(inline ? { inline } : {}) }, configFile);
  const results = inputs.results;
  if (format === 'json') write(lintJson(results, inputs.files));
  else if (format === 'sarif') write(lintSarif(results));
  else write(lintText(results, styleFor(process.stdout), inputs.files));
  const failed = results.some((r) => r.findings.some((f) => atOrAbove(f.severity, failOn)));
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
