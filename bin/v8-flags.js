'use strict';
// V8 flags for the CLI process, set by bin/leastpriv.js before the bundle is compiled (the code cache is keyed on
// them, so the build's cache-writing run sets the same). A CLI run is short: linting all 1,594 AWS managed policies
// takes under a second, and most of that is V8 warming up. Without inlining, TurboFan compiles each hot function
// several times faster (its background thread spent about 0.6 s of CPU on the corpus run, and the main thread waits
// in slower tiers meanwhile), so optimised code arrives sooner: the corpus run drops from about 0.92 s to 0.76 s,
// while a long `simulate --batch` of 100,000 lines is unchanged (0.61 s either way). Library users are untouched.
// The flag has been in V8 for years; a V8 without it would only print a warning, so it is set for V8 10 to 13 only.
const V8_FLAGS = ['--no-turbo-inlining'];

function v8FlagsFor(v8Version) {
  const major = Number(v8Version.split('.')[0]);
  return major >= 10 && major <= 13 ? V8_FLAGS : [];
}

module.exports = { V8_FLAGS, v8FlagsFor };
