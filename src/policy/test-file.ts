/**
 * Policy unit-test files (`leastpriv test`, written by `generate --out`): YAML or JSON, one suite at the top level
 * or several under `suites`. Format in docs/testing.md, schema in schemas/test.schema.json.
 *
 * Reading is strict, because a typo (`contxt:`) that were ignored would make a test pass for the wrong reason:
 * unknown keys, wrong types and unreadable policies are a `TestFileError` with the line and column.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { buildPolicy } from './build.js';
import { emptyNamedSet, loadDocuments, type NamedDocument, type NamedPolicySet } from './documents.js';
import { parseYaml } from './extract/yaml.js';
import { InputError, readInput } from './input.js';
import { parseJson } from './json.js';
import { SourceText } from './source.js';
import type { JsonNode, ObjectNode } from './tree.js';

export const EXPECTATIONS = ['allowed', 'explicitDeny', 'implicitDeny'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

export type TestContext = Record<string, string | string[]>;

/** Where a value sits in the test file, for errors found after reading (an unrecognisable principal). */
export interface SpecPosition {
  line: number;
  column: number;
}

export interface TestCaseSpec {
  name: string;
  action: string;
  resource: string;
  principal?: string;
  principalAt?: SpecPosition;
  resourceAccount?: string;
  context?: TestContext;
  expect: Expectation;
  line?: number;
}

export interface TestSuiteSpec {
  name?: string;
  policies: NamedPolicySet;
  principal?: string;
  principalAt?: SpecPosition;
  context?: TestContext;
  cases: TestCaseSpec[];
}

export interface TestFileSpec {
  path: string;
  suites: TestSuiteSpec[];
}

export class TestFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${path}${line !== undefined ? `:${line}:${column ?? 1}` : ''}: ${reason}`);
    this.name = 'TestFileError';
  }
}

const SUITE_KEYS = ['name', 'policies', 'principal', 'context', 'cases'];
const CASE_KEYS = ['name', 'action', 'resource', 'principal', 'resourceAccount', 'context', 'expect'];
const POLICY_KEYS = ['identity', 'resource', 'boundary', 'scp', 'rcp', 'session'];

class Reader {
  private readonly source: SourceText;
  private readonly base: string;

  constructor(
    readonly path: string,
    text: string,
  ) {
    this.source = new SourceText(text);
    this.base = path === '-' ? process.cwd() : dirname(path);
  }

  fail(node: { start: number } | undefined, reason: string): never {
    if (!node) throw new TestFileError(this.path, reason);
    const pos = this.source.position(node.start);
    throw new TestFileError(this.path, reason, pos.line, pos.column);
  }

  object(node: JsonNode, what: string, allowed: readonly string[]): ObjectNode {
    if (node.kind !== 'object') this.fail(node, `${what} must be a mapping`);
    for (const p of node.props) {
      if (!allowed.includes(p.key)) this.fail({ start: p.keyStart }, `unknown key "${p.key}" in ${what} (expected ${allowed.join(', ')})`);
    }
    return node;
  }

  at(node: JsonNode | undefined): SpecPosition | undefined {
    return node ? this.source.position(node.start) : undefined;
  }

  get(node: ObjectNode, key: string): JsonNode | undefined {
    const p = node.props.find((x) => x.key === key);
    return p && p.value.kind !== 'null' ? p.value : undefined;
  }

  string(node: JsonNode | undefined, what: string, parent: JsonNode, required: true): string;
  string(node: JsonNode | undefined, what: string, parent: JsonNode, required?: boolean): string | undefined;
  string(node: JsonNode | undefined, what: string, parent: JsonNode, required = false): string | undefined {
    if (!node) {
      if (required) this.fail(parent, `${what} is required`);
      return undefined;
    }
    if (node.kind === 'string' && node.value !== '') return node.value;
    if (node.kind === 'number') return node.raw;
    return this.fail(node, `${what} must be a non-empty string`);
  }

  context(node: JsonNode | undefined, what: string): TestContext | undefined {
    if (!node) return undefined;
    if (node.kind !== 'object') this.fail(node, `${what} must be a mapping of keys to values`);
    const out: TestContext = {};
    const scalar = (n: JsonNode): string => {
      if (n.kind === 'string') return n.value;
      if (n.kind === 'number') return n.raw;
      if (n.kind === 'boolean') return String(n.value);
      return this.fail(n, `${what}: values must be strings, numbers, booleans or lists of those`);
    };
    for (const p of node.props) out[p.key] = p.value.kind === 'array' ? p.value.items.map(scalar) : scalar(p.value);
    return out;
  }

  /** One policy entry: a path (relative to the test file) or an inline document. */
  documents(node: JsonNode, pointer: string): NamedDocument[] {
    if (node.kind === 'object') {
      return [{ source: `${this.path}#${pointer}`, document: buildPolicy(node), type: 'identity' }];
    }
    if (node.kind !== 'string' || node.value === '') this.fail(node, 'a policy is a file path or an inline document');
    const target = node.value === '-' || isAbsolute(node.value) ? node.value : join(this.base, node.value);
    try {
      return loadDocuments(target).map((d) => (d.source.startsWith(target) ? { ...d, source: node.value + d.source.slice(target.length) } : d));
    } catch (e) {
      if (e instanceof InputError) this.fail(node, e.message);
      throw e;
    }
  }

  list(node: JsonNode): JsonNode[] {
    return node.kind === 'array' ? node.items : [node];
  }

  one(node: JsonNode | undefined, what: string, pointer: string): NamedDocument | undefined {
    if (!node) return undefined;
    const docs = this.list(node).flatMap((n, i) => this.documents(n, node.kind === 'array' ? `${pointer}/${i}` : pointer));
    if (docs.length !== 1) this.fail(node, `${what} is one policy (got ${docs.length})`);
    return docs[0];
  }

  /** `[[a], [b, c]]` are levels; a flat list is one level per entry; a single entry is one level. */
  levels(node: JsonNode | undefined, pointer: string): NamedDocument[][] {
    if (!node) return [];
    return this.list(node).map((level, i) => {
      const p = node.kind === 'array' ? `${pointer}/${i}` : pointer;
      return level.kind === 'array' ? level.items.flatMap((d, j) => this.documents(d, `${p}/${j}`)) : this.documents(level, p);
    });
  }

  policies(node: JsonNode | undefined, parent: JsonNode, pointer: string): NamedPolicySet {
    if (!node) this.fail(parent, 'policies is required');
    const o = this.object(node, 'policies', POLICY_KEYS);
    const set = emptyNamedSet();
    const each = (key: string): NamedDocument[] => {
      const n = this.get(o, key);
      if (!n) return [];
      return this.list(n).flatMap((d, i) => this.documents(d, n.kind === 'array' ? `${pointer}/${key}/${i}` : `${pointer}/${key}`));
    };
    set.identity = each('identity');
    set.resource = this.one(this.get(o, 'resource'), 'resource', `${pointer}/resource`);
    set.boundary = each('boundary');
    set.scp = this.levels(this.get(o, 'scp'), `${pointer}/scp`);
    set.rcp = this.levels(this.get(o, 'rcp'), `${pointer}/rcp`);
    set.session = this.one(this.get(o, 'session'), 'session', `${pointer}/session`);
    return set;
  }

  testCase(node: JsonNode): TestCaseSpec {
    const o = this.object(node, 'a case', CASE_KEYS);
    const name = this.string(this.get(o, 'name'), 'name', o, true);
    const expectNode = this.get(o, 'expect');
    const expect = this.string(expectNode, 'expect', o, true);
    if (!(EXPECTATIONS as readonly string[]).includes(expect)) this.fail(expectNode, `expect must be one of ${EXPECTATIONS.join(', ')} (got "${expect}")`);
    const action = this.string(this.get(o, 'action'), 'action', o, true);
    if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) this.fail(this.get(o, 'action'), `action must be service:Action (got "${action}")`);
    const spec: TestCaseSpec = {
      name,
      action,
      resource: this.string(this.get(o, 'resource'), 'resource', o, true),
      expect: expect as Expectation,
      line: this.source.position(o.start).line,
    };
    const principal = this.string(this.get(o, 'principal'), 'principal', o);
    if (principal !== undefined) {
      spec.principal = principal;
      spec.principalAt = this.at(this.get(o, 'principal'))!;
    }
    const accountNode = this.get(o, 'resourceAccount');
    const account = this.string(accountNode, 'resourceAccount', o);
    if (account !== undefined) {
      if (!/^\d{12}$/.test(account)) this.fail(accountNode, 'resourceAccount must be a 12-digit account id');
      spec.resourceAccount = account;
    }
    const context = this.context(this.get(o, 'context'), 'context');
    if (context) spec.context = context;
    return spec;
  }

  suite(node: JsonNode, pointer: string): TestSuiteSpec {
    const o = this.object(node, 'a suite', SUITE_KEYS);
    const casesNode = this.get(o, 'cases');
    if (!casesNode) this.fail(o, 'cases is required');
    if (casesNode.kind !== 'array') this.fail(casesNode, 'cases must be a list');
    const suite: TestSuiteSpec = {
      policies: this.policies(this.get(o, 'policies'), o, `${pointer}/policies`),
      cases: casesNode.items.map((c) => this.testCase(c)),
    };
    const name = this.string(this.get(o, 'name'), 'name', o);
    if (name !== undefined) suite.name = name;
    const principal = this.string(this.get(o, 'principal'), 'principal', o);
    if (principal !== undefined) {
      suite.principal = principal;
      suite.principalAt = this.at(this.get(o, 'principal'))!;
    }
    const context = this.context(this.get(o, 'context'), 'context');
    if (context) suite.context = context;
    return suite;
  }

  file(root: JsonNode): TestFileSpec {
    if (root.kind !== 'object') this.fail(root, 'a test file is a mapping with policies and cases, or with suites');
    const suites = this.get(root, 'suites');
    if (suites) {
      this.object(root, 'the test file', ['suites']);
      if (suites.kind !== 'array') this.fail(suites, 'suites must be a list');
      return { path: this.path, suites: suites.items.map((s, i) => this.suite(s, `/suites/${i}`)) };
    }
    return { path: this.path, suites: [this.suite(root, '')] };
  }
}

/** Reads a test file's text; relative policy paths are resolved against the file's directory. */
export function readTestFile(text: string, path: string): TestFileSpec {
  const reader = new Reader(path, text);
  const trimmed = text.trimStart();
  let root: JsonNode;
  if (trimmed.startsWith('{') || path.toLowerCase().endsWith('.json')) {
    const parsed = parseJson(text);
    if (!parsed.ok) return reader.fail({ start: parsed.error.offset }, parsed.error.message);
    root = parsed.node;
  } else {
    const parsed = parseYaml(text);
    if (!parsed.ok) return reader.fail({ start: parsed.error.offset }, parsed.error.message);
    root = parsed.node;
  }
  return reader.file(root);
}

export function loadTestFile(path: string): TestFileSpec {
  return readTestFile(readInput(path), path);
}
