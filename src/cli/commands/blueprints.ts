import type { Command } from 'commander';
import { blueprintNames, blueprintText, loadBlueprint } from '../../generate/blueprints.js';
import { SpecError } from '../../generate/errors.js';
import { COMMON_PARAMETERS } from '../../generate/parameters.js';
import type { Spec, SpecParameter, SpecTrust } from '../../generate/spec.js';
import { EXIT_OK, UsageError } from '../errors.js';
import { choice, write } from '../io.js';

export function registerBlueprints(program: Command): void {
  const cmd = program.command('blueprints').description('list and show the shipped blueprints (ready-made specs for leastpriv generate)');
  cmd
    .command('list')
    .description('list the blueprints')
    .option('--format <format>', 'text|json', 'text')
    .action((opts: { format: string }) => {
      process.exitCode = runList(opts.format);
    });
  cmd
    .command('show')
    .description('show a blueprint: what it is for, its parameters and roles (--format yaml prints the spec to start your own)')
    .argument('<name>', 'blueprint name')
    .option('--format <format>', 'text|json|yaml', 'text')
    .action((name: string, opts: { format: string }) => {
      process.exitCode = runShow(name, opts.format);
    });
}

function load(name: string): Spec {
  try {
    return loadBlueprint(name);
  } catch (e) {
    if (e instanceof SpecError) throw new UsageError(e.message);
    throw e;
  }
}

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text.trim());
  return (m ? m[1]! : text).replace(/\s+/g, ' ');
}

/** Common parameters first (as the generator orders them), then the blueprint's own. */
function parametersOf(spec: Spec): { name: string; required: boolean; default?: string; example?: string; description: string; common: boolean }[] {
  const own = new Map(spec.parameters.map((p) => [p.name, p]));
  const all: SpecParameter[] = [...COMMON_PARAMETERS.map((c) => ({ ...c, ...(own.get(c.name) ?? {}) })), ...spec.parameters.filter((p) => !COMMON_PARAMETERS.some((c) => c.name === p.name))];
  return all.map((p) => {
    const out: ReturnType<typeof parametersOf>[number] = { name: p.name, required: p.default === undefined, description: p.description || (COMMON_PARAMETERS.find((c) => c.name === p.name)?.description ?? ''), common: COMMON_PARAMETERS.some((c) => c.name === p.name) };
    if (p.default !== undefined) out.default = p.default;
    if (p.example !== undefined) out.example = p.example;
    return out;
  });
}

function trustText(t: SpecTrust): string {
  switch (t.kind) {
    case 'service':
      return `service ${t.services.map((s) => s.value).join(', ')}`;
    case 'aws':
      return `AWS ${t.principals.map((p) => p.value).join(', ')}${t.externalId ? ' (with external id)' : ''}`;
    case 'github':
      return `GitHub Actions OIDC, repository ${t.repository.value}${t.ref ? `, ref ${t.ref.value}` : ''}${t.environment ? `, environment ${t.environment.value}` : ''}`;
    case 'webIdentity':
      return `web identity ${t.provider.value}`;
  }
}

function runList(formatText: string): number {
  const format = choice('--format', formatText, ['text', 'json'] as const);
  const specs = blueprintNames().map(load);
  if (format === 'json') {
    write(`${JSON.stringify({ version: 1, blueprints: specs.map((s) => ({ name: s.name, description: s.description.trim(), parameters: parametersOf(s).filter((p) => !p.common).map((p) => p.name) })) }, null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...specs.map((s) => s.name.length));
  for (const s of specs) write(`${s.name.padEnd(width)}  ${firstSentence(s.description)}\n`);
  return EXIT_OK;
}

function runShow(name: string, formatText: string): number {
  const format = choice('--format', formatText, ['text', 'json', 'yaml'] as const);
  const spec = load(name);
  if (format === 'yaml') {
    write(blueprintText(name));
    return EXIT_OK;
  }
  const params = parametersOf(spec);
  const roles = spec.roles.map((r) => ({ name: r.name.value, description: r.description ?? '', trust: r.trust.map(trustText), ...(r.when ? { when: r.when.value } : {}) }));
  if (format === 'json') {
    write(`${JSON.stringify({ version: 1, name: spec.name, description: spec.description.trim(), parameters: params, roles }, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = [`${spec.name}`, '', spec.description.trim().replace(/\s+/g, ' '), '', 'Parameters:'];
  const width = Math.max(...params.map((p) => p.name.length));
  for (const p of params) {
    const value = p.required ? `(required${p.example ? `, e.g. ${p.example}` : ''})` : `default ${p.default === '' ? '""' : p.default}`;
    lines.push(`  ${p.name.padEnd(width)}  ${value} — ${p.description}`);
  }
  lines.push('', 'Roles:');
  for (const r of roles) lines.push(`  ${r.name}${r.when ? ` (when ${r.when} is set)` : ''}`, `    trusted: ${r.trust.join('; ')}`, ...(r.description ? [`    ${r.description}`] : []));
  const needsAccount = spec.roles.some((r) => r.trust.some((t) => t.kind !== 'service'));
  const required = (needsAccount ? ' --set account=123456789012' : '') + params.filter((p) => p.required).map((p) => ` --set ${p.name}=${p.example ?? 'VALUE'}`).join('');
  lines.push('', 'Generate:', `  leastpriv generate --blueprint ${spec.name}${required} --format terraform --out ./iam`, '');
  write(lines.join('\n'));
  return EXIT_OK;
}
