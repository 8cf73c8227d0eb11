/**
 * A JSON-shaped tree that remembers where every node came from. JSON, YAML (CloudFormation) and policies
 * embedded as strings all produce this one shape, so the policy model and every rule work on any input.
 */

export interface NodeBase {
  /** offset of the node's first character in its source text */
  start: number;
  /** offset one past the node's last character */
  end: number;
}

export interface ObjectNode extends NodeBase {
  kind: 'object';
  props: Property[];
}

export interface Property {
  key: string;
  keyStart: number;
  value: JsonNode;
}

export interface ArrayNode extends NodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface StringNode extends NodeBase {
  kind: 'string';
  value: string;
  /**
   * Set when the string came from a template expression that leastpriv cannot resolve (`!Ref Bucket`,
   * `${Bucket.Arn}`): `value` then holds `*` where the unknown parts were, and rules that judge the literal text
   * must not report it.
   */
  unresolved?: boolean;
}

export interface NumberNode extends NodeBase {
  kind: 'number';
  value: number;
  /** the literal as written (`1.50`), because IAM compares condition numbers as text when it has to */
  raw: string;
}

export interface BooleanNode extends NodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface NullNode extends NodeBase {
  kind: 'null';
}

export type JsonNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;

export function getProperty(node: ObjectNode, key: string): Property | undefined {
  for (const p of node.props) if (p.key === key) return p;
  return undefined;
}

/** Escape one reference token of a JSON pointer (RFC 6901). */
export function escapePointer(token: string): string {
  return token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token;
}

export function unescapePointer(token: string): string {
  return token.includes('~') ? token.replace(/~1/g, '/').replace(/~0/g, '~') : token;
}

/** The array index a pointer token names (`0`, `12`; not `01`, `-`, `1e2`), or -1. */
function arrayIndex(token: string): number {
  const n = token.length;
  if (n === 0 || (n > 1 && token.charCodeAt(0) === 0x30)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The node a JSON pointer names, or undefined. */
export function nodeAtPointer(root: JsonNode, pointer: string): JsonNode | undefined {
  if (pointer === '') return root;
  if (pointer.charCodeAt(0) !== 0x2f /* / */) return undefined;
  let node: JsonNode | undefined = root;
  // Token by token with indexOf, no array of tokens: the runner asks this for every finding's position.
  let from = 1;
  for (;;) {
    const slash = pointer.indexOf('/', from);
    const token = unescapePointer(slash < 0 ? pointer.slice(from) : pointer.slice(from, slash));
    if (!node) return undefined;
    if (node.kind === 'object') node = getProperty(node, token)?.value;
    else if (node.kind === 'array') {
      const i = arrayIndex(token);
      node = i < 0 ? undefined : node.items[i];
    } else return undefined;
    if (slash < 0) return node;
    from = slash + 1;
  }
}

/** The plain JavaScript value of a node. */
export function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a key named "__proto__" must stay a key, as in JSON.parse.
      for (const p of node.props) Object.defineProperty(out, p.key, { value: toValue(p.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return node.items.map(toValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** Builds a tree from a plain value; positions are all 0 (for inputs that were never text). */
export function fromValue(value: unknown, depth = 0): JsonNode {
  if (depth > 512) throw new Error('value nested deeper than 512 levels');
  if (value === null || value === undefined) return { kind: 'null', start: 0, end: 0 };
  if (typeof value === 'string') return { kind: 'string', value, start: 0, end: 0 };
  if (typeof value === 'number') return { kind: 'number', value, raw: String(value), start: 0, end: 0 };
  if (typeof value === 'boolean') return { kind: 'boolean', value, start: 0, end: 0 };
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => fromValue(v, depth + 1)), start: 0, end: 0 };
  if (typeof value === 'object') {
    return {
      kind: 'object',
      props: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
        key,
        keyStart: 0,
        value: fromValue(v, depth + 1),
      })),
      start: 0,
      end: 0,
    };
  }
  return { kind: 'string', value: String(value), start: 0, end: 0 };
}
