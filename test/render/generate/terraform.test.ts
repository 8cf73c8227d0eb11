import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hclString, hclValue } from '../../../src/render/generate/hcl.js';
import { render } from '../../../src/render/generate/terraform.js';
import { BUNDLES, DATA_PIPELINE, GITHUB_OIDC } from '../../fixtures/generate/bundles.js';

const TERRAFORM = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' }).status === 0;
const file = (files: ReturnType<typeof render>, path: string) => files.find((f) => f.path === path)!.content;

describe('terraform renderer: HCL string escaping', () => {
  const known = new Set(['project']);
  const ref = (n: string) => `var.${n}`;
  it.each([
    ['marker becomes a variable interpolation', '{project}-x', '"${var.project}-x"'],
    ['IAM policy variable is escaped as $${…} so Terraform leaves it to IAM', 'home/${aws:username}/*', '"home/$${aws:username}/*"'],
    ['template directive %{ is escaped as %%{', '100%{x}', '"100%%{x}"'],
    ['quotes, backslashes and newlines use HCL escapes', 'a "b" \\ c\nd', '"a \\"b\\" \\\\ c\\nd"'],
    ['${name} is an IAM policy variable, never a marker, even when a parameter has that name', 'cost $' + '{project}', '"cost $${project}"'],
    ['a $ not followed by { stays as it is', 'costs $5 {project}', '"costs $5 ${var.project}"'],
    ['an unknown {name} stays literal text', '{other}', '"{other}"'],
  ])('%s', (_why, template, hcl) => {
    expect(hclString(template, known, ref)).toBe(hcl);
  });
});

describe.each(BUNDLES.map((b) => [b.name, b] as const))('terraform renderer on %s', (_name, bundle) => {
  const files = render(bundle);

  it('writes main.tf, variables.tf, outputs.tf and terraform.tfvars, the same every time', () => {
    expect(files.map((f) => f.path)).toEqual(['main.tf', 'variables.tf', 'outputs.tf', 'terraform.tfvars']);
    expect(render(bundle)).toEqual(files);
  });

  it('declares one string variable per parameter, with a default only where the parameter has one', () => {
    const variables = file(files, 'variables.tf');
    for (const p of bundle.parameters) {
      const block = variables.slice(variables.indexOf(`variable "${p.name}" {`)).split('\n}')[0]!;
      expect(block).toContain('type        = string');
      if (p.default === undefined) expect(block).not.toContain('default');
      else expect(block).toContain(`default     = ${JSON.stringify(p.default).replace(/\$\{/g, '$${')}`);
    }
  });

  it('terraform.tfvars sets every parameter to the value in effect', () => {
    const tfvars = file(files, 'terraform.tfvars');
    const values = Object.fromEntries(
      [...tfvars.matchAll(/^(\w+) += (".*")$/gm)].map((m) => [m[1], JSON.parse(m[2]!.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as string]),
    );
    expect(values).toEqual(Object.fromEntries(bundle.parameters.map((p) => [p.name, p.value])));
  });

  it('has one aws_iam_role per role, an aws_iam_role_policy per inline policy, aws_iam_policy + attachment per managed one', () => {
    const main = file(files, 'main.tf');
    const count = (re: RegExp) => (main.match(re) ?? []).length;
    const policies = bundle.roles.flatMap((r) => r.policies);
    expect(count(/^resource "aws_iam_role" /gm)).toBe(bundle.roles.length);
    expect(count(/^resource "aws_iam_role_policy" /gm)).toBe(policies.filter((p) => p.kind === 'inline').length);
    expect(count(/^resource "aws_iam_policy" /gm)).toBe(policies.filter((p) => p.kind === 'managed').length);
    expect(count(/^resource "aws_iam_role_policy_attachment" /gm)).toBe(
      policies.filter((p) => p.kind === 'managed').length + bundle.roles.reduce((n, r) => n + r.managedPolicyArns.length, 0),
    );
    // Resource names are unique HCL identifiers.
    const names = [...main.matchAll(/^resource "(\w+)" "([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.split('.')[1]).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  it('no {param} marker is left in a Terraform string: each became ${var.…}', () => {
    const main = file(files, 'main.tf').split('\n').filter((l) => !l.startsWith('#'));
    for (const p of bundle.parameters) expect(main.join('\n')).not.toContain(`{${p.name}}`);
  });

  it.skipIf(!TERRAFORM)('every file parses and is already `terraform fmt` formatted', () => {
    for (const f of files) {
      const r = spawnSync('terraform', ['fmt', '-no-color', '-'], { input: f.content, encoding: 'utf8' });
      expect(r.status, `${f.path}: ${r.stderr}`).toBe(0);
      expect(r.stdout, f.path).toBe(f.content);
    }
  });
});

describe('terraform renderer specifics', () => {
  it('a JSON key with a marker becomes a parenthesised template expression (HCL evaluates it, not a bare name)', () => {
    const lines = hclValue({ '{issuer}:sub': 'repo:{issuer}' }, new Set(['issuer']), (n) => `var.${n}`);
    expect(lines).toEqual(['{', '  ("${var.issuer}:sub") = "repo:${var.issuer}"', '}']);
  });
  it('keeps IAM policy variables for IAM: ${aws:PrincipalTag/team} is written $${aws:PrincipalTag/team}', () => {
    const main = file(render(GITHUB_OIDC), 'main.tf');
    expect(main).toContain('"arn:aws:s3:::${var.bucket}/${var.repo}/$${aws:PrincipalTag/team}/*"');
  });
  it('attaches a managed kind policy by its own resource ARN and the AWS managed one by literal ARN', () => {
    const main = file(render(DATA_PIPELINE), 'main.tf');
    expect(main).toContain('policy_arn = aws_iam_policy.pipeline_write.arn');
    expect(main).toContain('policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"');
  });
});
