/** Renders a generated bundle as cdk. (Placeholder until the renderer lands.) */
import type { GeneratedBundle } from '../../generate/model.js';
import type { RenderedFile } from './types.js';

export function render(bundle: GeneratedBundle): RenderedFile[] {
  throw new Error(`the cdk renderer is not implemented yet (bundle ${bundle.name})`);
}
