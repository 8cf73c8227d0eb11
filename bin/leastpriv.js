#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs) through vm.Script with V8's code cache (dist/cli.cache, written by the
// build), so start-up skips parsing and compiling the bundle's functions — Node 20 has no built-in compile cache.
// Without a cache file, or with one V8 rejects (another Node version), the bundle is compiled as usual.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { v8FlagsFor } from './v8-flags.js';

for (const flag of v8FlagsFor(process.versions.v8)) setFlagsFromString(flag);

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.cjs');
const cacheFile = join(dirname(file), 'cli.cache');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compile normally
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
const writeCache = process.env.LEASTPRIV_WRITE_CODE_CACHE;
if (writeCache) {
  // The build's warm-up run: after the command, the cache includes every function it compiled on the way.
  process.once('exit', () => {
    writeFileSync(`${writeCache}.tmp`, script.createCachedData());
    renameSync(`${writeCache}.tmp`, writeCache);
  });
}
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
