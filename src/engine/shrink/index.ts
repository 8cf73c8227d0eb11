/** `shrinkPolicy`: a policy as the caller has it (JSON text, object, loaded policy) → the smaller equivalent. */
import type { Catalog } from '../../catalog/catalog.js';
import { getCatalog } from '../../catalog/load.js';
import { policyFromText, policyFromValue, type LoadedPolicy } from '../../policy/loaded.js';
import { shrinkDocument, ShrinkInputError, type ShrinkOptions, type ShrinkResult } from './shrink.js';

export { shrinkDocument, ShrinkInputError, DEFAULT_MAX_CHARS, compactSize } from './shrink.js';
export type { ShrinkOptions, ShrinkResult } from './shrink.js';
export { compressActions, compressService, dropRedundant, expandPatterns } from './compress.js';

function isLoaded(v: object): v is LoadedPolicy {
  return 'path' in v && ('document' in v || 'syntaxError' in v) && 'duplicateKeys' in v;
}

export function shrinkPolicy(input: string | object, options: ShrinkOptions & { catalog?: Catalog } = {}): ShrinkResult {
  const loaded = typeof input === 'string' ? policyFromText(input, '<text>') : isLoaded(input) ? input : policyFromValue(input);
  if (loaded.syntaxError) throw new ShrinkInputError(`not a valid policy: ${loaded.syntaxError.message}`);
  if (!loaded.document) throw new ShrinkInputError('not a policy');
  return shrinkDocument(options.catalog ?? getCatalog(), loaded.document, options);
}
