import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLoaded } from '../../../src/lint/lint.js';
import unknownAction from '../../../src/lint/rules/unknown-action.js';
import { rebuildPolicyDocument } from '../../../src/policy/extract/terraform.js';
import { policiesFromText } from '../../../src/policy/input.js';
import { parseJson } from '../../../src/policy/json.js';
import type { LoadedPolicy } from '../../../src/policy/loaded.js';
import { toValue } from '../../../src/policy/tree.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/terraform');

function unknownActions(p: LoadedPolicy) {
  return lintLoaded(p, { rules: [unknownAction] }).findings.map((f) => ({ pointer: f.pointer, line: f.line, column: f.column }));
}

/** Line 1, column of `needle` (the plan is one line), searching from `from`. */
function col(text: string, needle: string, from = ''): { line: number; column: number } {
  const i = text.indexOf(needle, from ? text.indexOf(from) : 0);
  if (i < 0) throw new Error(`${needle} not found`);
  expect(text.slice(0, i)).not.toContain('\n');
  return { line: 1, column: i + 1 };
}

/** The policies and findings the plan of config/ must yield: [location, type, inline, unknown-action pointers]. */
const PLAN_POLICIES: [string, string, string | null, string[]][] = [
  ['aws_iam_group_policy.ops/policy', 'identity', 'group', ['/Statement/0/Action']],
  ['aws_iam_policy.describe/policy', 'identity', null, ['/Statement/0/Action']],
  // the data source's json (known while planning) is the role's trust policy: linted once, as trust
  ['aws_iam_role.builder/assume_role_policy', 'trust', null, []],
  ['aws_iam_role.builder/inline_policy/0/policy', 'identity', 'role', ['/Statement/0/Action/1']],
  ['aws_iam_user_policy.ci/policy', 'identity', 'user', []],
  ['aws_organizations_policy.deny_leave/content', 'scp', null, ['/Statement/0/Action']],
  ['aws_s3_bucket_policy.artifacts/policy', 'resource', null, []],
  ['module.ci["deploy"].aws_iam_role.this["deploy"]/assume_role_policy', 'trust', null, []],
  ['module.ci["deploy"].aws_sqs_queue_policy.jobs/policy', 'resource', null, ['/Statement/0/Action']],
  // the role policy's text is unknown until apply; its document is rebuilt from the data source's blocks
  ['data.aws_iam_policy_document.read_artifacts/statement', 'identity', null, ['/Statement/0/Action/0']],
];

function summary(policies: LoadedPolicy[]) {
  return policies.map((p) => [p.location, p.type, p.inline ?? null, unknownActions(p).map((f) => f.pointer)]);
}

describe('terraform show -json of a plan (fixture)', () => {
  const path = join(FIXTURES, 'plan.json');
  const text = readFileSync(path, 'utf8');
  const policies = policiesFromText(text, path);
  const byLocation = new Map(policies.map((p) => [p.location, p]));

  it('extracts every policy with its address, attribute and type; skips tag policies and mirrored documents', () => {
    expect(summary(policies)).toEqual(PLAN_POLICIES);
  });

  it('reports findings at the line and column of the text inside the plan (escaped quotes and \\u003c counted)', () => {
    const cases: [string, string, string][] = [
      ['aws_iam_group_policy.ops/policy', '\\"cloudwatch:GetMetricDatas', '"aws_iam_group_policy.ops"'],
      ['aws_iam_policy.describe/policy', '\\"ec2:DescribeInstance\\"', '"aws_iam_policy.describe"'],
      ['aws_iam_role.builder/inline_policy/0/policy', '\\"logs:PutLogEvent\\"', '"aws_iam_role.builder"'],
      ['aws_organizations_policy.deny_leave/content', '\\"organizations:LeaveOrganisation', '"aws_organizations_policy.deny_leave"'],
      ['module.ci["deploy"].aws_sqs_queue_policy.jobs/policy', '\\"sqs:SendMessages', 'aws_sqs_queue_policy.jobs'],
      // rebuilt: the action's own string in the data source's planned statement block
      ['data.aws_iam_policy_document.read_artifacts/statement', '"s3:GetObjekt"', '"data.aws_iam_policy_document.read_artifacts"'],
    ];
    for (const [location, needle, from] of cases) {
      const [finding] = unknownActions(byLocation.get(location)!);
      expect({ location, at: { line: finding!.line, column: finding!.column } }).toEqual({ location, at: col(text, needle, from) });
    }
  });

  it('the rebuilt document carries what the blocks say, with values unknown until apply as unresolved "*"', () => {
    const p = byLocation.get('data.aws_iam_policy_document.read_artifacts/statement')!;
    expect(p.typeGiven).toBe(false);
    expect(toValue(p.root!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:GetObjekt', 's3:ListBucket'],
          Resource: ['*', '*'],
          Condition: { StringEquals: { 'aws:PrincipalTag/team': ['build'] } },
        },
      ],
    });
    expect(p.document!.statements[0]!.resource!.items.every((i) => i.unresolved)).toBe(true);
    expect(p.document!.statements[0]!.action!.items.some((i) => i.unresolved)).toBe(false);
  });

  it('--type applies where the place does not tell the type (data sources), not to resources', () => {
    const typed = policiesFromText(text, path, { type: 'boundary' });
    expect(typed.find((p) => p.location.startsWith('data.'))!.type).toBe('boundary');
    expect(typed.find((p) => p.location === 'aws_iam_role.builder/assume_role_policy')!.type).toBe('trust');
  });
});

describe('terraform show -json of state (fixture)', () => {
  const path = join(FIXTURES, 'state.json');
  const policies = policiesFromText(readFileSync(path, 'utf8'), path);

  it('reads values; computed mirrors (aws_s3_bucket.policy, aws_sqs_queue.policy) and used data sources are not repeated', () => {
    expect(policies.map((p) => [p.location, p.type])).toEqual([
      ['aws_iam_group_policy.ops/policy', 'identity'],
      ['aws_iam_policy.describe/policy', 'identity'],
      ['aws_iam_role.builder/assume_role_policy', 'trust'],
      ['aws_iam_role.builder/inline_policy/0/policy', 'identity'],
      ['aws_iam_role_policy.read_artifacts/policy', 'identity'],
      ['aws_iam_user_policy.ci/policy', 'identity'],
      ['aws_organizations_policy.deny_leave/content', 'scp'],
      ['aws_s3_bucket_policy.artifacts/policy', 'resource'],
      ['module.ci["deploy"].aws_iam_role.this["deploy"]/assume_role_policy', 'trust'],
      ['module.ci["deploy"].aws_sqs_queue_policy.jobs/policy', 'resource'],
    ]);
    expect(policies.find((p) => p.location === 'aws_iam_role_policy.read_artifacts/policy')!.inline).toBe('role');
  });
});

describe('rebuilding an aws_iam_policy_document from its blocks', () => {
  const values = (v: unknown, unknown?: unknown) => {
    const parsed = parseJson(JSON.stringify(v));
    const u = unknown === undefined ? undefined : parseJson(JSON.stringify(unknown));
    if (!parsed.ok || parsed.node.kind !== 'object' || (u && !u.ok)) throw new Error('bad test value');
    const doc = rebuildPolicyDocument(parsed.node, u?.ok ? u.node : undefined);
    return doc && toValue(doc);
  };

  it('principals of one type merge; type "*" is Principal "*"; not_principals and not_actions map across', () => {
    expect(
      values({
        statement: [
          {
            effect: 'Deny',
            not_actions: ['s3:GetObject'],
            principals: [
              { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] },
              { type: 'AWS', identifiers: ['arn:aws:iam::444455556666:root'] },
            ],
            resources: ['*'],
          },
          { actions: ['s3:GetObject'], principals: [{ type: '*', identifiers: ['*'] }], not_principals: [], resources: ['*'] },
        ],
        version: null,
      }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root'] },
          NotAction: ['s3:GetObject'],
          Resource: ['*'],
        },
        { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: ['*'] },
      ],
    });
  });

  it('an attribute wholly unknown until apply is an unresolved "*"', () => {
    expect(values({ statement: [{ actions: ['s3:GetObject'], resources: null }] }, { statement: [{ resources: true }] })).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }],
    });
  });

  it('a document that merges other documents is not rebuilt (their content may be unknown)', () => {
    expect(values({ source_policy_documents: null, statement: [] }, { source_policy_documents: true })).toBeUndefined();
    expect(values({ override_policy_documents: ['{}'], statement: [] })).toBeUndefined();
  });

  it('statements from a dynamic block over an unknown collection: nothing to rebuild', () => {
    expect(values({ statement: null }, { statement: true })).toBeUndefined();
  });
});

/** Why the live Terraform test cannot run here, or undefined when it can. */
function terraformUnavailable(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'terraform')));
  if (!onPath) return 'terraform is not on PATH';
  if (!existsSync('/opt/tf-plugins')) return 'no provider mirror in /opt/tf-plugins';
  return undefined;
}

const unavailable = terraformUnavailable();

describe('real Terraform: init, plan, show -json, lint', () => {
  it.skipIf(unavailable !== undefined)(
    `plan of test/fixtures/terraform/config yields the fixture's policies${unavailable ? ` (skipped: ${unavailable})` : ''}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'leastpriv-tf-'));
      try {
        cpSync(join(FIXTURES, 'config'), dir, { recursive: true });
        const cliConfig = join(dir, 'cli.tfrc');
        writeFileSync(cliConfig, 'provider_installation {\n  filesystem_mirror {\n    path = "/opt/tf-plugins"\n  }\n}\n');
        const env = { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
        const tf = (...args: string[]) => execFileSync('terraform', args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
        tf('init', '-input=false', '-no-color');
        tf('plan', '-input=false', '-no-color', '-refresh=false', '-out', 'plan.bin');
        const plan = tf('show', '-json', 'plan.bin');
        expect(summary(policiesFromText(plan, 'plan.json'))).toEqual(PLAN_POLICIES);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
