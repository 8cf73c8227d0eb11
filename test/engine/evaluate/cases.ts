/**
 * Table-driven cases for the evaluation engine: each case is one documented rule, named after it. Every case is
 * checked on both paths (the plain decision and the explained one) so the two can never drift apart.
 */
import { expect, it } from 'vitest';
import { compile, type Decision, type PolicySet, type SimulationRequest } from '../../../src/engine/evaluate/index.js';

export const ACCT = '111122223333';
export const OTHER = '444455556666';
export const USER = `arn:aws:iam::${ACCT}:user/alice`;
export const ROLE = `arn:aws:iam::${ACCT}:role/ci`;
export const SESSION = `arn:aws:sts::${ACCT}:assumed-role/ci/build-42`;
export const FEDERATED = `arn:aws:sts::${ACCT}:federated-user/bob`;
export const ROOT = `arn:aws:iam::${ACCT}:root`;
export const OTHER_ROLE = `arn:aws:iam::${OTHER}:role/reader`;
export const OBJECT = 'arn:aws:s3:::bucket/key';

export type Stmt = Record<string, unknown>;

export function doc(...Statement: Stmt[]): Record<string, unknown> {
  return { Version: '2012-10-17', Statement };
}
export function allow(Action: string | string[], Resource: string | string[] = '*', extra: Stmt = {}): Stmt {
  return { Effect: 'Allow', Action, Resource, ...extra };
}
export function deny(Action: string | string[], Resource: string | string[] = '*', extra: Stmt = {}): Stmt {
  return { Effect: 'Deny', Action, Resource, ...extra };
}
/** A resource-policy statement for one principal block. */
export function grant(Principal: unknown, Action: string | string[] = 's3:GetObject', Resource: string | string[] = '*', extra: Stmt = {}): Stmt {
  return { Effect: 'Allow', Principal, Action, Resource, ...extra };
}
export const ALLOW_ALL = doc(allow('*'));

export interface Case {
  name: string;
  policies: PolicySet;
  request?: Partial<SimulationRequest>;
  expect: Decision;
  /** `policy#statement` of every matched statement, in order */
  matched?: string[];
  /** failed layers of an implicit deny: `identity`, `scp:1`… */
  denied?: string[];
}

export const BASE_REQUEST: SimulationRequest = { principal: USER, action: 's3:GetObject', resource: OBJECT };

export function runCases(cases: readonly Case[]): void {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const request = { ...BASE_REQUEST, ...c.request };
    const compiled = compile(c.policies);
    const explained = compiled.evaluate(request, { explain: true });
    expect(explained.decision).toBe(c.expect);
    expect(compiled.decide(request)).toBe(c.expect);
    if (c.matched) expect(explained.matched!.map((m) => `${m.policy}#${m.statement}`)).toEqual(c.matched);
    if (c.denied) {
      expect(explained.denied!.map((d) => (d.level === undefined ? d.layer : `${d.layer}:${d.level}`))).toEqual(c.denied);
    }
  });
}

/** One identity policy allowing everything under one condition clause; the case expects the clause's truth. */
export function conditionCase(name: string, operator: string, key: string, values: unknown, context: SimulationRequest['context'], holds: boolean, extra: Partial<Case> = {}): Case {
  return {
    name,
    policies: { identity: [doc(allow('*', '*', { Condition: { [operator]: { [key]: values } } }))] },
    request: context === undefined ? {} : { context },
    expect: holds ? 'allowed' : 'implicitDeny',
    ...extra,
  };
}
