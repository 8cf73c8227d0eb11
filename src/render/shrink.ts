/** `leastpriv shrink` output: the policy (or the split set) as JSON, and for `--format text` a summary first. */
import type { ShrinkResult } from '../engine/shrink/index.js';
import { compactSize } from '../engine/shrink/index.js';

export function shrinkJson(result: ShrinkResult, split: boolean): string {
  const value = split && result.documents.length > 1 ? result.documents : result.policy;
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function shrinkText(result: ShrinkResult, split: boolean, maxChars: number): string {
  const saved = result.before - result.after;
  const pct = result.before > 0 ? Math.round((saved / result.before) * 100) : 0;
  const lines = [
    `shrunk from ${result.before} to ${result.after} characters (${pct}% smaller; white space not counted, as IAM counts)`,
  ];
  if (split && result.documents.length > 1) {
    lines.push(`split into ${result.documents.length} policies: ${result.documents.map((d) => compactSize(d)).join(', ')} characters`);
  } else if (result.after > maxChars) {
    lines.push(`still over the limit of ${maxChars} characters; --split spreads it over several managed policies`);
  }
  return `${lines.join('\n')}\n\n${shrinkJson(result, split)}`;
}
