import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLOUDFORMATION_TYPES } from '../../../src/policy/extract/cloudformation.js';
import { TERRAFORM_TYPES } from '../../../src/policy/extract/terraform.js';

it('docs/inputs.md names every resource type whose policies are extracted', () => {
  const docs = readFileSync(join(import.meta.dirname, '../../../docs/inputs.md'), 'utf8');
  const missing = [
    ...CLOUDFORMATION_TYPES.filter((t) => !docs.includes(`\`${t}\``)),
    ...TERRAFORM_TYPES.filter((t) => !docs.includes(`\`${t}\``)),
  ];
  expect(missing).toEqual([]);
});
