import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from '../helpers/cli.js';
// @ts-expect-error -- bin/ is plain JavaScript without declarations
import { V8_FLAGS, v8FlagsFor } from '../../bin/v8-flags.js';

describe('CLI start-up through the code cache', () => {
  it('the build writes a V8 code cache that this Node accepts for dist/cli.cjs (else every run compiles the bundle)', () => {
    ensureBuilt();
    // V8 keys the cache on its flags, so the check runs in a process with the flags bin/leastpriv.js sets.
    const check = `
      import { readFileSync } from 'node:fs';
      import Module from 'node:module';
      import { setFlagsFromString } from 'node:v8';
      import { Script } from 'node:vm';
      import { v8FlagsFor } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin/v8-flags.js')).href)};
      for (const flag of v8FlagsFor(process.versions.v8)) setFlagsFromString(flag);
      const file = ${JSON.stringify(join(ROOT, 'dist/cli.cjs'))};
      const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(${JSON.stringify(join(ROOT, 'dist/cli.cache'))}) });
      console.log(script.cachedDataRejected);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', check], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('false');
  });

  it('the V8 flags are set only for the V8 versions known to have them, so another Node prints no flag warning', () => {
    expect(v8FlagsFor('11.3.244.8-node.33')).toEqual(V8_FLAGS);
    expect(v8FlagsFor('9.4.146.26')).toEqual([]);
    expect(v8FlagsFor('14.0.1')).toEqual([]);
  });

  it('a cache from another build or Node is ignored: the CLI compiles the bundle itself and says the same', () => {
    ensureBuilt();
    const pkg = mkdtempSync(join(tmpdir(), 'leastpriv-cache-'));
    try {
      mkdirSync(join(pkg, 'bin'));
      mkdirSync(join(pkg, 'dist'));
      for (const f of ['leastpriv.js', 'v8-flags.js', 'package.json']) cpSync(join(ROOT, 'bin', f), join(pkg, 'bin', f));
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
