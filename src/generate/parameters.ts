/**
 * Parameters of a generation: the five common ones every spec has, the spec's own, and `--set` overrides.
 * A default may refer to other parameters (`{project}-*`); the model carries it resolved, so that a renderer that
 * turns parameters into variables gets a literal default.
 */
import type { Parameter } from './model.js';
import { markersIn, substitute } from './model.js';
import type { Spec, SpecParameter } from './spec.js';
import { SpecError } from './errors.js';

export const COMMON_PARAMETERS: readonly SpecParameter[] = [
  { name: 'project', description: 'project name, the first part of every resource and role name', default: 'myapp', offset: -1 },
  { name: 'environment', description: 'environment name (dev, staging, prod…)', default: 'dev', offset: -1 },
  { name: 'account', description: 'AWS account id of the roles and resources; * allows any account in resource ARNs', default: '*', offset: -1 },
  { name: 'region', description: 'AWS region of the resources; * allows every region', default: '*', offset: -1 },
  { name: 'partition', description: 'AWS partition (aws, aws-cn, aws-us-gov)', default: 'aws', offset: -1 },
];

/** Parses `KEY=VALUE` (the value may be empty and may contain `=`). */
export function parseSet(text: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SpecError(`--set takes KEY=VALUE, e.g. --set project=shop (got "${text}")`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** The parameters in effect: declared order (common first), values from `sets`, else defaults resolved. */
export function resolveParameters(spec: Spec, sets: ReadonlyMap<string, string>): Parameter[] {
  const declared: SpecParameter[] = [];
  for (const c of COMMON_PARAMETERS) {
    const own = spec.parameters.find((p) => p.name === c.name);
    declared.push(own ? { ...c, ...own, description: own.description || c.description } : c);
  }
  for (const p of spec.parameters) if (!COMMON_PARAMETERS.some((c) => c.name === p.name)) declared.push(p);
  for (const key of sets.keys()) {
    if (!declared.some((p) => p.name === key)) {
      throw new SpecError(`unknown parameter "${key}" in --set; ${spec.name} takes ${declared.map((p) => p.name).join(', ')}`);
    }
  }
  const raw = new Map<string, string | undefined>(declared.map((p) => [p.name, sets.get(p.name) ?? p.default]));
  const missing = declared.filter((p) => raw.get(p.name) === undefined);
  if (missing.length > 0) {
    const m = missing[0]!;
    throw new SpecError(`parameter "${m.name}" has no value; add --set ${m.name}=${m.example ?? 'VALUE'}${m.description ? ` (${m.description})` : ''}`);
  }
  // Resolve references between values; a chain longer than the parameter count is a cycle.
  const values = new Map<string, string>(raw as Map<string, string>);
  for (let round = 0; ; round++) {
    let changed = false;
    for (const [k, v] of values) {
      const next = substitute(v, values);
      if (next !== v) {
        values.set(k, next);
        changed = true;
      }
    }
    if (!changed) break;
    if (round > declared.length) break;
  }
  const cyclic = [...values.keys()].filter((k) => markersIn(values.get(k)!).some((m) => values.has(m)));
  if (cyclic.length > 0) throw new SpecError(`parameter values refer to each other in a cycle (${cyclic.join(', ')}); give one of them a plain value`);
  for (const [k, v] of values) {
    const unknown = markersIn(v).filter((m) => !values.has(m));
    if (unknown.length > 0) {
      const declaredAt = spec.parameters.find((p) => p.name === k)?.offset;
      const message = `the value of parameter "${k}" refers to {${unknown[0]}}, which is not a parameter; declare ${unknown[0]} under parameters: or write the text without braces`;
      throw declaredAt !== undefined && !sets.has(k) ? spec.source.error(declaredAt, message) : new SpecError(message);
    }
  }
  return declared.map((p) => {
    const out: Parameter = { name: p.name, description: p.description, value: values.get(p.name)! };
    if (p.default !== undefined) out.default = substitute(p.default, values);
    return out;
  });
}
