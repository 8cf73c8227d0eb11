/**
 * CloudFormation templates (JSON or YAML): every embedded policy document, with its location in the template and
 * the policy type and quota its property implies. Placeholder implementation: replaced by the full extractor.
 */
import type { LoadedPolicy, PolicyOptions } from '../loaded.js';
import type { SourceText } from '../source.js';
import type { JsonNode } from '../tree.js';

export function looksLikeCloudFormation(root: JsonNode): boolean {
  return root.kind === 'object' && root.props.some((p) => p.key === 'AWSTemplateFormatVersion' || p.key === 'Resources');
}

export function extractCloudFormation(
  _root: JsonNode | undefined,
  _path: string,
  _source: SourceText,
  _options: PolicyOptions,
): LoadedPolicy[] {
  return [];
}
