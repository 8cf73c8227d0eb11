/**
 * Reading policies from the places users keep them: policy files, directories, stdin, CloudFormation templates
 * (JSON or YAML) and `terraform show -json` output. Each input yields one or more `LoadedPolicy`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { extractCloudFormation, looksLikeCloudFormation } from './extract/cloudformation.js';
import { extractTerraform, looksLikeTerraformPlan } from './extract/terraform.js';
import { parseJson } from './json.js';
import { policyFromText, type LoadedPolicy, type PolicyOptions } from './loaded.js';
import { SourceText } from './source.js';

/** Inputs larger than this are refused rather than read: no real policy or template comes close. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export class InputError extends Error {}

const POLICY_EXTENSIONS = new Set(['.json']);
const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.template']);

/** Files under a directory that leastpriv reads, sorted for stable output; dot-directories and node_modules skipped. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      throw new InputError(`cannot read directory ${d}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') visit(p);
      } else if (e.isFile()) {
        const ext = extname(e.name).toLowerCase();
        if (POLICY_EXTENSIONS.has(ext) || TEMPLATE_EXTENSIONS.has(ext)) out.push(p);
      }
    }
  };
  visit(dir);
  return out;
}

export function readInput(path: string): string {
  try {
    if (path === '-') {
      const buf = readFileSync(0);
      if (buf.length > MAX_INPUT_BYTES) throw new InputError(`stdin is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
      return buf.toString('utf8');
    }
    const st = statSync(path);
    if (st.size > MAX_INPUT_BYTES) {
      throw new InputError(`${path} is ${(st.size / 1024 / 1024).toFixed(0)} MB; leastpriv reads inputs up to ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (code ?? String(e));
    throw new InputError(`cannot read ${path}: ${why}`);
  }
}

/** Expands directories; keeps files and `-` as given. Throws InputError for a path that does not exist. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot read ${p}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? String(e))}`);
    }
    if (st.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/**
 * The policies in one input's text. JSON is dispatched on its shape (a policy, a template, a Terraform plan);
 * YAML is a CloudFormation template (or, failing that, a policy written in YAML).
 */
export function policiesFromText(text: string, path: string, options: PolicyOptions = {}): LoadedPolicy[] {
  const ext = path === '-' ? '' : extname(path).toLowerCase();
  const trimmed = text.trimStart();
  const isJson = trimmed.startsWith('{') || trimmed.startsWith('[') || ext === '.json';
  if (isJson) {
    const parsed = parseJson(text);
    if (parsed.ok) {
      const source = new SourceText(text);
      if (looksLikeTerraformPlan(parsed.node)) return extractTerraform(parsed.node, path, source, options);
      if (looksLikeCloudFormation(parsed.node)) return extractCloudFormation(parsed.node, path, source, options);
    }
    return [policyFromText(text, path, options)];
  }
  return extractCloudFormation(undefined, path, new SourceText(text), options);
}

/** Reads and extracts every policy in the given paths (files, directories, `-`). */
export function loadPolicies(paths: readonly string[], options: PolicyOptions = {}): LoadedPolicy[] {
  const out: LoadedPolicy[] = [];
  for (const file of expandPaths(paths)) out.push(...policiesFromText(readInput(file), file, options));
  return out;
}
