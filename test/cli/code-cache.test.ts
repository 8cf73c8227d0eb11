import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../helpers/cli.js';

describe('CLI start-up through the code cache', () => {
  it('the build writes a V8 code cache that this Node accepts for dist/cli.cjs (else every run compiles the bundle)', () => {
    ensureBuilt();
    const file = join(ROOT, 'dist/cli.cjs');
    const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
      filename: file,
      cachedData: readFileSync(join(ROOT, 'dist/cli.cache')),
    });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('a cache from another build or Node is ignored: the CLI compiles the bundle itself and says the same', () => {
    ensureBuilt();
    const pkg = mkdtempSync(join(tmpdir(), 'leastpriv-cache-'));
    try {
      mkdirSync(join(pkg, 'bin'));
      mkdirSync(join(pkg, 'dist'));
      cpSync(join(ROOT, 'bin/leastpriv.js'), join(pkg, 'bin/leastpriv.js'));
      cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
      for (const f of ['cli.cjs', 'catalog.pack']) cpSync(join(ROOT, 'dist', f), join(pkg, 'dist', f));
      writeFileSync(join(pkg, 'dist/cli.cache'), Buffer.alloc(4096, 7));
      const example = join(ROOT, 'examples/policies/dstack-cli.json');
      const theirs = spawnSync(process.execPath, [join(pkg, 'bin/leastpriv.js'), 'lint', '--format', 'json', example], { encoding: 'utf8' });
      const ours = runCli(['lint', '--format', 'json', example]);
      expect(theirs.stderr).toBe('');
      expect(theirs.status).toBe(1);
      expect(theirs.stdout).toBe(ours.stdout);
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});
