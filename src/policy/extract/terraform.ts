/**
 * `terraform show -json` output (plan or state): every policy of the AWS provider's resources and data sources.
 * Placeholder implementation: replaced by the full extractor.
 */
import type { LoadedPolicy, PolicyOptions } from '../loaded.js';
import type { SourceText } from '../source.js';
import type { JsonNode } from '../tree.js';

export function looksLikeTerraformPlan(root: JsonNode): boolean {
  return root.kind === 'object' && root.props.some((p) => p.key === 'format_version') && root.props.some((p) => p.key === 'terraform_version');
}

export function extractTerraform(
  _root: JsonNode,
  _path: string,
  _source: SourceText,
  _options: PolicyOptions,
): LoadedPolicy[] {
  return [];
}
