/**
 * Errors of generation. A `SpecError` points into the spec text (path:line:column) and says what to write instead;
 * the CLI prints it as one line with exit 2. An `ExpectationError` is a test or guard rail of the spec that the
 * generated policies do not satisfy (exit 1: the spec is understood, its promise does not hold).
 */
import { SourceText } from '../policy/source.js';

export class SpecError extends Error {}

export class ExpectationError extends Error {}

/** Where spec errors point: a file path and its text (positions are computed on demand). */
export class SpecSource {
  readonly path: string;
  private readonly source: SourceText;

  constructor(path: string, text: string) {
    this.path = path;
    this.source = new SourceText(text);
  }

  at(offset: number | undefined): string {
    if (offset === undefined) return this.path;
    const p = this.source.position(offset);
    return `${this.path}:${p.line}:${p.column}`;
  }

  error(offset: number | undefined, message: string): SpecError {
    return new SpecError(`${this.at(offset)}: ${message}`);
  }
}
