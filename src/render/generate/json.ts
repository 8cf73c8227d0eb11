/**
 * `generate --format json`: the contract's shape (`resolveBundle`), every marker replaced by its value. Tests and
 * guard rails are given as runnable requests (wildcards in ARNs made concrete), so a script can replay them.
 */
import { parameterValues, resolveBundle, type GeneratedBundle } from '../../generate/model.js';
import { runnableRequest } from '../../generate/runnable.js';
import type { RenderedFile } from './types.js';

export function render(bundle: GeneratedBundle): RenderedFile[] {
  const values = parameterValues(bundle);
  const resolved = resolveBundle(bundle);
  resolved.roles.forEach((role, i) => {
    const source = bundle.roles[i]!;
    role.tests = source.tests.map((t) => runnableRequest(t, values));
    role.guardrails = source.guardrails.map((t) => runnableRequest(t, values));
  });
  return [{ path: `${bundle.name}.json`, content: `${JSON.stringify(resolved, null, 2)}\n` }];
}
