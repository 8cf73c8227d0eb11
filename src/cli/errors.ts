/** Errors the CLI reports as one line on stderr with exit code 2. */
export class UsageError extends Error {}

/** Exit codes from the contract. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
