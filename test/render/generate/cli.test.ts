import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolveBundle, type GeneratedBundle } from '../../../src/generate/model.js';
import { render } from '../../../src/render/generate/cli.js';
import { BUNDLES, CROSS_ACCOUNT, DATA_PIPELINE } from '../../fixtures/generate/bundles.js';

const script = (bundle: GeneratedBundle) => render(bundle)[0]!.content;

/** The script up to its first role: helper functions and parameters, without the account look-up (no AWS calls). */
function prelude(bundle: GeneratedBundle): string {
  const text = script(bundle);
  return text.slice(0, text.indexOf('\nrole_name=')).replace(/^IFS=:.*$/m, '');
}

function bash(program: string, env: Record<string, string> = {}): string {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', program], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/** A variable's value after the script's parameter section ran. */
function evaluate(bundle: GeneratedBundle, variable: string, env: Record<string, string> = {}): string {
  return bash(`${prelude(bundle)}\nprintf '%s' "$${variable}"`, env);
}

describe.each(BUNDLES.map((b) => [b.name, b] as const))('cli renderer on %s', (_name, bundle) => {
  it('writes one executable apply.sh (mode 0755, bash shebang, set -euo pipefail), the same every time', () => {
    const files = render(bundle);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: 'apply.sh', mode: 0o755 });
    expect(files[0]!.content.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    expect(files[0]!.content).toContain('\nset -euo pipefail\n');
    expect(render(bundle)).toEqual(files);
  });

  it('parses as bash (bash -n)', () => {
    const r = spawnSync('bash', ['-n'], { input: script(bundle), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('declares every parameter as an environment-overridable variable defaulting to the value in effect', () => {
    for (const p of bundle.parameters) {
      const variable = p.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
      expect(script(bundle)).toContain(`\n${variable}=\${${variable}:-'`);
      expect(evaluate(bundle, variable)).toBe(p.value);
      expect(evaluate(bundle, variable, { [variable]: 'over/ride&' })).toBe('over/ride&');
    }
  });

  it('every trust and policy document evaluates in bash to exactly the resolved JSON', () => {
    const resolved = resolveBundle(bundle);
    const text = script(bundle);
    const docs = resolved.roles.flatMap((r) => [r.trustPolicy, ...r.policies.map((p) => p.document)]);
    // Documents are assigned in order; evaluate each assignment by its occurrence.
    const parts = text.split(/\n(?=(?:trust_policy|policy_document)=)/).slice(1);
    expect(parts).toHaveLength(docs.length);
    parts.forEach((part, i) => {
      const name = part.startsWith('trust_policy') ? 'trust_policy' : 'policy_document';
      const assignment = part.slice(0, part.indexOf("}'\n") + 2);
      expect(JSON.parse(bash(`${prelude(bundle)}\n${assignment}\nprintf '%s' "$${name}"`))).toEqual(docs[i]);
    });
  });
});

describe('cli renderer specifics', () => {
  it('an IAM policy variable stays inside single quotes, so bash never expands ${aws:username}', () => {
    expect(script(DATA_PIPELINE)).toMatch(/'[^']*\$\{aws:username\}[^']*'/);
  });
  it('a value with quotes, $ and & is JSON-escaped in documents (the ExternalId condition)', () => {
    const text = script(CROSS_ACCOUNT);
    expect(text).toContain(`"sts:ExternalId": "'"\${json_EXTERNAL_ID}"'"`);
    expect(evaluate(CROSS_ACCOUNT, 'json_EXTERNAL_ID')).toBe('a/b&c$d\\"e');
  });
  it('a parameter named like a shell or AWS CLI variable gets a PARAM_ prefix instead of overwriting it', () => {
    const bundle: GeneratedBundle = { ...CROSS_ACCOUNT, parameters: [...CROSS_ACCOUNT.parameters, { name: 'path', description: 'p', value: '/x/' }, { name: 'awsRegion', description: 'r', value: 'us-east-1' }] };
    expect(script(bundle)).toContain("\nPARAM_PATH=${PARAM_PATH:-'/x/'}");
    expect(script(bundle)).toContain("\nPARAM_AWS_REGION=${PARAM_AWS_REGION:-'us-east-1'}");
  });
  it('looks up the caller account only when a customer managed policy needs an ARN', () => {
    expect(script(DATA_PIPELINE)).toContain('get-caller-identity');
    expect(script(CROSS_ACCOUNT)).not.toContain('get-caller-identity');
  });
});
