/**
 * CloudFormation intrinsic functions inside policy documents, resolved as far as a template alone allows.
 *
 * - Literals stay literal. `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap` and `Fn::Base64` over
 *   literal parts resolve fully (`${!Literal}` in `Fn::Sub` is the literal `${Literal}`, which is how templates
 *   write IAM policy variables).
 * - Everything only known at deploy time (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, pseudo parameters such as
 *   `${AWS::Partition}`, parameters) becomes `*` in the text, and the string node is marked `unresolved`, so
 *   rules can reason about the known parts (`arn:*:s3:::*`) while rules that judge literal text skip it.
 * - `Fn::If` has no single value. In a list (a `Statement`, `Action` or `Resource` array) both branches are
 *   spliced in, so each is checked. As a property value, a branch that is `AWS::NoValue` yields to the other;
 *   two string branches merge into one unresolved string keeping their common prefix and suffix
 *   (`arn:aws:s3:::prod-data` | `arn:aws:s3:::dev-data` → `arn:aws:s3:::*-data`); two structures lint the
 *   first (true) branch.
 * - `Ref: AWS::NoValue` removes the list item or property, as in CloudFormation.
 */
import type { JsonNode, ObjectNode, StringNode } from '../tree.js';
import { getProperty } from '../tree.js';
import { stringOffsets } from './offsets.js';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;

/** A resolved string: its text (`*` for unknown parts), each character's source offset and unknown flag. */
export interface ResolvedText {
  text: string;
  offsets: number[];
  unknown: number[];
}

export interface TemplateSource {
  /** the template's text, for mapping string characters to offsets */
  text: string;
  yaml: boolean;
  /** the template's `Mappings` section, for `Fn::FindInMap` with literal keys */
  mappings?: ObjectNode | undefined;
}

/** `{"Ref": …}` or `{"Fn::…": …}`: an object with one key naming an intrinsic function. */
export function intrinsicName(n: JsonNode): string | undefined {
  if (n.kind !== 'object' || n.props.length !== 1) return undefined;
  const key = n.props[0]!.key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

export function isNoValue(n: JsonNode): boolean {
  return intrinsicName(n) === 'Ref' && n.kind === 'object' && n.props[0]!.value.kind === 'string' && n.props[0]!.value.value === 'AWS::NoValue';
}

export function hasUnknown(r: ResolvedText): boolean {
  return r.unknown.includes(1);
}

class TextBuilder implements ResolvedText {
  text = '';
  offsets: number[] = [];
  unknown: number[] = [];

  literal(s: string, offsets: ArrayLike<number>, from = 0): void {
    this.text += s;
    for (let i = 0; i < s.length; i++) {
      this.offsets.push(offsets[from + i] ?? offsets[offsets.length - 1] ?? 0);
      this.unknown.push(0);
    }
  }

  /** an unknown part: one `*`, merged with an unknown part right before it */
  hole(at: number): void {
    if (this.unknown[this.unknown.length - 1] === 1) return;
    this.text += '*';
    this.offsets.push(at);
    this.unknown.push(1);
  }

  append(r: ResolvedText): void {
    for (let i = 0; i < r.text.length; i++) {
      if (r.unknown[i]) this.hole(r.offsets[i]!);
      else {
        this.text += r.text[i];
        this.offsets.push(r.offsets[i]!);
        this.unknown.push(0);
      }
    }
  }
}

/** Common prefix and suffix lengths of two strings (not overlapping in the shorter one). */
function affixes(a: string, b: string): [number, number] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a[p] === b[p]) p++;
  let s = 0;
  while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [p, s];
}

export class Resolver {
  /** template object → its resolved copy, for mapping duplicate keys into extracted policies */
  readonly copies = new Map<ObjectNode, ObjectNode>();

  constructor(private readonly src: TemplateSource) {}

  private literalText(n: StringNode): ResolvedText {
    const b = new TextBuilder();
    b.literal(n.value, stringOffsets(this.src.text, n, this.src.yaml));
    return b;
  }

  private unknownText(at: number): ResolvedText {
    const b = new TextBuilder();
    b.hole(at);
    return b;
  }

  /** The string a value evaluates to, or NO_VALUE for `Ref: AWS::NoValue`. */
  text(n: JsonNode, depth = 0): ResolvedText | NoValue {
    if (depth > 64) return this.unknownText(n.start);
    switch (n.kind) {
      case 'string':
        return this.literalText(n);
      case 'number': {
        const b = new TextBuilder();
        b.literal(n.raw, Array.from({ length: n.raw.length }, (_, i) => n.start + i));
        return b;
      }
      case 'boolean': {
        const b = new TextBuilder();
        const s = String(n.value);
        b.literal(s, Array.from({ length: s.length }, () => n.start));
        return b;
      }
      case 'object': {
        const fn = intrinsicName(n);
        if (!fn) return this.unknownText(n.start);
        return this.call(fn, n.props[0]!.value, n, depth);
      }
      default:
        return this.unknownText(n.start);
    }
  }

  private call(fn: string, arg: JsonNode, n: JsonNode, depth: number): ResolvedText | NoValue {
    const args = arg.kind === 'array' ? arg.items : undefined;
    switch (fn) {
      case 'Ref':
        return arg.kind === 'string' && arg.value === 'AWS::NoValue' ? NO_VALUE : this.unknownText(n.start);
      case 'Fn::Sub':
        return this.sub(arg, n, depth);
      case 'Fn::Join': {
        if (!args || args.length !== 2) return this.unknownText(n.start);
        const delim = this.text(args[0]!, depth + 1);
        const list = args[1]!;
        if (delim === NO_VALUE || hasUnknown(delim)) return this.unknownText(n.start);
        const parts = this.list(list, depth + 1);
        if (!parts) return this.unknownText(n.start);
        const b = new TextBuilder();
        parts.forEach((p, i) => {
          if (i > 0) b.append(delim);
          b.append(p);
        });
        return b;
      }
      case 'Fn::Select': {
        if (!args || args.length !== 2) return this.unknownText(n.start);
        const index = this.text(args[0]!, depth + 1);
        if (index === NO_VALUE || hasUnknown(index) || !/^[0-9]+$/.test(index.text)) return this.unknownText(n.start);
        const parts = this.list(args[1]!, depth + 1);
        return parts?.[Number(index.text)] ?? this.unknownText(n.start);
      }
      case 'Fn::FindInMap': {
        if (!args || args.length < 3) return this.unknownText(n.start);
        const keys = args.slice(0, 3).map((k) => this.text(k, depth + 1));
        const found = this.findInMap(keys);
        if (found) return this.text(found, depth + 1);
        // Fn::FindInMap's optional fourth argument (AWS::LanguageExtensions) is the default value.
        const dflt = args[3]?.kind === 'object' ? getProperty(args[3], 'DefaultValue')?.value : undefined;
        return dflt && keys.every((k) => k !== NO_VALUE && !hasUnknown(k)) ? this.text(dflt, depth + 1) : this.unknownText(n.start);
      }
      case 'Fn::Base64': {
        const inner = this.text(arg, depth + 1);
        if (inner === NO_VALUE || hasUnknown(inner)) return this.unknownText(n.start);
        const enc = Buffer.from(inner.text, 'utf8').toString('base64');
        const b = new TextBuilder();
        b.literal(enc, Array.from({ length: enc.length }, () => n.start));
        return b;
      }
      case 'Fn::If': {
        if (!args || args.length !== 3) return this.unknownText(n.start);
        const a = this.text(args[1]!, depth + 1);
        const c = this.text(args[2]!, depth + 1);
        return this.merge(a === NO_VALUE ? undefined : a, c === NO_VALUE ? undefined : c, n.start);
      }
      default:
        // Fn::GetAtt, Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Split (a list), conditions, transforms…
        return this.unknownText(n.start);
    }
  }

  /** Two possible values as one: equal known texts stay; otherwise common prefix, `*`, common suffix. */
  private merge(a: ResolvedText | undefined, b: ResolvedText | undefined, at: number): ResolvedText {
    const out = new TextBuilder();
    if (a && b && a.text === b.text && !hasUnknown(a) && !hasUnknown(b)) return a;
    if (!a || !b) {
      out.hole(at);
      return out;
    }
    const [p, s] = affixes(a.text, b.text);
    // A `*` that stands for an unknown part is not text both branches share.
    let pre = 0;
    while (pre < p && !a.unknown[pre] && !b.unknown[pre]) pre++;
    let suf = 0;
    while (suf < s && !a.unknown[a.text.length - 1 - suf] && !b.unknown[b.text.length - 1 - suf]) suf++;
    out.literal(a.text.slice(0, pre), a.offsets);
    out.hole(a.offsets[pre] ?? at);
    out.literal(a.text.slice(a.text.length - suf), a.offsets, a.text.length - suf);
    return out;
  }

  /** The strings of a literal list (`[a, !Ref B]`, or `Fn::Split` of known text); undefined when unknown. */
  private list(n: JsonNode, depth: number): ResolvedText[] | undefined {
    if (n.kind === 'array') {
      const out: ResolvedText[] = [];
      for (const it of n.items) {
        const r = this.text(it, depth + 1);
        if (r !== NO_VALUE) out.push(r);
      }
      return out;
    }
    if (intrinsicName(n) === 'Fn::Split' && n.kind === 'object') {
      const args = n.props[0]!.value;
      if (args.kind !== 'array' || args.items.length !== 2) return undefined;
      const delim = this.text(args.items[0]!, depth + 1);
      const whole = this.text(args.items[1]!, depth + 1);
      if (delim === NO_VALUE || whole === NO_VALUE || hasUnknown(delim) || hasUnknown(whole) || delim.text === '') return undefined;
      const out: ResolvedText[] = [];
      let from = 0;
      for (;;) {
        const at = whole.text.indexOf(delim.text, from);
        const end = at < 0 ? whole.text.length : at;
        const b = new TextBuilder();
        b.literal(whole.text.slice(from, end), whole.offsets, from);
        out.push(b);
        if (at < 0) break;
        from = at + delim.text.length;
      }
      return out;
    }
    return undefined;
  }

  private findInMap(keys: (ResolvedText | NoValue)[]): JsonNode | undefined {
    const m = this.src.mappings;
    if (!m || keys.some((k) => k === NO_VALUE || hasUnknown(k))) return undefined;
    let node: JsonNode | undefined = m;
    for (const k of keys as ResolvedText[]) {
      if (node?.kind !== 'object') return undefined;
      node = getProperty(node, k.text)?.value;
    }
    return node && (node.kind === 'string' || node.kind === 'number' || node.kind === 'boolean') ? node : undefined;
  }

  private sub(arg: JsonNode, n: JsonNode, depth: number): ResolvedText {
    let template: JsonNode | undefined = arg;
    let vars: ObjectNode | undefined;
    if (arg.kind === 'array') {
      template = arg.items[0];
      const v = arg.items[1];
      if (v?.kind === 'object') vars = v;
    }
    if (template?.kind !== 'string') return this.unknownText(n.start);
    const s = template.value;
    const offs = stringOffsets(this.src.text, template, this.src.yaml);
    const b = new TextBuilder();
    let i = 0;
    while (i < s.length) {
      const k = s.indexOf('${', i);
      if (k < 0) break;
      b.literal(s.slice(i, k), offs, i);
      if (s[k + 2] === '!') {
        // `${!Name}` is the literal text `${Name}`
        b.literal('${', offs, k);
        i = k + 3;
        continue;
      }
      const close = s.indexOf('}', k + 2);
      if (close < 0) {
        i = k;
        break;
      }
      const name = s.slice(k + 2, close);
      const bound = vars ? getProperty(vars, name) : undefined;
      const value = bound ? this.text(bound.value, depth + 1) : undefined;
      if (value && value !== NO_VALUE) b.append(value);
      else b.hole(offs[k] ?? n.start);
      i = close + 1;
    }
    if (i < s.length) b.literal(s.slice(i), offs, i);
    return b;
  }

  /**
   * A policy subtree with every intrinsic replaced by a string node (or spliced/merged, for `Fn::If`), or
   * NO_VALUE when the whole value is `Ref: AWS::NoValue`.
   */
  tree(n: JsonNode, depth = 0): JsonNode | NoValue {
    if (n.kind === 'array') {
      const items: JsonNode[] = [];
      for (const it of n.items) {
        if (intrinsicName(it) === 'Fn::If' && it.kind === 'object') {
          const args = it.props[0]!.value;
          if (args.kind === 'array' && args.items.length === 3) {
            for (const branch of args.items.slice(1)) {
              const r = this.tree(branch, depth + 1);
              if (r !== NO_VALUE) items.push(r);
            }
            continue;
          }
        }
        const r = this.tree(it, depth + 1);
        if (r !== NO_VALUE) items.push(r);
      }
      return { kind: 'array', start: n.start, end: n.end, items };
    }
    if (n.kind !== 'object') return n;
    const fn = intrinsicName(n);
    if (fn === 'Fn::If') return this.ifValue(n, depth);
    if (fn) {
      const r = this.text(n, depth + 1);
      return r === NO_VALUE ? NO_VALUE : toStringNode(r, n);
    }
    const copy: ObjectNode = { kind: 'object', start: n.start, end: n.end, props: [] };
    this.copies.set(n, copy);
    for (const p of n.props) {
      const v = this.tree(p.value, depth + 1);
      if (v !== NO_VALUE) copy.props.push({ key: p.key, keyStart: p.keyStart, value: v });
    }
    return copy;
  }

  private ifValue(n: ObjectNode, depth: number): JsonNode | NoValue {
    const args = n.props[0]!.value;
    if (args.kind !== 'array' || args.items.length !== 3) return toStringNode(this.unknownText(n.start), n);
    const a = this.tree(args.items[1]!, depth + 1);
    const b = this.tree(args.items[2]!, depth + 1);
    if (a === NO_VALUE) return b;
    if (b === NO_VALUE) return a;
    if (a.kind === 'string' && b.kind === 'string') {
      const ta = this.text(args.items[1]!, depth + 1);
      const tb = this.text(args.items[2]!, depth + 1);
      return toStringNode(this.merge(ta === NO_VALUE ? undefined : ta, tb === NO_VALUE ? undefined : tb, n.start), n);
    }
    return a;
  }
}

function toStringNode(r: ResolvedText, n: JsonNode): StringNode {
  return { kind: 'string', value: r.text, start: n.start, end: n.end, ...(hasUnknown(r) ? { unresolved: true } : {}) };
}
