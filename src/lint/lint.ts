/**
 * The lint runner: every applicable rule over every policy, then configuration (rule severities, ignores) and
 * positions. Rules are pure; the runner owns ordering and positions.
 */
import { getCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/catalog.js';
import { compactLength, type LoadedPolicy } from '../policy/loaded.js';
import type { InlineKind, PolicyDocument, PolicyType } from '../policy/model.js';
import { nodeAtPointer, type JsonNode } from '../policy/tree.js';
import { PolicyAnalysis } from './analysis.js';
import { emptyConfig, isIgnored, type LintConfig } from './config.js';
import type { Finding, Severity } from './finding.js';
import { RULES } from './registry.js';
import type { Report, Rule, RuleContext } from './rule.js';

export interface LintResult {
  path: string;
  location: string;
  policyType: PolicyType;
  findings: Finding[];
}

export interface LintOptions {
  config?: LintConfig;
  rules?: readonly Rule[];
  catalog?: Catalog;
}

export function lintLoaded(policy: LoadedPolicy, options: LintOptions = {}): LintResult {
  const config = options.config ?? emptyConfig();
  const catalog = options.catalog ?? getCatalog();
  const rules = options.rules ?? RULES;
  const ctx = new Context(policy, config, catalog);
  // Rule settings looked up only when the configuration has some (most runs have none).
  const settings = Object.keys(config.rules).length > 0 ? config.rules : undefined;
  const syntaxError = policy.syntaxError !== undefined;
  for (const rule of rules) {
    if (settings !== undefined && settings[rule.meta.code] === 'off') continue;
    if (rule.meta.policyTypes && !rule.meta.policyTypes.includes(policy.type)) continue;
    // With a syntax error there is no document; only the rule that reports it has anything to say.
    if (syntaxError && rule.meta.code !== 'json-syntax') continue;
    ctx.current = rule;
    rule.check(ctx);
  }
  const findings = ctx.findings;
  if (findings.length > 1) findings.sort(byPosition);
  return { path: policy.path, location: policy.location, policyType: policy.type, findings };
}

function byPosition(a: Finding, b: Finding): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * The context rules see for one policy. A class, not an object literal: a literal with a getter and a method
 * closure is created in dictionary mode, so every `ctx.document`/`ctx.catalog` read in every rule was a slow
 * lookup, and each policy's context had its own layout.
 */
class Context implements RuleContext {
  readonly document: PolicyDocument;
  readonly root: JsonNode;
  readonly policyType: PolicyType;
  readonly inline: InlineKind | undefined;
  readonly analysis: PolicyAnalysis;
  readonly syntaxError: { message: string; pointer: string } | undefined;
  readonly duplicateKeys: readonly { key: string; pointer: string }[];
  readonly findings: Finding[] = [];
  /** the rule being run, whose code and severity the findings it reports take */
  current: Rule | undefined = undefined;
  private size: number | undefined = undefined;

  constructor(
    private readonly policy: LoadedPolicy,
    private readonly config: LintConfig,
    readonly catalog: Catalog,
  ) {
    const root = policy.root ?? { kind: 'null' as const, start: 0, end: 0 };
    this.root = root;
    this.document = policy.document ?? { root, statements: [] };
    this.policyType = policy.type;
    this.inline = policy.inline;
    this.analysis = new PolicyAnalysis(this.document, catalog);
    this.syntaxError = policy.syntaxError ? { message: policy.syntaxError.message, pointer: '' } : undefined;
    this.duplicateKeys = policy.duplicateKeys;
  }

  get compactLength(): number {
    this.size ??= this.policy.compactLength ?? compactLength(this.root);
    return this.size;
  }

  report(r: Report): void {
    const rule = this.current!;
    const config = this.config;
    const policy = this.policy;
    const setting = config.rules[rule.meta.code];
    if (setting === 'off') return;
    const severity: Severity = setting ?? r.severity ?? rule.meta.severity;
    if (isIgnored(config, policy.path, rule.meta.code, r.pointer)) return;
    const f: Finding = { code: rule.meta.code, severity, message: r.message, pointer: r.pointer };
    const pos = positionOf(policy, r.pointer);
    if (pos) {
      f.line = pos.line;
      f.column = pos.column;
    }
    if (r.fix !== undefined) f.fix = r.fix;
    this.findings.push(f);
  }
}

function positionOf(policy: LoadedPolicy, pointer: string): { line: number; column: number } | undefined {
  if (policy.syntaxError && pointer === '') return policy.position(policy.syntaxError.offset);
  for (const dup of policy.duplicateKeys) if (dup.pointer === pointer) return policy.position(dup.offset);
  if (!policy.root) return policy.position(0);
  const node = nodeAtPointer(policy.root, pointer);
  return policy.position(node ? node.start : policy.root.start);
}
