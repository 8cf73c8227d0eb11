/** `leastpriv diff --format json`: the contract's shape, entries as the engine reports them. */
import type { AccessDiff } from '../../engine/access/diff.js';

export function diffJson(diff: AccessDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
