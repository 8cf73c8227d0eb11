/**
 * The rule contract, ESLint-style: each rule is one file exporting `meta` and `check`. A rule reports against a
 * JSON pointer; the runner adds severity (after configuration), line and column.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { InlineKind, PolicyDocument, PolicyType } from '../policy/model.js';
import type { JsonNode } from '../policy/tree.js';
import type { PolicyAnalysis } from './analysis.js';
import type { Severity } from './finding.js';

export interface RuleMeta {
  /** stable identifier, also the docs page name: docs/rules/<code>.md */
  code: string;
  severity: Severity;
  /** one line: what the rule finds */
  summary: string;
  /** policy types the rule applies to; all when absent */
  policyTypes?: readonly PolicyType[];
}

export interface Report {
  pointer: string;
  message: string;
  fix?: string;
  /** overrides the rule's default severity for this report (rare: a rule whose findings differ in kind) */
  severity?: Severity;
}

export interface RuleContext {
  readonly document: PolicyDocument;
  readonly root: JsonNode;
  readonly policyType: PolicyType;
  readonly inline: InlineKind | undefined;
  readonly catalog: Catalog;
  readonly analysis: PolicyAnalysis;
  /** the policy's text without white space, for size quotas (IAM counts characters without white space) */
  readonly compactLength: number;
  /** set when the text was not valid JSON (or YAML); the document is then empty */
  readonly syntaxError: { message: string; pointer: string } | undefined;
  readonly duplicateKeys: readonly { key: string; pointer: string }[];
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const DOCS_BASE = 'https://github.com/leastpriv/leastpriv/blob/main/docs/rules/';

export function docsUrl(code: string): string {
  return `${DOCS_BASE}${code}.md`;
}
