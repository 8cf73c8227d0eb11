/** shrink on small policies whose best form is known: what merges, which wildcards, what never changes. */
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../../src/catalog/load.js';
import { expandActionPattern } from '../../../src/engine/actions.js';
import { compilePolicySet } from '../../../src/engine/evaluate/index.js';
import { compactSize, shrinkPolicy } from '../../../src/engine/shrink/index.js';
import { lintPolicy } from '../../../src/index.js';
import { equivalent } from './equivalence.js';

type S = Record<string, unknown>;
const pol = (...statements: S[]): S => ({ Version: '2012-10-17', Statement: statements });
const stmts = (p: Record<string, unknown>): S[] => p.Statement as S[];

describe('shrinkPolicy', () => {
  it('merges statements with the same effect, resources and conditions into one, keeping the actions in the order written', () => {
    const p = pol(
      { Sid: 'A', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
      { Sid: 'B', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:q' },
    );
    const out = shrinkPolicy(p).policy;
    expect(stmts(out)).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:ReceiveMessage'], Resource: 'arn:aws:sqs:us-east-1:111122223333:q' }]);
  });

  it('merges statements with the same actions into one resource list', () => {
    const p = pol({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:a' }, { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:b' });
    expect(stmts(shrinkPolicy(p).policy)).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['arn:aws:sqs:us-east-1:111122223333:a', 'arn:aws:sqs:us-east-1:111122223333:b'] },
    ]);
  });

  it('does not merge across different conditions or effects', () => {
    const p = pol(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    );
    expect(stmts(shrinkPolicy(p).policy)).toHaveLength(3);
  });

  it('writes a whole word-boundary family as one wildcard (every s3:GetObject* action → s3:GetObject*)', () => {
    const family = expandActionPattern(getCatalog(), 's3:GetObject*').map((a) => a.fullName);
    expect(family.length).toBeGreaterThan(3);
    const out = shrinkPolicy(pol({ Effect: 'Allow', Action: family, Resource: '*' })).policy;
    expect(stmts(out)[0]!.Action).toBe('s3:GetObject*');
  });

  it('never uses a wildcard that reaches an action outside the list (s3:GetObject + s3:GetObjectAcl stay literal)', () => {
    const out = shrinkPolicy(pol({ Effect: 'Deny', Action: ['s3:GetObject', 's3:GetObjectAcl'], Resource: '*' })).policy;
    expect(stmts(out)[0]!.Action).toEqual(['s3:GetObject', 's3:GetObjectAcl']);
  });

  it('writes a whole service as service:* in a Deny (an action AWS adds later is denied too: safe)', () => {
    const all = getCatalog().service('sqs')!.actions.map((a) => a.fullName);
    expect(stmts(shrinkPolicy(pol({ Effect: 'Deny', Action: all, Resource: '*' })).policy)[0]!.Action).toBe('sqs:*');
  });

  it('never writes service:* for an Allow list that merely holds every action today (it would grant future ones)', () => {
    const all = getCatalog().service('sqs')!.actions.map((a) => a.fullName);
    const out = stmts(shrinkPolicy(pol({ Effect: 'Allow', Action: all, Resource: '*' })).policy)[0]!.Action;
    expect([out].flat()).not.toContain('sqs:*');
    expect([out].flat().length).toBeLessThan(all.length);
  });

  it('drops actions a wildcard of the same statement already covers', () => {
    const out = shrinkPolicy(pol({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*', 's3:getobjectacl'], Resource: '*' })).policy;
    expect(stmts(out)[0]!.Action).toBe('s3:Get*');
  });

  it('drops resources another resource of the statement contains (b/a* inside b/*), by glob containment', () => {
    const out = shrinkPolicy(pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/a*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/?x'] })).policy;
    expect(stmts(out)[0]!.Resource).toBe('arn:aws:s3:::b/*');
  });

  it('drops a statement another statement with the same frame covers', () => {
    const p = pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }, { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' });
    expect(stmts(shrinkPolicy(p).policy)).toEqual([{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }]);
  });

  it('keeps NotResource statements apart (the union of two complements is not the complement of the union)', () => {
    const p = pol({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::a/*' }, { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' });
    const out = shrinkPolicy(p).policy;
    expect(stmts(out)).toHaveLength(2);
    expect(equivalent(getCatalog(), p, out)).toBeUndefined();
  });

  it('keeps actions the catalogue does not know, as written', () => {
    const out = shrinkPolicy(pol({ Effect: 'Allow', Action: ['s3:GetObject', 'newservice:DoThing'], Resource: '*' })).policy;
    expect(stmts(out)[0]!.Action).toEqual(['s3:GetObject', 'newservice:DoThing']);
  });

  it('compresses a NotAction list the same way, matching exactly the same actions', () => {
    const all = getCatalog().service('iam')!.actions.map((a) => a.fullName);
    const p = pol({ Effect: 'Allow', NotAction: all, Resource: '*' });
    const out = shrinkPolicy(p).policy;
    expect(stmts(out)[0]!.NotAction).toBe('iam:*');
  });

  it('output of a clean policy lints clean', () => {
    const p = pol(
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::b/*' },
      { Sid: 'Read2', Effect: 'Allow', Action: ['s3:GetObjectTagging'], Resource: 'arn:aws:s3:::b/*' },
      { Sid: 'List', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    );
    expect(lintPolicy(p).findings).toEqual([]);
    expect(lintPolicy(shrinkPolicy(p).policy).findings).toEqual([]);
  });

  it('never returns something larger: an already minimal policy comes back as it was', () => {
    const p = pol({ Sid: 'Only', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const r = shrinkPolicy(p);
    expect(r.after).toBe(r.before);
    expect(r.policy).toEqual(p);
  });

  it('counts size as IAM does: characters without white space', () => {
    const r = shrinkPolicy(pol({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }));
    expect(r.after).toBe(JSON.stringify(r.policy).length);
    expect(compactSize({ a: 'x y' })).toBe('{"a":"xy"}'.length);
  });

  it('reports when it cannot get under --max-chars, and --split spreads the statements over policies that each fit', () => {
    const actions = getCatalog().service('ec2')!.actions.filter((_, i) => i % 2 === 0).map((a) => a.fullName);
    const p = pol({ Effect: 'Allow', Action: actions, Resource: '*' }, { Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
    const one = shrinkPolicy(p, { maxChars: 2000 });
    expect(one.fits).toBe(false);
    const split = shrinkPolicy(p, { maxChars: 2000, split: true });
    expect(split.fits).toBe(true);
    expect(split.documents.length).toBeGreaterThan(1);
    for (const d of split.documents) expect(compactSize(d)).toBeLessThanOrEqual(2000);
    // Attached together, the split policies decide every request as the original does.
    const together = compilePolicySet({ identity: split.documents });
    const original = compilePolicySet({ identity: [p] });
    for (const a of getCatalog().service('ec2')!.actions) {
      const req = { principal: 'arn:aws:iam::111122223333:role/r', action: a.fullName, resource: '*' };
      expect(together.evaluate(req, { explain: false }).decision, a.fullName).toBe(original.evaluate(req, { explain: false }).decision);
    }
  });
});
