import type { Action } from '../../catalog/catalog.js';
import { variablesAsWildcards } from '../../engine/arn.js';
import { isAllow, isDeny } from '../../policy/model.js';
import { emptyNameFormats, hasMergedPages, resourcePattern, type ResourcePattern } from '../resource-match.js';
import type { Rule } from '../rule.js';

/**
 * An action that supports no resource-level permissions (the reference lists no resource type for it:
 * `logs:DescribeLogGroups`, `ecs:DescribeTaskDefinition`, `kms:CreateKey`) in a statement whose resources are
 * all specific ARNs of the action's own service. Such an action is authorized against `*` or a service-wide
 * resource with empty names (`arn:aws:logs:REGION:ACCOUNT:log-group::log-stream:` for DescribeLogGroups), which
 * a named ARN never matches: the statement never allows (or denies) it. For a wildcard pattern, only when every
 * action it matches is so.
 *
 * Judged only where the answer is certain: a resource of another service, or of a service without resource
 * types, or one that could match the service's empty-name resource (`arn:aws:logs:*:*:log-group:*`,
 * `arn:aws:s3:::*`), keeps the statement out; so do services whose reference pages the catalogue merged.
 */
export default {
  meta: {
    code: 'action-requires-wildcard',
    severity: 'error',
    summary: 'An action that supports no resource-level permissions is scoped to specific resources; it is never granted.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      const allow = isAllow(s);
      if (!allow && !isDeny(s)) continue;
      const items = s.resource?.items;
      if (!items || items.length === 0) continue;
      let star = false;
      for (const r of items) if (r.value === '*') star = true;
      if (star) continue;
      // Built when an entry of only unscoped actions turns up (most entries have a scoped action).
      let patterns: ResourcePattern[] | undefined;
      for (const it of ctx.analysis.actions(s)) {
        const actions = it.actions;
        if (actions.length === 0 || !allUnscoped(actions)) continue;
        if (!patterns) {
          patterns = [];
          for (const r of items) patterns.push(resourcePattern(variablesAsWildcards(r.value)));
        }
        let specific = true;
        for (const p of patterns) {
          if (!namesSpecificResource(p, actions)) {
            specific = false;
            break;
          }
        }
        if (!specific) continue;
        const what =
          actions.length === 1 && !/[*?]/.test(it.pattern?.name ?? '')
            ? `${actions[0]!.fullName} supports no resource-level permissions`
            : `none of the ${actions.length} actions "${it.item.value}" matches supports resource-level permissions`;
        ctx.report({
          pointer: it.item.pointer,
          message: `${what}: IAM checks it against "*" (or the service's resource with no name), so this statement with specific resources never ${allow ? 'allows' : 'denies'} it; move it to a statement with "Resource": "*"`,
        });
      }
    }
  },
} satisfies Rule;

/** Whether no action supports resource-level permissions (and none is of a service whose pages were merged). */
function allUnscoped(actions: readonly Action[]): boolean {
  for (const a of actions) if (a.supportsResourceLevel || hasMergedPages(a.service)) return false;
  return true;
}

/**
 * Whether the pattern names specific resources of the actions' own services: its ARN service is one of theirs,
 * and it cannot match any of their empty-name ARNs.
 */
function namesSpecificResource(pattern: ResourcePattern, actions: readonly Action[]): boolean {
  const arnService = pattern.arnService;
  if (arnService === undefined || /[*?]/.test(arnService)) return false;
  let ownService = false;
  // A wildcard's actions are of one service, or a few: each service judged once (no set of them built).
  for (let i = 0; i < actions.length; i++) {
    const service = actions[i]!.service;
    if (i > 0 && actions[i - 1]!.service === service) continue;
    const formats = emptyNameFormats(service);
    for (const f of formats) {
      if (f.service === arnService) ownService = true;
      if (pattern.matches(f)) return false;
    }
  }
  return ownService;
}
