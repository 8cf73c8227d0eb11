/**
 * Shared by the IaC renderers: a template string split into literal text and `{param}` markers, so that each
 * language escapes the literal text its own way and writes a marker as its own reference (a Terraform variable, a
 * CloudFormation parameter, a TypeScript property, a shell variable). Only markers naming a bundle parameter are
 * references; any other `{…}` stays literal text, as `substitute` leaves it.
 */
import { markersIn, type GeneratedBundle, type JsonValue } from '../../generate/model.js';

export type Piece = { kind: 'text'; text: string } | { kind: 'param'; name: string };

const MARKER = /(?<!\$)\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export function pieces(template: string, known: ReadonlySet<string>): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  const text = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const m of template.matchAll(MARKER)) {
    if (!known.has(m[1]!)) continue;
    text(template.slice(last, m.index));
    out.push({ kind: 'param', name: m[1]! });
    last = m.index + m[0].length;
  }
  text(template.slice(last));
  return out;
}

export function hasMarkers(template: string, known: ReadonlySet<string>): boolean {
  return markersIn(template).some((n) => known.has(n));
}

export function parameterNames(bundle: GeneratedBundle): Set<string> {
  return new Set(bundle.parameters.map((p) => p.name));
}

/** Words of a name for identifiers: `{project}-ecs-exec` → [project, ecs, exec]; camelCase splits too. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function pascalCase(name: string): string {
  return words(name)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

export function snakeCase(name: string): string {
  return words(name).join('_');
}

/** Hands out identifiers, appending 2, 3, … when one is taken (case-insensitively, as some languages compare). */
export class UniqueNames {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r.toLowerCase());
  }
  take(wanted: string, join = ''): string {
    let candidate = wanted;
    for (let i = 2; this.taken.has(candidate.toLowerCase()); i++) candidate = `${wanted}${join}${i}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** A role's or policy's name without its markers, for identifiers: `{project}-ecs-exec` → `ecs-exec`. */
export function stripMarkers(template: string, known: ReadonlySet<string>): string {
  const text = pieces(template, known)
    .filter((p) => p.kind === 'text')
    .map((p) => (p as { text: string }).text)
    .join('-');
  return words(text).length > 0 ? text : template.replace(/[{}]/g, '');
}

export function isJsonObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
