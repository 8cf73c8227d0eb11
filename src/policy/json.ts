/**
 * A strict JSON parser (RFC 8259) that keeps source offsets for every node. IAM accepts only strict JSON, so
 * comments and trailing commas are syntax errors here too. Nesting is bounded so hostile input cannot exhaust
 * the stack.
 */
import type { ArrayNode, JsonNode, ObjectNode, Property } from './tree.js';

export const MAX_DEPTH = 512;

export interface JsonSyntaxError {
  message: string;
  offset: number;
}

export interface DuplicateKey {
  key: string;
  /** offset of the repeated key */
  offset: number;
  /** pointer-free path: the object node that holds both */
  object: ObjectNode;
}

export type ParseResult =
  | {
      ok: true;
      node: JsonNode;
      duplicateKeys: DuplicateKey[];
      /**
       * The document's length without white space as IAM counts it (`compactLength` in loaded.ts), counted while
       * parsing; undefined when the text has an escape, a non-ASCII character or a duplicated key, where the
       * serialised form differs from the source by more than white space and numbers.
       */
      compactLength: number | undefined;
    }
  | { ok: false; error: JsonSyntaxError };

/**
 * Roots of parsed documents that hold no empty list or object (nearly every policy), counted while parsing: the
 * rules that report empty containers skip walking these trees. Parsed trees are not edited afterwards.
 */
const withoutEmpty = new WeakSet<JsonNode>();

/** Whether `node` is the root of a parsed document known to hold no `[]` or `{}`; false when unknown. */
export function hasNoEmptyContainer(node: JsonNode): boolean {
  return withoutEmpty.has(node);
}

class SyntaxFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseJson(text: string): ParseResult {
  const p = new Parser(text);
  try {
    p.skipWhitespace();
    // A UTF-8 byte-order mark is not JSON, but editors write it; IAM's console strips it too.
    if (p.pos === 0 && text.charCodeAt(0) === 0xfeff) {
      p.pos = 1;
      p.skipWhitespace();
    }
    if (p.pos >= text.length) throw new SyntaxFailure('the document is empty', p.pos);
    // White space before and after the root is not the document's.
    p.ws = 0;
    const node = p.value(0);
    const compactLength = p.plain ? node.end - node.start - p.ws + p.numberDelta : undefined;
    p.skipWhitespace();
    if (p.pos < text.length) throw new SyntaxFailure(`unexpected ${describe(text, p.pos)} after the end of the document`, p.pos);
    if (!p.sawEmpty) withoutEmpty.add(node);
    return { ok: true, node, duplicateKeys: p.duplicates, compactLength };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const c = text[pos]!;
  if (c === '/' && (text[pos + 1] === '/' || text[pos + 1] === '*')) return 'comment (JSON has no comments)';
  if (c === "'") return "single quote (JSON strings use double quotes)";
  const cp = text.codePointAt(pos)!;
  if (cp < 0x20) return `control character U+${cp.toString(16).padStart(4, '0').toUpperCase()}`;
  return JSON.stringify(String.fromCodePoint(cp));
}

/** A run of JSON white space (sticky: matches at `lastIndex` only, always succeeds). */
const WHITESPACE = /[ \t\n\r]*/y;
/** A run of string characters that need no look: printable ASCII other than space, `"` and `\\`. */
const PLAIN_CHARS = /[!#-[\]-~]*/y;

class Parser {
  pos = 0;
  readonly duplicates: DuplicateKey[] = [];
  /**
   * For the compact length, so that size quotas need no second walk: white space skipped between tokens plus
   * spaces inside strings, and how much longer JSON.stringify writes the numbers than the source does. `plain`
   * stays true while the source text minus that white space is exactly what JSON.stringify would write.
   */
  ws = 0;
  numberDelta = 0;
  plain = true;
  /** whether some list or object of the document is empty (see `hasNoEmptyContainer`) */
  sawEmpty = false;
  constructor(readonly text: string) {}

  skipWhitespace(): void {
    const i = this.pos;
    const c = this.text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
    // Pretty-printed policies put a run of indentation before nearly every token: skipped by the regular
    // expression engine's compiled code, not a character at a time (which runs interpreted in a short CLI run).
    WHITESPACE.lastIndex = i + 1;
    WHITESPACE.test(this.text);
    this.ws += WHITESPACE.lastIndex - i;
    this.pos = WHITESPACE.lastIndex;
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new SyntaxFailure(`nesting deeper than ${MAX_DEPTH} levels`, this.pos);
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    switch (c) {
      case 0x7b /* { */:
        return this.object(depth);
      case 0x5b /* [ */:
        return this.array(depth);
      case 0x22 /* " */: {
        const value = this.string();
        return { kind: 'string', value, start, end: this.pos };
      }
      case 0x74 /* t */:
        this.literal('true');
        return { kind: 'boolean', value: true, start, end: this.pos };
      case 0x66 /* f */:
        this.literal('false');
        return { kind: 'boolean', value: false, start, end: this.pos };
      case 0x6e /* n */:
        this.literal('null');
        return { kind: 'null', start, end: this.pos };
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        throw new SyntaxFailure(`expected a value, found ${describe(t, start)}`, start);
    }
  }

  literal(word: string): void {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return;
    }
    throw new SyntaxFailure(`expected a value, found ${describe(this.text, this.pos)}`, this.pos);
  }

  number(): JsonNode {
    const t = this.text;
    const start = this.pos;
    let i = start;
    if (t.charCodeAt(i) === 0x2d) i++;
    const digits = (): boolean => {
      const from = i;
      while (t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
      return i > from;
    };
    if (t.charCodeAt(i) === 0x30) i++;
    else if (!digits()) throw new SyntaxFailure('a number needs digits', i);
    if (t.charCodeAt(i) === 0x2e) {
      i++;
      if (!digits()) throw new SyntaxFailure('a number needs digits after the decimal point', i);
    }
    if (t.charCodeAt(i) === 0x65 || t.charCodeAt(i) === 0x45) {
      i++;
      if (t.charCodeAt(i) === 0x2b || t.charCodeAt(i) === 0x2d) i++;
      if (!digits()) throw new SyntaxFailure('a number needs digits in its exponent', i);
    }
    const c = t.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      throw new SyntaxFailure(`unexpected ${describe(t, i)} in a number`, i);
    }
    this.pos = i;
    const raw = t.slice(start, i);
    const value = Number(raw);
    this.numberDelta += JSON.stringify(value).length - raw.length;
    return { kind: 'number', value, raw, start, end: i };
  }

  string(): string {
    const t = this.text;
    const open = this.pos;
    let i = open + 1;
    let chunkStart = i;
    let out = '';
    // The usual string (printable ASCII, no space, quote or backslash) is one match of compiled code; whatever
    // stops it (the closing quote, or a character needing a look) is handled by the loop.
    PLAIN_CHARS.lastIndex = i;
    PLAIN_CHARS.test(t);
    i = PLAIN_CHARS.lastIndex;
    if (t.charCodeAt(i) === 0x22) {
      this.pos = i + 1;
      return t.slice(chunkStart, i);
    }
    for (;;) {
      if (i >= t.length) throw new SyntaxFailure('unterminated string', open);
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c <= 0x20 || c >= 0x7f) {
        if (c === 0x20) this.ws++;
        else if (c < 0x20) throw new SyntaxFailure(`${describe(t, i)} inside a string (escape it)`, i);
        else this.plain = false;
      }
      if (c === 0x5c) {
        this.plain = false;
        out += t.slice(chunkStart, i);
        const e = t[i + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            i += 2;
            break;
          case 'b':
            out += '\b';
            i += 2;
            break;
          case 'f':
            out += '\f';
            i += 2;
            break;
          case 'n':
            out += '\n';
            i += 2;
            break;
          case 'r':
            out += '\r';
            i += 2;
            break;
          case 't':
            out += '\t';
            i += 2;
            break;
          case 'u': {
            const hex = t.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SyntaxFailure('invalid \\u escape (needs four hex digits)', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 6;
            break;
          }
          default:
            throw new SyntaxFailure(`invalid escape ${describe(t, i + 1)} in a string`, i);
        }
        chunkStart = i;
        continue;
      }
      i++;
    }
    out += t.slice(chunkStart, i);
    this.pos = i + 1;
    return out;
  }

  object(depth: number): ObjectNode {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    const props: Property[] = [];
    let seen: Set<string> | undefined;
    const node: ObjectNode = { kind: 'object', props, start, end: start };
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.sawEmpty = true;
      node.end = this.pos;
      return node;
    }
    for (;;) {
      this.skipWhitespace();
      const keyStart = this.pos;
      if (t.charCodeAt(keyStart) !== 0x22) {
        const what = t.charCodeAt(keyStart) === 0x7d ? 'a trailing comma before "}"' : describe(t, keyStart);
        throw new SyntaxFailure(`expected a property name in double quotes, found ${what}`, keyStart);
      }
      const key = this.string();
      this.skipWhitespace();
      if (t.charCodeAt(this.pos) !== 0x3a) throw new SyntaxFailure(`expected ":" after property name, found ${describe(t, this.pos)}`, this.pos);
      this.pos++;
      this.skipWhitespace();
      const value = this.value(depth + 1);
      if (props.length > 0) {
        let duplicate = false;
        if (seen === undefined && props.length < 16) {
          // A policy's objects are small: a scan beats building a set for each of them.
          for (const p of props) {
            if (p.key === key) {
              duplicate = true;
              break;
            }
          }
        } else {
          seen ??= new Set(props.map((p) => p.key));
          duplicate = seen.has(key);
          seen.add(key);
        }
        if (duplicate) {
          this.duplicates.push({ key, offset: keyStart, object: node });
          this.plain = false;
        }
      }
      props.push({ key, keyStart, value });
      this.skipWhitespace();
      const c = t.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        node.end = this.pos;
        return node;
      }
      throw new SyntaxFailure(`expected "," or "}" after a property value, found ${describe(t, this.pos)}`, this.pos);
    }
  }

  array(depth: number): ArrayNode {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.sawEmpty = true;
      return { kind: 'array', items, start, end: this.pos };
    }
    for (;;) {
      this.skipWhitespace();
      if (t.charCodeAt(this.pos) === 0x5d) throw new SyntaxFailure('expected a value, found a trailing comma before "]"', this.pos);
      items.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = t.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return { kind: 'array', items, start, end: this.pos };
      }
      throw new SyntaxFailure(`expected "," or "]" after an array item, found ${describe(t, this.pos)}`, this.pos);
    }
  }
}
