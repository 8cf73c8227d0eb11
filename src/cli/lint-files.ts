/**
 * Linting a list of input files, one after another in this thread. A worker thread was tried for long lists (the
 * managed-policy corpus): split by files or by rules, it was slower on two cores (1.52 s against 1.38 s), because
 * V8's compiler and collector threads already use the second core, and because most of lint's cost is the first
 * answer to each distinct action, ARN or resource type, which every thread pays again.
 */
import { emptyConfig, loadConfig } from '../lint/config.js';
import { lintLoaded, type LintResult } from '../lint/lint.js';
import { RULE_CODES } from '../lint/registry.js';
import { readInput, readPolicies, type InputFile } from '../policy/input.js';
import type { PolicyOptions } from '../policy/loaded.js';

export interface LintFilesResult {
  /** inputs that were read as a policy, template or plan (not skipped) */
  files: number;
  results: LintResult[];
}

export function lintFiles(files: readonly InputFile[], options: PolicyOptions, configFile: string | undefined): LintFilesResult {
  const config = configFile ? loadConfig(configFile, RULE_CODES) : emptyConfig();
  const results: LintResult[] = [];
  let count = 0;
  for (const f of files) {
    const r = readPolicies(readInput(f.path), f.path, options, f);
    if (r.kind !== 'skipped') count++;
    for (const policy of r.policies) results.push(lintLoaded(policy, { config }));
  }
  return { files: count, results };
}
