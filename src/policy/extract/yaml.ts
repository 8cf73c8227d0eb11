/**
 * YAML (CloudFormation's dialect) → the positioned `JsonNode` tree. The `yaml` package is loaded on first use
 * only, so that linting JSON never pays for it. CloudFormation's short-form intrinsics (`!Sub x`) become their
 * long form (`{"Fn::Sub": x}`), exactly as CloudFormation reads them.
 *
 * Hostile input is bounded three ways: flow collections nested deeper than MAX_DEPTH are refused before the
 * parser sees them (the parser's own recursion exhausts memory on ~100k open brackets), conversion stops at
 * MAX_DEPTH levels (alias cycles included), and alias expansion is budgeted (billion laughs): the nodes produced
 * through aliases may not exceed the input's length (at least ALIAS_NODE_FLOOR). We walk the parser's AST
 * ourselves instead of calling `toJS`, so yaml's own `maxAliasCount` never comes into play.
 */
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';
import { MAX_DEPTH, type JsonSyntaxError } from '../json.js';
import type { JsonNode, ObjectNode, Property } from '../tree.js';

let yamlModule: typeof YamlModule | undefined;
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

/** Alias expansion may produce at least this many nodes, whatever the input's size. */
export const ALIAS_NODE_FLOOR = 10_000;

/** Short-form tags and the long-form key each stands for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

export interface YamlDuplicateKey {
  key: string;
  offset: number;
  object: ObjectNode;
}

export type YamlParseResult =
  | { ok: true; node: JsonNode; duplicateKeys: YamlDuplicateKey[] }
  | { ok: false; error: JsonSyntaxError };

class YamlFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Offset of the first flow collection nested deeper than `limit`, or -1. Linear; quotes are not tracked. */
export function flowDepthExceeded(text: string, limit = MAX_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

export function parseYaml(text: string): YamlParseResult {
  const deep = flowDepthExceeded(text);
  if (deep >= 0) return { ok: false, error: { message: `nesting deeper than ${MAX_DEPTH} levels`, offset: deep } };
  const Y = yaml();
  // uniqueKeys off: a repeated key is reported by the duplicate-key rule with its position, as for JSON.
  const doc = Y.parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  const err = doc.errors[0];
  if (err) return { ok: false, error: { message: `invalid YAML: ${err.message}`, offset: err.pos[0] } };
  const converter = new Converter(text, Y, Math.max(ALIAS_NODE_FLOOR, text.length));
  try {
    const node = doc.contents ? converter.node(doc.contents, 0, false) : { kind: 'null' as const, start: 0, end: 0 };
    return { ok: true, node, duplicateKeys: converter.duplicates };
  } catch (e) {
    if (e instanceof YamlFailure) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

type YNode = YamlModule.Node;

class Converter {
  readonly duplicates: YamlDuplicateKey[] = [];
  private readonly anchors = new Map<string, YNode>();
  private aliasBudget: number;

  constructor(
    private readonly text: string,
    private readonly Y: typeof YamlModule,
    aliasBudget: number,
  ) {
    this.aliasBudget = aliasBudget;
  }

  node(n: YNode, depth: number, viaAlias: boolean): JsonNode {
    const [start, end] = n.range ?? [0, 0];
    if (depth > MAX_DEPTH) throw new YamlFailure(`nesting deeper than ${MAX_DEPTH} levels`, start);
    if (viaAlias && --this.aliasBudget < 0) {
      throw new YamlFailure('YAML aliases expand to too many nodes (an alias bomb?)', start);
    }
    const Y = this.Y;
    if (Y.isAlias(n)) {
      const target = this.anchors.get(n.source);
      if (!target) throw new YamlFailure(`alias *${n.source} has no anchor before it`, start);
      return this.node(target, depth + 1, true);
    }
    if (n.anchor) this.anchors.set(n.anchor, n);
    const tag = n.tag;
    const long = tag ? SHORT_FORMS[tag] : undefined;
    const value = this.plain(n, depth, viaAlias, start, end);
    if (!long) return value;
    let arg = value;
    // `!GetAtt Res.Attr` is the scalar form of `Fn::GetAtt: [Res, Attr]` (the attribute may contain dots).
    if (long === 'Fn::GetAtt' && value.kind === 'string') {
      const dot = value.value.indexOf('.');
      if (dot > 0) {
        const quoted = this.text[value.start] === '"' || this.text[value.start] === "'" ? 1 : 0;
        const split = value.start + quoted + dot;
        arg = {
          kind: 'array',
          start: value.start,
          end: value.end,
          items: [
            { kind: 'string', value: value.value.slice(0, dot), start: value.start, end: split },
            { kind: 'string', value: value.value.slice(dot + 1), start: split + 1, end: value.end },
          ],
        };
      }
    }
    return { kind: 'object', start, end, props: [{ key: long, keyStart: start, value: arg }] };
  }

  private plain(n: YNode, depth: number, viaAlias: boolean, start: number, end: number): JsonNode {
    const Y = this.Y;
    if (Y.isMap(n)) {
      const props: Property[] = [];
      const obj: ObjectNode = { kind: 'object', start, end, props };
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key as YNode | null;
        const keyStart = k?.range?.[0] ?? start;
        const key = this.keyText(k);
        const value: JsonNode = pair.value
          ? this.node(pair.value as YNode, depth + 1, viaAlias)
          : { kind: 'null', start: k?.range?.[1] ?? keyStart, end: k?.range?.[1] ?? keyStart };
        if (seen.has(key)) this.duplicates.push({ key, offset: keyStart, object: obj });
        seen.add(key);
        props.push({ key, keyStart, value });
      }
      return obj;
    }
    if (Y.isSeq(n)) {
      return { kind: 'array', start, end, items: n.items.map((it) => this.item(it, depth, viaAlias, end)) };
    }
    if (Y.isScalar(n)) {
      const v = n.value;
      if (v === null || v === undefined) return { kind: 'null', start, end };
      if (typeof v === 'boolean') return { kind: 'boolean', value: v, start, end };
      if (typeof v === 'number') return { kind: 'number', value: v, raw: this.text.slice(start, end), start, end };
      if (typeof v === 'string') return { kind: 'string', value: v, start, end };
      return { kind: 'string', value: this.text.slice(start, end), start, end };
    }
    return { kind: 'null', start, end };
  }

  private item(it: unknown, depth: number, viaAlias: boolean, end: number): JsonNode {
    if (it && typeof it === 'object' && 'range' in it) return this.node(it as YNode, depth + 1, viaAlias);
    return { kind: 'null', start: end, end };
  }

  private keyText(k: YNode | null): string {
    if (!k) return '';
    if (this.Y.isScalar(k)) return k.value === null || k.value === undefined ? '' : String(k.value);
    const [s, e] = k.range ?? [0, 0];
    return this.text.slice(s, e);
  }
}
