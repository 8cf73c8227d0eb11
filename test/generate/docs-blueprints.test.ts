/** docs/blueprints/<name>.md is what `node scripts/docs-blueprints.mjs` writes; refresh with that command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

test('every blueprint page in docs/blueprints is up to date (node scripts/docs-blueprints.mjs)', async () => {
  const { renderDocs } = (await import(join(ROOT, 'scripts/docs-blueprints.mjs'))) as { renderDocs: () => { name: string; content: string }[] };
  const pages = renderDocs();
  expect(pages).toHaveLength(13);
  for (const { name, content } of pages) {
    expect(readFileSync(join(ROOT, 'docs/blueprints', `${name}.md`), 'utf8'), `docs/blueprints/${name}.md is stale: run node scripts/docs-blueprints.mjs`).toBe(content);
  }
}, 120_000);
