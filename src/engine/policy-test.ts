/**
 * Policy unit tests: each case of a suite is simulated against the suite's policies (compiled once) and compared
 * with its expectation. Pure: the test file is read by `src/policy/test-file.ts`, printed by `src/render/`.
 */
import { TestFileError, type SpecPosition, type TestCaseSpec, type TestContext, type TestFileSpec } from '../policy/test-file.js';
import { defaultPrincipal } from './evaluate/input.js';
import { parsePrincipal } from './evaluate/request.js';
import type { Decision, ImplicitDenyReason, MatchedStatement, SimulationRequest } from './evaluate/types.js';
import { compileNamedSet } from './named-set.js';

export interface DecidingStatement extends MatchedStatement {
  /** the file (or test-file location) the statement's policy came from */
  source: string;
}

export interface CaseResult {
  file: string;
  suite?: string;
  name: string;
  line?: number;
  request: SimulationRequest;
  expect: Decision;
  actual: Decision;
  passed: boolean;
  /** the statements that decided: the Denies of an explicit deny, the Allows of an allow */
  decidedBy: DecidingStatement[];
  /** for an implicit deny, the layers that failed to allow */
  denied?: ImplicitDenyReason[];
}

function requestOf(c: TestCaseSpec, principal: string | undefined, context: TestContext | undefined): SimulationRequest {
  const request: SimulationRequest = {
    principal: c.principal ?? principal ?? defaultPrincipal(c.resource, c.resourceAccount),
    action: c.action,
    resource: c.resource,
  };
  if (c.resourceAccount !== undefined) request.resourceAccount = c.resourceAccount;
  // The suite's context is the default; a case's keys override it (key names compared without case, as IAM does).
  if (context || c.context) {
    const merged: TestContext = {};
    const caseKeys = new Set(Object.keys(c.context ?? {}).map((k) => k.toLowerCase()));
    for (const [k, v] of Object.entries(context ?? {})) if (!caseKeys.has(k.toLowerCase())) merged[k] = v;
    Object.assign(merged, c.context);
    request.context = merged;
  }
  return request;
}

/**
 * A principal the evaluator would read as anonymous is almost always a typo (`arn:aws:iam:1111…` with a colon
 * missing), and a test that passes with it passes for the wrong reason: refuse it, except `anonymous` said plainly.
 */
export function checkPrincipal(text: string, path: string, at: SpecPosition | undefined): void {
  if (text === 'anonymous' || parsePrincipal(text).kind !== 'anonymous') return;
  throw new TestFileError(
    path,
    `principal "${text}" is not an IAM user, role, assumed-role session, federated-user or root ARN, an account id or a service principal (write "anonymous" for an unsigned request)`,
    at?.line,
    at?.column,
  );
}

/** Runs every case of the file; throws `NamedCompileError` for a policy IAM would refuse, `TestFileError` for a bad principal. */
export function runTestFile(file: TestFileSpec): CaseResult[] {
  const out: CaseResult[] = [];
  for (const suite of file.suites) {
    if (suite.principal !== undefined) checkPrincipal(suite.principal, file.path, suite.principalAt);
    for (const c of suite.cases) if (c.principal !== undefined) checkPrincipal(c.principal, file.path, c.principalAt);
  }
  for (const suite of file.suites) {
    const { compiled, sources } = compileNamedSet(suite.policies);
    for (const c of suite.cases) {
      const request = requestOf(c, suite.principal, suite.context);
      const result = compiled.evaluate(request, { explain: true });
      const matched = result.matched ?? [];
      const deciding = result.decision === 'explicitDeny' ? matched.filter((m) => m.effect === 'Deny') : result.decision === 'allowed' ? matched.filter((m) => m.effect === 'Allow') : [];
      const r: CaseResult = {
        file: file.path,
        name: c.name,
        request,
        expect: c.expect,
        actual: result.decision,
        passed: result.decision === c.expect,
        decidedBy: deciding.map((m) => ({ ...m, source: sources.get(m.policy) ?? m.policy })),
      };
      if (suite.name !== undefined) r.suite = suite.name;
      if (c.line !== undefined) r.line = c.line;
      if (result.denied) r.denied = result.denied;
      out.push(r);
    }
  }
  return out;
}
