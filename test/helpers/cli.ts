/**
 * Runs the built `leastpriv` binary the way a user does (`node bin/leastpriv.js …`), building first when dist/ is
 * missing, so CLI tests exercise the real bundle, exit codes and streams.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/leastpriv.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Builds dist/ once when a test file runs before `npm test`'s build (e.g. `npx vitest run test/cli`). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist/cli.cjs'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

export function runCli(
  args: readonly string[],
  options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): CliResult {
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    // AWS_ACCOUNT_ID would change generation's default account: tests set it where they mean it.
    env: { ...process.env, NO_COLOR: '1', AWS_ACCOUNT_ID: undefined, ...options.env },
    timeout: options.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  };
  const r = spawnSync(process.execPath, [BIN, ...args], spawnOptions);
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Runs the CLI with `--format json` output expected and parses it. */
export function runCliJson<T = unknown>(args: readonly string[], options: Parameters<typeof runCli>[1] = {}): CliResult & { json: T } {
  const r = runCli(args, options);
  let json: T;
  try {
    json = JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`leastpriv ${args.join(' ')} did not print JSON (exit ${r.status}): ${r.stderr || r.stdout.slice(0, 500)}`);
  }
  return { ...r, json };
}
