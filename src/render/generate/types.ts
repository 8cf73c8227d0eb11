/** What a generation renderer produces: one or more files. Without `--out`, the CLI prints them to stdout. */
import type { GeneratedBundle } from '../../generate/model.js';

export interface RenderedFile {
  /** path relative to the output directory, e.g. `main.tf`, `template.yaml`, `apply.sh` */
  path: string;
  content: string;
  /** file mode for executables (the cli script) */
  mode?: number;
}

export type GenerateFormat = 'json' | 'terraform' | 'cloudformation' | 'cdk' | 'cli' | 'markdown';

export type BundleRenderer = (bundle: GeneratedBundle) => RenderedFile[];
