/**
 * Seeded generators for the differential test: requests over AWS managed-policy sets, and generated policy sets
 * (identity, resource, boundary, SCP levels, RCPs, session policies) whose statements draw on every condition-operator family, policy
 * variables, NotAction/NotResource and principal forms, with request contexts drawn from the same value pools so
 * that conditions are true about as often as false.
 */
import type { PolicySet, SimulationRequest } from '../../../src/engine/evaluate/index.js';

export const ACCT = '111122223333';
export const OTHER = '444455556666';

/** mulberry32: small, fast, good enough to spread cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;
const some = <T>(r: Rand, xs: readonly T[], max: number): T[] => {
  const n = 1 + Math.floor(r() * max);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(pick(r, xs));
  return [...new Set(out)];
};

export interface GeneratedCase {
  policies: PolicySet;
  request: SimulationRequest & { resourceAccount: string };
}

export const PRINCIPALS = {
  user: `arn:aws:iam::${ACCT}:user/alice`,
  role: `arn:aws:iam::${ACCT}:role/ci`,
  otherRole: `arn:aws:iam::${OTHER}:role/reader`,
  otherUser: `arn:aws:iam::${OTHER}:user/bob`,
};

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject', 'ec2:RunInstances', 'ec2:TerminateInstances', 'dynamodb:GetItem', 'sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction'];
const ACTION_PATTERNS = [...ACTIONS, 's3:*', 's3:Get*', 's3:*Object', 'ec2:*', '*', 'dynamodb:Get?tem', 'S3:getobject', 'sqs:*', 'lambda:Invoke*'];

const RESOURCES: [string, string][] = [
  ['arn:aws:s3:::bucket/key', ACCT],
  ['arn:aws:s3:::bucket/home/alice/notes.txt', ACCT],
  ['arn:aws:s3:::bucket/home/bob/notes.txt', ACCT],
  ['arn:aws:s3:::bucket', ACCT],
  ['arn:aws:s3:::partner/data.csv', OTHER],
  [`arn:aws:ec2:us-east-1:${ACCT}:instance/i-0123456789abcdef0`, ACCT],
  [`arn:aws:dynamodb:us-east-1:${ACCT}:table/orders`, ACCT],
  [`arn:aws:sqs:eu-west-1:${ACCT}:jobs`, ACCT],
  [`arn:aws:sns:us-east-1:${OTHER}:alerts`, OTHER],
  [`arn:aws:lambda:us-east-1:${ACCT}:function:build`, ACCT],
];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::bucket/*',
  'arn:aws:s3:::bucket',
  'arn:aws:s3:::*',
  'arn:aws:s3:::bucket/home/${aws:username}/*',
  'arn:aws:s3:::bucket/home/${aws:PrincipalTag/team}/*',
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:ec2:us-east-1:${ACCT}:*`,
  `arn:aws:*:*:${ACCT}:*`,
  'arn:aws:s3:::bucket/ke?',
  `arn:aws:dynamodb:*:${ACCT}:table/orders`,
  'arn:aws:sqs:*:*:jobs',
  'arn:aws:s3:::partner/*',
];

interface Clause {
  op: string;
  key: string;
  values: string[];
}

/** Condition clauses over keys whose request values come from CONTEXT_VALUES. */
const CLAUSES: Clause[] = [
  { op: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['dev'] },
  { op: 'StringEquals', key: 'aws:PrincipalTag/team', values: ['dev', 'ops'] },
  { op: 'StringNotEquals', key: 'aws:PrincipalTag/team', values: ['ops'] },
  { op: 'StringEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['DEV'] },
  { op: 'StringNotEqualsIgnoreCase', key: 'aws:PrincipalTag/team', values: ['Ops'] },
  { op: 'StringLike', key: 's3:prefix', values: ['home/*'] },
  { op: 'StringNotLike', key: 's3:prefix', values: ['private/*', 'tmp/?'] },
  { op: 'StringEqualsIfExists', key: 'aws:RequestedRegion', values: ['us-east-1'] },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['us-east-1', 'eu-west-1'] },
  { op: 'StringNotEqualsIfExists', key: 'aws:RequestedRegion', values: ['us-east-1'] },
  { op: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600'] },
  { op: 'NumericGreaterThanEquals', key: 'aws:MultiFactorAuthAge', values: ['100'] },
  { op: 'NumericNotEquals', key: 'aws:MultiFactorAuthAge', values: ['60'] },
  { op: 'NumericLessThanEqualsIfExists', key: 'aws:MultiFactorAuthAge', values: ['60'] },
  { op: 'DateGreaterThan', key: 'aws:CurrentTime', values: ['2024-01-01T00:00:00Z'] },
  { op: 'DateLessThan', key: 'aws:CurrentTime', values: ['2025-06-30T12:00:00Z'] },
  { op: 'DateNotEquals', key: 'aws:CurrentTime', values: ['2024-06-01T00:00:00Z'] },
  { op: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
  { op: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
  { op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: ['true'] },
  { op: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '2001:db8::/32'] },
  { op: 'NotIpAddress', key: 'aws:SourceIp', values: ['192.0.2.0/24'] },
  { op: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.7'] },
  { op: 'ArnLike', key: 'aws:SourceArn', values: [`arn:aws:sns:*:${ACCT}:*`] },
  { op: 'ArnEquals', key: 'aws:SourceArn', values: [`arn:aws:sns:us-east-1:${ACCT}:topic`] },
  { op: 'ArnNotLike', key: 'aws:SourceArn', values: ['arn:aws:sns:*:*:prod-*'] },
  { op: 'Null', key: 'aws:TokenIssueTime', values: ['true'] },
  { op: 'Null', key: 'aws:TokenIssueTime', values: ['false'] },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'] },
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['a', 'b'] },
  { op: 'ForAllValues:StringLike', key: 'aws:TagKeys', values: ['a*'] },
  { op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: ['a'] },
  { op: 'StringEquals', key: 'aws:ResourceTag/owner', values: ['${aws:username}'] },
  { op: 'StringEquals', key: 'aws:ResourceTag/team', values: ['${aws:PrincipalTag/team}'] },
  { op: 'StringLike', key: 's3:prefix', values: ['home/${aws:username}/*'] },
  { op: 'StringEquals', key: 'aws:PrincipalAccount', values: [ACCT] },
  { op: 'StringNotEquals', key: 'aws:PrincipalAccount', values: [ACCT] },
  { op: 'ArnLike', key: 'aws:PrincipalArn', values: [`arn:aws:iam::${ACCT}:role/*`] },
];

/** Values a request may carry for each key (absent when not chosen). */
const CONTEXT_VALUES: Record<string, (string | string[])[]> = {
  'aws:PrincipalTag/team': ['dev', 'ops', 'DEV', 'alice'],
  's3:prefix': ['home/alice/', 'private/x', 'tmp/1', 'home/'],
  'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-south-1'],
  'aws:MultiFactorAuthAge': ['30', '60', '3600', '7200'],
  'aws:CurrentTime': ['2023-12-31T23:59:59Z', '2024-06-01T00:00:00Z', '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:SourceIp': ['10.1.2.3', '192.0.2.10', '203.0.113.7', '2001:db8::1', '2001:db9::1'],
  'aws:SourceArn': [`arn:aws:sns:us-east-1:${ACCT}:topic`, `arn:aws:sns:eu-west-1:${ACCT}:prod-alerts`, `arn:aws:sqs:us-east-1:${ACCT}:q`],
  'aws:TokenIssueTime': ['2024-01-01T00:00:00Z'],
  'aws:TagKeys': [['a'], ['a', 'b'], ['a', 'c'], ['c'], ['ab', 'a']],
  'aws:ResourceTag/owner': ['alice', 'bob'],
  'aws:ResourceTag/team': ['dev', 'ops'],
};

function condition(r: Rand): Record<string, Record<string, string[]>> | undefined {
  if (!chance(r, 0.45)) return undefined;
  const out: Record<string, Record<string, string[]>> = {};
  for (const c of some(r, CLAUSES, 2)) {
    const block = (out[c.op] ??= {});
    block[c.key] = c.values;
  }
  return out;
}

function statement(r: Rand, effect: 'Allow' | 'Deny', principal: boolean | 'rcp'): Record<string, unknown> {
  const s: Record<string, unknown> = { Effect: effect };
  const actions = some(r, ACTION_PATTERNS, 3);
  if (chance(r, 0.1)) s.NotAction = actions;
  else s.Action = actions.length === 1 ? actions[0] : actions;
  const resources = some(r, RESOURCE_PATTERNS, 2);
  if (chance(r, 0.08)) s.NotResource = resources;
  else s.Resource = resources.length === 1 ? resources[0] : resources;
  // An RCP's principal can only be "*" (RCP syntax).
  if (principal === 'rcp') s.Principal = '*';
  else if (principal) {
    const p = pick(r, [
      '*',
      { AWS: '*' },
      { AWS: ACCT },
      { AWS: `arn:aws:iam::${ACCT}:root` },
      { AWS: PRINCIPALS.user },
      { AWS: PRINCIPALS.role },
      { AWS: OTHER },
      { AWS: PRINCIPALS.otherRole },
      { AWS: [PRINCIPALS.user, PRINCIPALS.otherRole] },
    ]);
    s.Principal = p;
  }
  const c = condition(r);
  if (c) s.Condition = c;
  return s;
}

function doc(r: Rand, n: number, denyRate: number, principal: boolean | 'rcp'): Record<string, unknown> {
  const Statement: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) Statement.push(statement(r, chance(r, denyRate) ? 'Deny' : 'Allow', principal));
  return { Version: '2012-10-17', Statement };
}

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export function generatedCase(r: Rand): GeneratedCase {
  const policies: PolicySet = { identity: [] };
  const identityCount = Math.floor(r() * 3);
  const identity: unknown[] = [];
  for (let i = 0; i < identityCount; i++) identity.push(doc(r, 1 + Math.floor(r() * 3), 0.2, false));
  policies.identity = identity;
  if (chance(r, 0.35)) policies.resource = doc(r, 1 + Math.floor(r() * 2), 0.25, true);
  if (chance(r, 0.3)) policies.boundary = doc(r, 1 + Math.floor(r() * 2), 0.15, false);
  if (chance(r, 0.3)) {
    const levels = 1 + Math.floor(r() * 2);
    const scp: unknown[][] = [];
    for (let i = 0; i < levels; i++) scp.push(chance(r, 0.5) ? [ALLOW_ALL, doc(r, 1, 0.8, false)] : [doc(r, 1 + Math.floor(r() * 2), 0.2, false)]);
    policies.scp = scp;
  }
  if (chance(r, 0.15)) policies.rcp = [[doc(r, 1, 1, 'rcp')]];

  const principal = pick(r, [PRINCIPALS.user, PRINCIPALS.user, PRINCIPALS.role, PRINCIPALS.otherRole, PRINCIPALS.otherUser]);
  // Session policies apply to role sessions only (a role ARN stands for a session of it).
  if (principal.includes(':role/') && chance(r, 0.3)) policies.session = doc(r, 1 + Math.floor(r() * 2), 0.15, false);
  const action = pick(r, ACTIONS);
  // Mostly a resource of the action's own service (the requests AWS makes); sometimes any, to exercise matching.
  const service = action.slice(0, action.indexOf(':'));
  const own = RESOURCES.filter(([arn]) => arn.startsWith(`arn:aws:${service}:`));
  const [resource, resourceAccount] = pick(r, own.length > 0 && chance(r, 0.85) ? own : RESOURCES);
  const context: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(CONTEXT_VALUES)) if (chance(r, 0.5)) context[key] = pick(r, values);
  // Keys a real request carries for this principal (iam-simulate derives none of them in unsafe mode).
  const account = principal.split(':')[4]!;
  context['aws:PrincipalArn'] = principal;
  context['aws:PrincipalAccount'] = account;
  if (principal.includes(':user/')) context['aws:username'] = principal.slice(principal.lastIndexOf('/') + 1);
  return { policies, request: { principal, action, resource, resourceAccount, context } };
}

export interface ManagedCorpus {
  names: string[];
  documents: Map<string, unknown>;
  /** every literal action named by some managed policy, for requests that hit */
  actions: string[];
}

export function managedCase(r: Rand, corpus: ManagedCorpus, allActions: readonly string[]): GeneratedCase & { names: string[] } {
  const names = some(r, corpus.names, 3);
  const policies: PolicySet = { identity: names.map((n) => corpus.documents.get(n)) };
  if (chance(r, 0.2)) policies.boundary = doc(r, 2, 0.2, false);
  if (chance(r, 0.2)) policies.scp = [[ALLOW_ALL, doc(r, 1, 0.9, false)]];
  const action = chance(r, 0.6) ? pick(r, corpus.actions) : pick(r, allActions);
  const service = action.slice(0, action.indexOf(':'));
  const resource = pick(r, ['*', `arn:aws:${service}:us-east-1:${ACCT}:thing/x`, `arn:aws:${service}:::x`, `arn:aws:${service}:us-east-1:${ACCT}:*`]);
  const principal = pick(r, [PRINCIPALS.user, PRINCIPALS.role]);
  const context: Record<string, string | string[]> = { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': ACCT };
  if (principal.includes(':user/')) context['aws:username'] = 'alice';
  return { names, policies, request: { principal, action, resource, resourceAccount: ACCT, context } };
}
