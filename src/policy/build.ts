/**
 * Source tree → policy model. Recognises elements by their exact IAM spelling (a key in another case is not
 * the element; the `unknown-element` rule reports it) and normalises single values to lists.
 */
import type {
  ConditionBlock,
  ConditionClause,
  PolicyDocument,
  PrincipalBlock,
  Statement,
  Str,
  StrList,
} from './model.js';
import { parseOperator } from './operators.js';
import { escapePointer, type JsonNode, type ObjectNode } from './tree.js';

/**
 * A scalar of the model. A list item's pointer is built only when read: action and resource lists run to
 * thousands of items, and rules need the pointer only of what they report (one string per item saved per parse).
 * Every scalar is this one class, so rules' reads of `value` stay monomorphic.
 */
class Scalar implements Str {
  constructor(
    public value: string,
    public node: JsonNode,
    public unresolved: boolean,
    /** the scalar's own pointer, or its list's pointer when `index` ≥ 0 */
    private readonly base: string,
    private readonly index: number,
  ) {}

  get pointer(): string {
    return this.index < 0 ? this.base : `${this.base}/${this.index}`;
  }
}

function str(node: JsonNode, pointer: string, index = -1): Str | undefined {
  switch (node.kind) {
    case 'string':
      return new Scalar(node.value, node, node.unresolved === true, pointer, index);
    case 'number':
      return new Scalar(node.raw, node, false, pointer, index);
    case 'boolean':
      return new Scalar(String(node.value), node, false, pointer, index);
    default:
      return undefined;
  }
}

/** A value that may be one item or a list of items. Items that are not scalars are left out (a rule reports them). */
export function strList(node: JsonNode, pointer: string): StrList {
  if (node.kind === 'array') {
    const items: Str[] = [];
    const nodes = node.items;
    for (let i = 0; i < nodes.length; i++) {
      const s = str(nodes[i]!, pointer, i);
      if (s) items.push(s);
    }
    return { pointer, node, single: false, items };
  }
  const s = str(node, pointer);
  return { pointer, node, single: true, items: s ? [s] : [] };
}

function principal(node: JsonNode, pointer: string): PrincipalBlock {
  const block: PrincipalBlock = { pointer, node, entries: [] };
  if (node.kind === 'string') {
    block.wildcard = new Scalar(node.value, node, node.unresolved === true, pointer, -1);
  } else if (node.kind === 'object') {
    for (const p of node.props) {
      const keyPointer = `${pointer}/${escapePointer(p.key)}`;
      block.entries.push({ type: p.key, keyPointer, values: strList(p.value, keyPointer) });
    }
  }
  return block;
}

function condition(node: JsonNode, pointer: string): ConditionBlock {
  const clauses: ConditionClause[] = [];
  if (node.kind === 'object') {
    for (const opProp of node.props) {
      const operatorPointer = `${pointer}/${escapePointer(opProp.key)}`;
      const op = parseOperator(opProp.key);
      if (opProp.value.kind !== 'object') continue;
      for (const keyProp of opProp.value.props) {
        const keyPointer = `${operatorPointer}/${escapePointer(keyProp.key)}`;
        clauses.push({
          operator: opProp.key,
          op,
          operatorPointer,
          key: keyProp.key,
          keyPointer,
          values: strList(keyProp.value, keyPointer),
        });
      }
    }
  }
  return { pointer, node, clauses };
}

function statement(node: ObjectNode, index: number, pointer: string): Statement {
  // Every element named up front (undefined until seen): all statements then share one object layout, so the
  // rules' `s.action`, `s.resource`… reads stay monomorphic, and no property store grows as elements are added.
  const s: Statement = {
    index,
    pointer,
    node,
    sid: undefined,
    effect: undefined,
    action: undefined,
    notAction: undefined,
    resource: undefined,
    notResource: undefined,
    principal: undefined,
    notPrincipal: undefined,
    condition: undefined,
  };
  // Pointers are built per known element (whose names need no escaping), not for every key.
  for (const p of node.props) {
    switch (p.key) {
      case 'Sid': {
        const v = str(p.value, `${pointer}/Sid`);
        if (v) s.sid = v;
        break;
      }
      case 'Effect': {
        const v = str(p.value, `${pointer}/Effect`);
        if (v) s.effect = v;
        break;
      }
      case 'Action':
        s.action = strList(p.value, `${pointer}/Action`);
        break;
      case 'NotAction':
        s.notAction = strList(p.value, `${pointer}/NotAction`);
        break;
      case 'Resource':
        s.resource = strList(p.value, `${pointer}/Resource`);
        break;
      case 'NotResource':
        s.notResource = strList(p.value, `${pointer}/NotResource`);
        break;
      case 'Principal':
        s.principal = principal(p.value, `${pointer}/Principal`);
        break;
      case 'NotPrincipal':
        s.notPrincipal = principal(p.value, `${pointer}/NotPrincipal`);
        break;
      case 'Condition':
        s.condition = condition(p.value, `${pointer}/Condition`);
        break;
      default:
        break;
    }
  }
  return s;
}

export function buildPolicy(root: JsonNode): PolicyDocument {
  const doc: PolicyDocument = { root, statements: [] };
  if (root.kind !== 'object') return doc;
  for (const p of root.props) {
    const ptr = `/${escapePointer(p.key)}`;
    if (p.key === 'Version') {
      const v = str(p.value, ptr);
      if (v) doc.version = v;
    } else if (p.key === 'Id') {
      const v = str(p.value, ptr);
      if (v) doc.id = v;
    } else if (p.key === 'Statement') {
      const single = p.value.kind !== 'array';
      doc.statementElement = { pointer: ptr, node: p.value, single };
      if (p.value.kind === 'array') {
        const items = p.value.items;
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          if (item.kind === 'object') doc.statements.push(statement(item, i, `${ptr}/${i}`));
        }
      } else if (p.value.kind === 'object') {
        doc.statements.push(statement(p.value, 0, ptr));
      }
    }
  }
  return doc;
}
