import type { Catalog, ResourceType } from '../../catalog/catalog.js';
import {
  fieldIntersectsFormat,
  fieldMayStartWith,
  parseArn,
  PARTITIONS,
  variablesAsWildcards,
  type Arn,
  type ArnFormat,
} from '../../engine/arn.js';
import { compileWildcard } from '../../engine/wildcard.js';
import { strList } from '../../policy/build.js';
import type { Str } from '../../policy/model.js';
import { escapePointer } from '../../policy/tree.js';
import { formatsOf, typesByArnService } from '../resource-match.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * A `Resource`/`NotResource` value that is not a well-formed ARN for the service it names: not an ARN at all
 * (`s3://bucket`), too few fields, a partition or service in the wrong case or unknown, a region or account
 * written where the resource type's ARN format has none (S3 buckets, IAM), or a region left out where every
 * format needs one. These are Access Analyzer's "Invalid ARN prefix", "Missing ARN field", "Invalid partition", "Invalid ARN
 * service case", "ARN Region/account not allowed", "Missing ARN Region" and "Invalid ARN account" errors. A
 * missing account is not reported: AWS-owned resources have none even where the format shows one.
 *
 * An ARN is judged against the formats of every resource type whose ARN has that service part (which is not
 * always the IAM prefix: `sts:AssumeRole` acts on `arn:…:iam::…:role/…`). Wildcards may stand in any field;
 * policy variables count as wildcards, and so do the unknown parts of unresolved template values.
 */
export default {
  meta: {
    code: 'invalid-arn',
    severity: 'error',
    summary: 'A resource ARN is malformed or does not fit the ARN format of its service.',
  },
  check(ctx) {
    for (const s of ctx.document.statements) {
      if (s.resource) judgeAll(ctx, s.resource.items);
      if (s.notResource) judgeAll(ctx, s.notResource.items);
      // `Resources`, `resource`…: unknown-element reports the key; the values inside are still worth judging, so
      // the author fixes both at once.
      for (const p of s.node.props) {
        const key = p.key;
        if (key === 'Resource' || key === 'NotResource') continue;
        // Only keys as long as the four spellings can be one: Effect, Action, Sid… are not lower-cased for nothing.
        const n = key.length;
        if (n !== 8 && n !== 9 && n !== 11 && n !== 12) continue;
        const lower = key.toLowerCase();
        if (lower === 'resource' || lower === 'resources' || lower === 'notresource' || lower === 'notresources') {
          judgeAll(ctx, strList(p.value, `${s.pointer}/${escapePointer(p.key)}`).items);
        }
      }
    }
  },
} satisfies Rule;

interface Problem {
  message: string;
  fix?: string;
}

/** Answers by value (null: no problem): the same resources recur across the statements and policies of a run. */
const answersByCatalog = new WeakMap<Catalog, Map<string, Problem | null>>();

function judgeAll(ctx: RuleContext, items: readonly Str[]): void {
  const catalog = ctx.catalog;
  let answers = answersByCatalog.get(catalog);
  if (!answers) answersByCatalog.set(catalog, (answers = new Map()));
  // One loop, the memo looked up inline: it runs for every resource of every policy, interpreted at first.
  for (const item of items) {
    let problem: Problem | null | undefined;
    if (item.unresolved) {
      // Unresolved template values are rare, and judged more leniently: not memoised with the literal ones.
      problem = judgeValue(catalog, item.value, true);
    } else {
      problem = answers.get(item.value);
      if (problem === undefined) {
        problem = judgeValue(catalog, item.value, false) ?? null;
        if (answers.size > 20_000) answers.clear();
        answers.set(item.value, problem);
      }
    }
    if (!problem) continue;
    if (problem.fix) ctx.report({ pointer: item.pointer, message: problem.message, fix: problem.fix });
    else ctx.report({ pointer: item.pointer, message: problem.message });
  }
}

const WILD = /[*?]/;

function judgeValue(catalog: Catalog, raw: string, unresolved: boolean): Problem | undefined {
  const text = variablesAsWildcards(raw);
  // `*` alone is every resource; a value that starts with a wildcard may cover the whole `arn:…` prefix.
  if (text === '' || text.startsWith('*') || text.startsWith('?')) {
    return text === '' ? { message: 'an empty resource names nothing; use an ARN or "*"' } : undefined;
  }
  if (!text.startsWith('arn:')) {
    if (unresolved) return undefined;
    return notAnArn(raw);
  }
  const arn = parseArn(text);
  if (!arn) {
    // A wildcard may stand for several fields (`arn:aws:s3:::*` has them all, `arn:aws:*` does not).
    if (WILD.test(text) || unresolved) return undefined;
    return {
      message: `"${raw}" has too few fields: an ARN is arn:partition:service:region:account:resource (region and account may be empty, the colons may not)`,
    };
  }
  return (
    partitionProblem(raw, arn) ??
    serviceProblem(raw, arn) ??
    (arn.resource === '' ? { message: `"${raw}" has an empty resource part` } : undefined) ??
    computeFormatProblem(catalog, raw, arn)
  );
}

function notAnArn(raw: string): Problem {
  const lower = raw.toLowerCase();
  if (lower.startsWith('arn:')) {
    const fixed = `arn:${raw.slice(4)}`;
    return { message: `the ARN prefix is lower-case "arn:", not "${raw.slice(0, 4)}"`, fix: fixed };
  }
  // An S3 URI names a bucket or an object; its ARN is certain in the standard partition.
  const s3 = /^s3:\/\/([^/\s]+)(\/.*)?$/i.exec(raw);
  if (s3 && raw.startsWith('s3://')) {
    const fix = `arn:aws:s3:::${s3[1]}${s3[2] ?? ''}`;
    return { message: `"${raw}" is an S3 URI, not an ARN; IAM resources are ARNs ("${fix}")`, fix };
  }
  if (/^[a-z0-9-]+:/.test(raw) && PARTITIONS.some((p) => raw.startsWith(`${p}:`))) {
    return { message: `"${raw}" lacks the "arn:" prefix`, fix: `arn:${raw}` };
  }
  return { message: `"${raw}" is not an ARN: a resource is "*" or arn:partition:service:region:account:resource` };
}

function partitionProblem(raw: string, arn: Arn): Problem | undefined {
  const p = arn.partition;
  if (p === '') return { message: `"${raw}" has an empty partition; use "aws" (or aws-cn, aws-us-gov…)` };
  if (WILD.test(p)) {
    const m = compileWildcard(p);
    if (PARTITIONS.some((x) => m.matches(x))) return undefined;
    return { message: `the partition pattern "${p}" matches no AWS partition (${PARTITIONS.join(', ')})` };
  }
  if ((PARTITIONS as readonly string[]).includes(p)) return undefined;
  if ((PARTITIONS as readonly string[]).includes(p.toLowerCase())) {
    return { message: `partitions are lower-case: "${p.toLowerCase()}", not "${p}"`, fix: replaceField(raw, 1, p.toLowerCase()) };
  }
  return { message: `"${p}" is not an AWS partition (${PARTITIONS.join(', ')})` };
}

function serviceProblem(raw: string, arn: Arn): Problem | undefined {
  const s = arn.service;
  if (s === '') return { message: `"${raw}" has an empty service part` };
  if (WILD.test(s)) return undefined;
  if (s !== s.toLowerCase()) {
    return { message: `the service in an ARN is lower-case: "${s.toLowerCase()}", not "${s}"`, fix: replaceField(raw, 2, s.toLowerCase()) };
  }
  return undefined;
}

/** The ARN with field `index` (1 partition … 4 account) replaced; undefined when the raw text cannot be split. */
function replaceField(raw: string, index: number, value: string): string | undefined {
  const parts = raw.split(':');
  if (parts.length < 6) return undefined;
  // A policy variable before the resource part holds a colon (`${aws:username}`): do not guess.
  if (parts.slice(0, 5).some((x) => x.includes('${'))) return undefined;
  parts[index] = value;
  return parts.join(':');
}

interface Candidate {
  format: ArnFormat;
  type: ResourceType;
}

/**
 * The formats, with fields, whose ARN service is `arnService`, of the given types. (The service has no wildcard
 * and no variable: computeFormatProblem returns before for those, and `${…}` became `*` before parsing.)
 */
function formatsFor(types: readonly ResourceType[], arnService: string): Candidate[] {
  const list: Candidate[] = [];
  // Lower-case formats (see resource-match.ts): ARNs are matched below in lower case too.
  for (const type of types) for (const format of formatsOf(type)) if (format.fields && format.service === arnService) list.push({ format, type });
  return list;
}

const fullIndexes = new WeakMap<Catalog, Map<string, Candidate[]>>();

/**
 * The formats of every resource type of the catalogue whose ARN has this service part. The types are found by
 * ARN service without compiling every format of the catalogue; only this service's formats are compiled.
 */
function allFormats(catalog: Catalog, arnService: string): Candidate[] {
  let byService = fullIndexes.get(catalog);
  if (!byService) fullIndexes.set(catalog, (byService = new Map()));
  let list = byService.get(arnService);
  if (!list) byService.set(arnService, (list = formatsFor(typesByArnService(catalog, arnService), arnService)));
  return list;
}

const ownIndexes = new WeakMap<Catalog, Map<string, Candidate[]>>();

/** The formats of the service whose IAM prefix equals the ARN service: usually all there is, and cheap. */
function ownFormats(catalog: Catalog, arnService: string): Candidate[] {
  let byService = ownIndexes.get(catalog);
  if (!byService) ownIndexes.set(catalog, (byService = new Map()));
  let list = byService.get(arnService);
  if (!list) byService.set(arnService, (list = formatsFor(catalog.service(arnService)?.resourceTypes ?? [], arnService)));
  return list;
}

function computeFormatProblem(catalog: Catalog, raw: string, written: Arn): Problem | undefined {
  if (WILD.test(written.service)) return undefined;
  const region = written.region.toLowerCase();
  const account = written.account.toLowerCase();
  const resource = written.resource.toLowerCase();
  // Usually the service's own resource types settle it; only a suspected problem consults every service.
  const own = ownFormats(catalog, written.service);
  // The common answer in one pass, without the lists below: one of the service's own formats that the resource
  // part, the region and the account all fit, when the account and region need no look of their own (see
  // regionOrAccountProblem: with such a format and such fields it finds nothing). Anything else takes the long way.
  if (own.length > 0 && !badAccountDigits(account) && !regionNeedsShapeCheck(written.region)) {
    for (const c of startingWith(own, resource)) {
      const f = c.format;
      if (fieldIntersectsFormat(resource, 4, f) && fieldIntersectsFormat(region, 2, f) && (account === '' || fieldIntersectsFormat(account, 3, f))) {
        return undefined;
      }
    }
  }
  // A literal of the same shape as parseArn's (not a spread: that takes a slow generic path before V8 optimises).
  const arn: Arn = { partition: written.partition, service: written.service, region, account, resource };
  if (own.length > 0) {
    const byResource = matchingResource(own, resource);
    if (byResource.length > 0 && !regionOrAccountProblem(raw, written, arn, own, byResource)) return undefined;
  }
  const all = allFormats(catalog, arn.service);
  if (all.length === 0) return undefined;
  return regionOrAccountProblem(raw, written, arn, all, matchingResource(all, resource));
}

/** An account written as digits that is not the 12-digit account id (Access Analyzer: "Invalid ARN account"). */
function badAccountDigits(account: string): boolean {
  return /^[\d-]+$/.test(account) && !/^\d{12}$/.test(account);
}

const REGION_SHAPE = /^[a-z]{2,}(-[a-z]+)+-\d{1,2}$/;

/** Whether regionShapeProblem's answer for this region depends on the formats (else it has none). */
function regionNeedsShapeCheck(region: string): boolean {
  return !(region === '' || WILD.test(region) || !/^[A-Za-z0-9-]+$/.test(region) || REGION_SHAPE.test(region));
}

/** The formats whose resource part the ARN's resource part can match. */
function matchingResource(formats: Candidate[], resource: string): Candidate[] {
  if (resource === '*') return formats;
  const out: Candidate[] = [];
  for (const f of startingWith(formats, resource)) if (fieldIntersectsFormat(resource, 4, f.format)) out.push(f);
  return out;
}

/** Per list of formats, the sublists by a literal first character of the resource part (see startingWith). */
const byFirstChar = new WeakMap<Candidate[], Map<number, Candidate[]>>();

/**
 * The formats (in order) whose resource part can start like the tokens: a format whose resource part starts
 * with another literal character cannot match (the first step of the intersection's literal-ends test), and
 * there are dozens per service (EC2, IAM, SageMaker): each ARN is tried against a few, not all.
 */
function startingWith(formats: Candidate[], resource: string): Candidate[] {
  const first = resource.length > 0 ? resource.charCodeAt(0) : -1;
  if (first < 0 || first === 42 /* * */ || first === 63 /* ? */ || formats.length < 8) return formats;
  let lists = byFirstChar.get(formats);
  if (!lists) byFirstChar.set(formats, (lists = new Map()));
  let list = lists.get(first);
  if (!list) {
    list = [];
    for (const f of formats) {
      if (fieldMayStartWith(f.format.fields![4]!, first)) list.push(f);
    }
    lists.set(first, list);
  }
  return list;
}

/** Whether some candidate's field `index` (2 region, 3 account) can hold the ARN's value there. */
function someFieldFits(candidates: Candidate[], index: 2 | 3, value: string): boolean {
  for (const c of candidates) if (fieldIntersectsFormat(value, index, c.format)) return true;
  return false;
}

/** `written` is the ARN as written (for messages), `arn` the same in lower case (for matching). */
function regionOrAccountProblem(raw: string, written: Arn, arn: Arn, formats: Candidate[], byResource: Candidate[]): Problem | undefined {
  // The resource types this ARN can be (by its resource part); when none, judge against all of the service's.
  const candidates = byResource.length > 0 ? byResource : formats;
  const regionOk = someFieldFits(candidates, 2, arn.region);
  if (!regionOk) {
    if (arn.region === '') {
      return { message: `${describe(arn, candidates)} ARNs have a region: arn:${written.partition}:${written.service}:REGION:… (${example(candidates)})` };
    }
    return {
      message: `${describe(arn, candidates)} ARNs have no region; "${written.region}" makes the ARN match nothing (${example(candidates)})`,
      ...fixed(replaceField(raw, 3, '')),
    };
  }
  // An empty account is not judged: AWS-owned resources leave it out where the format has one
  // (`arn:aws:ssm:*::document/AWS-RunShellScript`, public SSM parameters, Resource Explorer service views).
  const accountOk = arn.account === '' || someFieldFits(candidates, 3, arn.account);
  if (!accountOk) {
    return {
      message: `${describe(arn, candidates)} ARNs have no account; "${written.account}" makes the ARN match nothing (${example(candidates)})`,
      ...fixed(replaceField(raw, 4, '')),
    };
  }
  // An account written as digits must be the 12-digit account id (Access Analyzer: "Invalid ARN account").
  if (badAccountDigits(arn.account)) {
    const digits = arn.account.replace(/-/g, '');
    return {
      message: `the account "${arn.account}" is not a 12-digit AWS account id`,
      ...(digits.length === 12 ? fixed(replaceField(raw, 4, digits)) : {}),
    };
  }
  return regionShapeProblem(raw, written, candidates);
}

/**
 * A literal region where the format has a `${Region}` variable must look like a region (`us-east-1`,
 * `us-gov-west-1`, `cn-north-1`). Upper-case text that is not a region is taken for a placeholder (`REGION`) and
 * left to placeholder-in-policy.
 */
function regionShapeProblem(raw: string, arn: Arn, candidates: Candidate[]): Problem | undefined {
  const region = arn.region;
  if (!regionNeedsShapeCheck(region)) return undefined;
  if (!candidates.every((c) => c.format.regionIsVariable)) return undefined;
  if (REGION_SHAPE.test(region.toLowerCase())) {
    return { message: `regions are lower-case: "${region.toLowerCase()}", not "${region}"`, ...fixed(replaceField(raw, 3, region.toLowerCase())) };
  }
  if (region !== region.toLowerCase()) return undefined;
  return { message: `"${region}" is not an AWS region (regions look like us-east-1, eu-central-2, us-gov-west-1)` };
}

function fixed(fix: string | undefined): { fix?: string } {
  return fix ? { fix } : {};
}

/** `Amazon S3 bucket`, `AWS Identity and Access Management (IAM) role, user…`: the service that owns the ARN. */
function describe(arn: Arn, candidates: { type: ResourceType }[]): string {
  const owner = candidates.find((c) => c.type.service.prefix === arn.service) ?? candidates[0]!;
  const types = [...new Set(candidates.map((c) => c.type.name))];
  const shown = types.length > 3 ? `${types.slice(0, 3).join(', ')}…` : types.join(', ');
  return `${owner.type.service.name} ${shown}`;
}

function example(candidates: { type: ResourceType }[]): string {
  return candidates[0]!.type.arnFormat.split(/,\s*(?=arn:)/)[0]!;
}
