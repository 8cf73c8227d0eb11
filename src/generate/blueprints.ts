/**
 * The blueprint catalogue: specs shipped with leastpriv, one YAML file each under `src/generate/blueprints/`
 * (copied to `dist/blueprints/` by the build, so the bundled CLI finds them beside itself).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../catalog/load.js';
import { SpecError } from './errors.js';
import { parseSpec, type Spec } from './spec.js';

function directory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'blueprints'), join(packageRoot(), 'dist', 'blueprints'), join(packageRoot(), 'src', 'generate', 'blueprints')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('the blueprint catalogue is missing (run the build)');
  return found;
}

export function blueprintNames(): string[] {
  return readdirSync(directory())
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function blueprintText(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name) || !blueprintNames().includes(name)) {
    throw new SpecError(`unknown blueprint "${name}"; run leastpriv blueprints list (there are ${blueprintNames().join(', ')})`);
  }
  return readFileSync(join(directory(), `${name}.yaml`), 'utf8');
}

export function loadBlueprint(name: string): Spec {
  return parseSpec(blueprintText(name), `blueprints/${name}.yaml`);
}
