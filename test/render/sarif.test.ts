import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../src/lint/lint.js';
import { policyFromText } from '../../src/policy/loaded.js';
import { lintSarif } from '../../src/render/sarif.js';

// The SARIF 2.1.0 schema as Microsoft ships it (MIT) in @microsoft/jest-sarif; draft-04, hence ajv-draft-04.
const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS with its class on `default`.
interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
const Ajv = (require('ajv-draft-04') as { default: new (options: object) => { compile(schema: object): Validator } }).default;
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ecs:DescribeClsuters", "ec2:CancelSpotRequests"], "Resource": "*"}
  ]
}`;

describe('SARIF output', () => {
  const results = [lintLoaded(policyFromText(text, 'policies/ci.json'))];
  const sarif = JSON.parse(lintSarif(results)) as {
    runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: Record<string, unknown>[] }[];
  };

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('lists each rule that fired once, with a help URI', () => {
    const rules = sarif.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['unknown-action']);
    expect(rules[0]!.helpUri).toMatch(/^https:\/\/.+\/docs\/rules\/unknown-action\.md$/);
  });

  it('has one result per finding, with a region from line and column and the file as a relative URI', () => {
    const r = sarif.runs[0]!.results;
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({
      ruleId: 'unknown-action',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'policies/ci.json' }, region: { startLine: 4, startColumn: 36 } } }],
    });
  });

  it('the schema check is real: a result with an unknown level is rejected', () => {
    const broken = structuredClone(sarif);
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('is still valid SARIF with no findings', () => {
    const empty = JSON.parse(lintSarif([lintLoaded(policyFromText('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}', 'x.json'))]));
    expect(validate(empty)).toBe(true);
    expect(empty.runs[0].results).toEqual([]);
  });
});
