// Regenerates docs/blueprints/<name>.md from the built CLI (run `node scripts/build.mjs` first):
// every blueprint rendered as markdown with account 111122223333 and each required parameter's example value.
// test/generate/docs-blueprints.test.ts fails when a committed page differs from what this writes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/leastpriv.js');

function cli(args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`leastpriv ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The arguments that generate a blueprint's documentation page. */
export function docArgs(name) {
  const shown = JSON.parse(cli(['blueprints', 'show', name, '--format', 'json']));
  const sets = ['--set', 'account=111122223333'];
  for (const p of shown.parameters) if (p.required) sets.push('--set', `${p.name}=${p.example ?? 'example'}`);
  return ['generate', '--blueprint', name, ...sets, '--format', 'markdown'];
}

export function renderDocs() {
  const list = JSON.parse(cli(['blueprints', 'list', '--format', 'json']));
  return list.blueprints.map((b) => ({ name: b.name, content: cli(docArgs(b.name)) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(root, 'docs/blueprints');
  mkdirSync(dir, { recursive: true });
  for (const { name, content } of renderDocs()) writeFileSync(join(dir, `${name}.md`), content);
  console.log(`wrote ${dir}`);
}
