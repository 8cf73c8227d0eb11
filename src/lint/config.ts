/**
 * Lint configuration: turn rules off or change their severity, and ignore findings by path glob, code and
 * pointer. Found as `leastpriv.config.json|yaml|yml` in the working directory or a parent, or given by `--config`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import { isSeverity, type Severity } from './finding.js';

export const CONFIG_NAMES = ['leastpriv.config.json', 'leastpriv.config.yaml', 'leastpriv.config.yml'];

export type RuleSetting = 'off' | Severity;

export interface IgnoreEntry {
  /** glob over the file path relative to the config file's directory (`**`, `*`, `?`) */
  path?: string;
  code?: string;
  /** a JSON pointer; matches findings at it or below it */
  pointer?: string;
}

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  ignore: IgnoreEntry[];
  /** directory that ignore paths are relative to */
  baseDir: string;
  file?: string;
}

export class ConfigError extends Error {}

export function emptyConfig(baseDir = process.cwd()): LintConfig {
  return { rules: {}, ignore: [], baseDir };
}

export function findConfigFile(from = process.cwd()): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const f = join(dir, name);
      if (existsSync(f)) return f;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(file: string, knownCodes: ReadonlySet<string>): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let raw: unknown;
  try {
    // YAML is loaded only when a YAML config exists: most runs never need the parser.
    raw = file.endsWith('.json') ? JSON.parse(text) : (createRequire(import.meta.url)('yaml') as typeof YamlModule).parse(text);
  } catch (e) {
    throw new ConfigError(`config ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseConfig(raw ?? {}, file, knownCodes);
}

export function parseConfig(raw: unknown, file: string, knownCodes: ReadonlySet<string>): LintConfig {
  const where = `config ${file}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: expected an object with "rules" and "ignore"`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (k !== 'rules' && k !== 'ignore' && k !== '$schema') throw new ConfigError(`${where}: unknown key "${k}" (expected "rules" or "ignore")`);
  }
  const rules: Record<string, RuleSetting> = {};
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw new ConfigError(`${where}: "rules" must map rule codes to off|error|security|warning|suggestion`);
    for (const [code, setting] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!knownCodes.has(code)) throw new ConfigError(`${where}: unknown rule "${code}" in "rules"`);
      if (setting === 'off' || (typeof setting === 'string' && isSeverity(setting))) rules[code] = setting as RuleSetting;
      else throw new ConfigError(`${where}: rule "${code}" must be off, error, security, warning or suggestion, not ${JSON.stringify(setting)}`);
    }
  }
  const ignore: IgnoreEntry[] = [];
  if (obj.ignore !== undefined) {
    if (!Array.isArray(obj.ignore)) throw new ConfigError(`${where}: "ignore" must be a list of {path, code, pointer}`);
    obj.ignore.forEach((e: unknown, i: number) => {
      if (typeof e !== 'object' || e === null || Array.isArray(e)) throw new ConfigError(`${where}: ignore[${i}] must be an object with path, code and/or pointer`);
      const entry: IgnoreEntry = {};
      for (const [k, v] of Object.entries(e as Record<string, unknown>)) {
        if (k !== 'path' && k !== 'code' && k !== 'pointer') throw new ConfigError(`${where}: ignore[${i}] has unknown key "${k}"`);
        if (typeof v !== 'string') throw new ConfigError(`${where}: ignore[${i}].${k} must be a string`);
        if (k === 'code' && !knownCodes.has(v)) throw new ConfigError(`${where}: ignore[${i}] names unknown rule "${v}"`);
        if (k === 'pointer' && v !== '' && !v.startsWith('/')) throw new ConfigError(`${where}: ignore[${i}].pointer must be a JSON pointer starting with "/"`);
        entry[k] = v;
      }
      if (Object.keys(entry).length === 0) throw new ConfigError(`${where}: ignore[${i}] is empty; it would ignore everything`);
      ignore.push(entry);
    });
  }
  return { rules, ignore, baseDir: dirname(resolve(file)), file };
}

/** `**` any number of path segments, `*` within a segment, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function isIgnored(config: LintConfig, path: string, code: string, pointer: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = path === '-' ? '-' : relative(config.baseDir, resolve(path)).split(sep).join('/');
  return config.ignore.some(
    (e) =>
      (e.code === undefined || e.code === code) &&
      (e.pointer === undefined || pointer === e.pointer || pointer.startsWith(`${e.pointer}/`)) &&
      (e.path === undefined || globToRegExp(e.path).test(rel)),
  );
}
