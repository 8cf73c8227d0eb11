/** Worker-thread entry for lintFilesInParallel: lints its share of the files and posts the results back. */
import { parentPort, workerData } from 'node:worker_threads';
import { emptyConfig, loadConfig } from '../lint/config.js';
import { RULE_CODES } from '../lint/registry.js';
import { InputError } from '../policy/input.js';
import { lintFiles, type LintFilesJob } from './lint-files.js';

const job = workerData as LintFilesJob;
try {
  const config = job.configFile ? loadConfig(job.configFile, RULE_CODES) : emptyConfig();
  parentPort!.postMessage({ ok: lintFiles(job.files, job.options, config) });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e), input: e instanceof InputError });
}
