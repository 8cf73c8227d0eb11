/** Diagnostics as data: every formatter (text, JSON, SARIF) works from this one shape. */

/** Access Analyzer's four finding kinds, most serious first. */
export const SEVERITIES = ['error', 'security', 'warning', 'suggestion'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { error: 4, security: 3, warning: 2, suggestion: 1 };

/** Whether `severity` is at or above `threshold` (error > security > warning > suggestion). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** JSON pointer into the policy document (`/Statement/2/Action/0`) */
  pointer: string;
  /** 1-based, where the input was text */
  line?: number;
  column?: number;
  /** a replacement value for the node at `pointer`, where one is certain enough to offer */
  fix?: string;
}
