/** schemas/spec.schema.json describes the format the reader accepts: every blueprint validates against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { blueprintNames, blueprintText } from '../../src/generate/blueprints.js';
import { ROOT } from '../helpers/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/spec.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

test.each(blueprintNames())('blueprint %s validates against the spec schema', (name) => {
  const ok = validate(parse(blueprintText(name)));
  expect(validate.errors ?? [], name).toEqual([]);
  expect(ok).toBe(true);
});

test.each([
  ['a misspelt key', { roles: [{ name: 'r', trust: { service: 'x' }, permision: [] }] }],
  ['two trust kinds in one entry', { roles: [{ name: 'r', trust: { service: 'x', account: '1' } }] }],
  ['an unknown access level', { roles: [{ name: 'r', trust: { service: 'x' }, permissions: [{ access: ['reed'], resources: ['arn:aws:s3:::b'] }] }] }],
  ['names without resourceType', { roles: [{ name: 'r', trust: { service: 'x' }, permissions: [{ actions: ['s3:GetObject'], names: ['b'] }] }] }],
  ['no roles', { name: 'x' }],
])('the schema rejects %s', (_n, spec) => {
  expect(validate(spec)).toBe(false);
});
