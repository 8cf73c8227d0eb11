/** Output helpers shared by commands: stdout writes that respect EPIPE, and format option parsing. */
import { UsageError } from './errors.js';

export function write(text: string): void {
  process.stdout.write(text);
}

export function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}
