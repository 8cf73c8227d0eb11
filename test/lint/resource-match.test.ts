import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/load.js';
import { typesByArnService } from '../../src/lint/resource-match.js';
import { parseArn } from '../../src/engine/arn.js';

/** The reference: every type of every service with a format whose ARN service part is `service`. */
function bruteForce(service: string): string[] {
  const out: string[] = [];
  for (const s of getCatalog().services) {
    for (const t of s.resourceTypes) {
      const formats = t.arnFormat.toLowerCase().split(/,\s*(?=arn:)/);
      if (formats.some((f) => parseArn(f.trim())?.service === service)) out.push(`${s.prefix}/${t.name}`);
    }
  }
  return out;
}

describe('typesByArnService', () => {
  // The catalogue header lists each service's ARN service parts, so only those services are read; the answer must
  // be what a scan of every service's resource types gives, in catalogue order.
  it.each(['s3', 'kms', 'iam', 'ec2', 'elasticloadbalancing', 'execute-api', 'no-such-service'])(
    'types under arn:…:%s: are exactly those a scan of the whole catalogue finds, in catalogue order',
    (service) => {
      const got = typesByArnService(getCatalog(), service).map((t) => `${t.service.prefix}/${t.name}`);
      expect(got).toEqual(bruteForce(service));
    },
  );

  it('undefined and empty service parts stand for every resource type of the catalogue', () => {
    const all = getCatalog().services.reduce((n, s) => n + s.resourceTypes.length, 0);
    expect(typesByArnService(getCatalog(), undefined)).toHaveLength(all);
    expect(typesByArnService(getCatalog(), '')).toHaveLength(all);
    expect(bruteForce('s3').length).toBeGreaterThan(5);
  });
});
