/** Renders a generated bundle as terraform. (Placeholder until the renderer lands.) */
import type { GeneratedBundle } from '../../generate/model.js';
import type { RenderedFile } from './types.js';

export function render(bundle: GeneratedBundle): RenderedFile[] {
  throw new Error(`the terraform renderer is not implemented yet (bundle ${bundle.name})`);
}
