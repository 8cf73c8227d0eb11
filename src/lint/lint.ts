/**
 * The lint runner: every applicable rule over every policy, then configuration (rule severities, ignores) and
 * positions. Rules are pure; the runner owns ordering and positions.
 */
import { getCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/catalog.js';
import { compactLength, type LoadedPolicy } from '../policy/loaded.js';
import type { PolicyType } from '../policy/model.js';
import { nodeAtPointer } from '../policy/tree.js';
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
  const findings: Finding[] = [];
  const root = policy.root ?? { kind: 'null' as const, start: 0, end: 0 };
  const document = policy.document ?? { root, statements: [] };
  const syntaxError = policy.syntaxError ? { message: policy.syntaxError.message, pointer: '' } : undefined;
  let current: Rule | undefined;
  let size: number | undefined;
  const ctx: RuleContext = {
    document,
    root,
    policyType: policy.type,
    inline: policy.inline,
    catalog,
    analysis: new PolicyAnalysis(document, catalog),
    get compactLength() {
      size ??= policy.compactLength ?? compactLength(root);
      return size;
    },
    syntaxError,
    duplicateKeys: policy.duplicateKeys,
    report(r: Report) {
      const rule = current!;
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
      findings.push(f);
    },
  };
  for (const rule of rules) {
    if (config.rules[rule.meta.code] === 'off') continue;
    if (rule.meta.policyTypes && !rule.meta.policyTypes.includes(policy.type)) continue;
    // With a syntax error there is no document; only the rule that reports it has anything to say.
    if (policy.syntaxError && rule.meta.code !== 'json-syntax') continue;
    current = rule;
    rule.check(ctx);
  }
  findings.sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return { path: policy.path, location: policy.location, policyType: policy.type, findings };
}

function positionOf(policy: LoadedPolicy, pointer: string): { line: number; column: number } | undefined {
  if (policy.syntaxError && pointer === '') return policy.position(policy.syntaxError.offset);
  for (const dup of policy.duplicateKeys) if (dup.pointer === pointer) return policy.position(dup.offset);
  if (!policy.root) return policy.position(0);
  const node = nodeAtPointer(policy.root, pointer);
  return policy.position(node ? node.start : policy.root.start);
}
