/**
 * A small block-style YAML writer for the CloudFormation renderer. Scalars arrive already written (a double-quoted
 * string, a number, or a short-form intrinsic such as `!Sub "…"`), so the writer only lays out mappings and
 * sequences; nothing is left to YAML's implicit typing (`2012-10-17` stays a string, `true` stays text).
 */
export type YamlNode = { scalar: string } | YamlNode[] | { [key: string]: YamlNode };

export const scalar = (text: string): YamlNode => ({ scalar: text });

/** A double-quoted YAML string: JSON's escapes are YAML's, plus the characters YAML does not allow raw. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A mapping key: plain when it is a simple word (CloudFormation's own keys, condition keys), quoted otherwise. */
export function yamlKey(key: string): string {
  return /^[A-Za-z][A-Za-z0-9_.:/-]*$/.test(key) && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(key) && !key.endsWith(':')
    ? key
    : quoted(key);
}

function isScalar(node: YamlNode): node is { scalar: string } {
  return !Array.isArray(node) && typeof (node as { scalar?: unknown }).scalar === 'string' && Object.keys(node).length === 1;
}

function emit(node: YamlNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(node)) {
    const out: string[] = [];
    for (const item of node) {
      if (isScalar(item)) {
        out.push(`${pad}- ${item.scalar}`);
        continue;
      }
      const inner = emit(item, indent + 2);
      if (inner.length === 0 || (Array.isArray(item) && item.length === 0)) out.push(`${pad}- []`);
      else out.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
    }
    return out;
  }
  if (isScalar(node)) return [`${pad}${node.scalar}`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    const k = `${pad}${yamlKey(key)}:`;
    if (isScalar(value)) out.push(`${k} ${value.scalar}`);
    else if (Array.isArray(value) && value.length === 0) out.push(`${k} []`);
    else if (!Array.isArray(value) && Object.keys(value).length === 0) out.push(`${k} {}`);
    else out.push(k, ...emit(value, indent + 2));
  }
  return out;
}

export function yamlDocument(root: YamlNode): string {
  return `${emit(root, 0).join('\n')}\n`;
}
