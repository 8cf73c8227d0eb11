#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/cli.cjs) through vm.Script with V8's code cache (dist/cli.cache, written by the
// build), so start-up skips parsing and compiling the bundle's functions — Node 20 has no built-in compile cache.
// Without a cache file, or with one V8 rejects (another Node version), the bundle is compiled as usual.
// CommonJS, not ESM (bin/package.json says so): an ES module entry point makes Node set up its module loader and
// wrap every built-in it imports, about 5 ms of each run's start-up.
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');
const { v8FlagsFor } = require('./v8-flags.js');

for (const flag of v8FlagsFor(process.versions.v8)) setFlagsFromString(flag);

const file = join(__dirname, '..', 'dist', 'cli.cjs');
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
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, Module.createRequire(file), bundle, file, dirname(file));
