/**
 * Loads the catalogue once, on first use. The build writes `dist/catalog.json` (compact, no descriptions); when
 * it is missing (running from source before a build) the catalogue is compiled in-process from the library,
 * which is slower but gives the same answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalog } from './catalog.js';
import { compileCatalog } from './compile.js';
import type { DescriptionData } from './data.js';
import { indexCatalog, unpackCatalog } from './pack.js';

let catalog: Catalog | undefined;
let descriptions: DescriptionData | undefined;

export const CATALOG_FILE = 'catalog.pack';
export const DESCRIPTIONS_FILE = 'catalog-descriptions.json';

/** The package root: the nearest directory upwards holding leastpriv's package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'leastpriv') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the leastpriv package root');
    dir = parent;
  }
}

function compiledFile(name: string): string | undefined {
  const fromEnv = process.env.LEASTPRIV_CATALOG_DIR;
  const candidates = [
    ...(fromEnv ? [join(fromEnv, name)] : []),
    // bundled: dist/cli.cjs and dist/index.js sit beside the data
    join(dirname(fileURLToPath(import.meta.url)), name),
    join(packageRoot(), 'dist', name),
  ];
  return candidates.find((c) => existsSync(c));
}

export function getCatalog(): Catalog {
  if (!catalog) {
    const file = compiledFile(CATALOG_FILE);
    // A file of another format (left by an older build) is ignored like a missing one.
    const packed = file ? unpackCatalog(readFileSync(file)) : undefined;
    catalog = new Catalog(packed ?? indexCatalog(compileCatalog().catalog));
  }
  return catalog;
}

/** `s3:GetObject` → "Grants permission to retrieve objects from Amazon S3". */
export function actionDescription(fullName: string): string | undefined {
  if (!descriptions) {
    const file = compiledFile(DESCRIPTIONS_FILE);
    descriptions = file
      ? (JSON.parse(readFileSync(file, 'utf8')) as DescriptionData)
      : compileCatalog().descriptions;
  }
  return descriptions[fullName.toLowerCase()];
}
