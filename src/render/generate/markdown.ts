/** Renders a generated bundle as markdown. (Placeholder until the renderer lands.) */
import type { GeneratedBundle } from '../../generate/model.js';
import type { RenderedFile } from './types.js';

export function render(bundle: GeneratedBundle): RenderedFile[] {
  throw new Error(`the markdown renderer is not implemented yet (bundle ${bundle.name})`);
}
