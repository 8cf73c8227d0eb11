/** The six generation renderers by format name; every one consumes the same GeneratedBundle. */
import { render as cdk } from './cdk.js';
import { render as cli } from './cli.js';
import { render as cloudformation } from './cloudformation.js';
import { render as json } from './json.js';
import { render as markdown } from './markdown.js';
import { render as terraform } from './terraform.js';
import type { BundleRenderer, GenerateFormat } from './types.js';

export const GENERATE_FORMATS: readonly GenerateFormat[] = ['json', 'terraform', 'cloudformation', 'cdk', 'cli', 'markdown'];

export const RENDERERS: Readonly<Record<GenerateFormat, BundleRenderer>> = { json, terraform, cloudformation, cdk, cli, markdown };

export type { BundleRenderer, GenerateFormat, RenderedFile } from './types.js';
