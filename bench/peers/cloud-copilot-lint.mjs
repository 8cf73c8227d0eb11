// Peer for the lint benchmark (dev-only, AGPL — never imported from src/): @cloud-copilot/iam-policy's
// validateIdentityPolicy (syntax) plus @cloud-copilot/iam-expand (does every action exist?) over the same corpus
// files, in one process. Prints the number of findings it produced.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateIdentityPolicy } from '@cloud-copilot/iam-policy';
import { expandIamActions } from '@cloud-copilot/iam-expand';

const dir = process.argv[2];
let findings = 0;
let crashed = 0;
for (const f of readdirSync(dir).sort()) {
  if (!f.endsWith('.json')) continue;
  try {
    const doc = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    findings += validateIdentityPolicy(doc).length;
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const s of statements) {
      const actions = [].concat(s.Action ?? s.NotAction ?? []);
      for (const a of actions) {
        if (a === '*') continue;
        const expanded = await expandIamActions(a, { invalidActionBehavior: 'Remove' });
        if (expanded.length === 0) findings++;
      }
    }
  } catch {
    crashed++;
  }
}
console.log(JSON.stringify({ findings, crashed }));
