/**
 * Can a policy's resource pattern name a resource of a given type? The engine answers for one ARN format; this
 * adds what the lint rules need on top, so that they stay silent where IAM or the reference data says "maybe":
 *
 * - A resource type may list several ARN formats in one string (`arn:…:bot/${BotId}, arn:…:bot:${BotName}`):
 *   the reference merges same-named types of two pages of one service prefix. Each format is tried.
 * - AWS-owned resources have an empty account where the format shows one (`arn:aws:ssm:*::document/AWS-*`,
 *   public SSM parameters), so an empty account matches an account variable.
 * - Resource-type tokens are compared without regard to case: the reference's formats do not always spell them
 *   as the services do (`vpcConnection` in the reference, `vpcconnection` in AWS's own QuickSight policies).
 * - "If the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon
 *   boundaries" (IAM User Guide, Resource element). An account written `*` can therefore also cover the
 *   resource type's leading `secret:` / `alarm:` / `log-group:` token: AWS's own policies rely on
 *   `arn:aws:secretsmanager:*:*:sqlworkbench!*` and `arn:aws:logs:*:*:/aws-glue/*`.
 */
import type { Action, Catalog, ResourceType, Service } from '../catalog/catalog.js';
import { arnServiceOf } from '../catalog/pack.js';
import { arnPatternIntersectsFormat, compileArnFormat, compileArnPattern, parseArn, type ArnFormat, type ArnPattern } from '../engine/arn.js';

/**
 * Service prefixes that the Service Authorization Reference documents on more than one page (Elastic Load
 * Balancing and V2, SES v1 and v2, Lex and Lex V2, Kinesis Analytics and V2, API Gateway Management and V2,
 * Greengrass v1 and v2, Pinpoint SMS Voice and V2, the AWS Marketplace pages). The catalogue keeps one entry per
 * action name, so an action present on two pages keeps only one page's resource types and condition keys
 * (`elasticloadbalancing:AddTags` lists only the Classic load balancer). Rules judge these services coarsely.
 */
const MERGED_SERVICES: ReadonlySet<string> = new Set([
  'elasticloadbalancing',
  'ses',
  'lex',
  'kinesisanalytics',
  'apigateway',
  'greengrass',
  'sms-voice',
  'aws-marketplace',
]);

export function hasMergedPages(service: Service): boolean {
  return MERGED_SERVICES.has(service.prefix);
}

const formatsByType = new WeakMap<ResourceType, readonly ArnFormat[]>();

/** The ARN formats of a resource type (usually one). */
export function formatsOf(type: ResourceType): readonly ArnFormat[] {
  let out = formatsByType.get(type);
  if (!out) {
    const texts = formatTexts(type.arnFormat);
    const list: ArnFormat[] = [];
    for (const text of texts) list.push(compileArnFormat(text));
    formatsByType.set(type, (out = list));
  }
  return out;
}

/** A type's ARN format text split into its formats, lower case, trimmed, none empty. */
function formatTexts(arnFormat: string): string[] {
  const lower = arnFormat.toLowerCase();
  // Nearly every type has one format: no second `arn:`, nothing to split (no regex, no intermediate arrays).
  if (lower.indexOf('arn:', 1) < 0) {
    const one = lower.trim();
    return one === '' ? [] : [one];
  }
  const out: string[] = [];
  for (const part of lower.split(/,\s*(?=arn:)/)) {
    const one = part.trim();
    if (one !== '') out.push(one);
  }
  return out;
}

/**
 * A matcher for one resource pattern (policy variables already wildcards). `matches(format)` is true when some
 * real ARN of that format can match the pattern in IAM.
 */
export class ResourcePattern {
  readonly text: string;
  /** the ARN's service part in lower case; undefined when the text is not a five-field ARN */
  readonly arnService: string | undefined;
  /**
   * The pattern in lower case, parsed once; an empty account written as `*` (see above). That one pattern is
   * enough: with `*` for the account it matches whatever the pattern as written matches, and more.
   */
  private readonly pattern: ArnPattern;
  /**
   * set when the account ends with `*`: the pattern to try against a format whose first resource token the
   * account's `*` spans (see shiftedFormat)
   */
  private readonly span: ArnPattern | undefined;
  private readonly typeAnswers = new Map<ResourceType, boolean>();
  /** matchesSomeType's answers by list (lists of types are shared: one per action expansion) */
  private listAnswers: Map<readonly ResourceType[], boolean> | undefined;
  /** knownTypesOf's answer, for the one catalogue it was asked with */
  private known: { catalog: Catalog; types: readonly ResourceType[] } | undefined;

  constructor(text: string) {
    this.text = text;
    // Compared in lower case, like the formats (see above).
    text = text.toLowerCase();
    const arn = parseArn(text);
    this.arnService = arn?.service;
    const account = arn?.account;
    if (arn && arn.account === '') {
      arn.account = '*';
      this.pattern = compileArnPattern(`arn:${arn.partition}:${arn.service}:${arn.region}:*:${arn.resource}`, arn);
    } else this.pattern = compileArnPattern(text, arn);
    // The pattern as written (its account is not empty), tried against the shifted formats.
    this.span = account !== undefined && account.endsWith('*') ? this.pattern : undefined;
  }

  matches(format: ArnFormat): boolean {
    if (arnPatternIntersectsFormat(this.pattern, format)) return true;
    if (this.span === undefined) return false;
    // `secret:${SecretId}`: the account's trailing `*` may also cover `:secret`, leaving `${SecretId}` for the
    // pattern's resource part.
    const shifted = format.shifted;
    return shifted !== null && arnPatternIntersectsFormat(this.span, shifted);
  }

  /** Whether the pattern can name some resource of the type. (Asked once per action of a statement: memoised.) */
  matchesType(type: ResourceType): boolean {
    let answer = this.typeAnswers.get(type);
    if (answer === undefined) {
      answer = false;
      for (const f of formatsOf(type)) {
        if (this.matches(f)) {
          answer = true;
          break;
        }
      }
      this.typeAnswers.set(type, answer);
    }
    return answer;
  }

  /**
   * Whether the pattern can name a resource of some type of the list. Memoised by the list itself, which callers
   * share per action expansion, so a statement's every action is one lookup once the corpus is warm.
   */
  matchesSomeType(types: readonly ResourceType[]): boolean {
    // One type (most single actions): its own memo is the answer, no second entry needed.
    if (types.length === 1) return this.matchesType(types[0]!);
    // Made on the first list of several types: most patterns are only ever asked about single types.
    const answers = (this.listAnswers ??= new Map());
    let answer = answers.get(types);
    if (answer === undefined) {
      answer = false;
      for (const t of types) {
        if (this.matchesType(t)) {
          answer = true;
          break;
        }
      }
      if (answers.size >= 1_000) answers.clear();
      answers.set(types, answer);
    }
    return answer;
  }

  /** The catalogue's resource types the pattern can name (see knownTypesOf). */
  knownTypes(catalog: Catalog): readonly ResourceType[] {
    const known = this.known;
    if (known && known.catalog === catalog) return known.types;
    const arnService = this.arnService;
    const service = arnService !== undefined && !/[*?]/.test(arnService) ? arnService : undefined;
    const types: ResourceType[] = [];
    for (const t of typesByArnService(catalog, service)) if (this.matchesType(t)) types.push(t);
    this.known = { catalog, types };
    return types;
  }
}

/**
 * Whether the pattern can name a resource of any type in the catalogue. A pattern that names none may be a type
 * newer than the catalogue (or a typo): rules that compare types then have no ground to stand on.
 */
export function namesKnownType(catalog: Catalog, pattern: ResourcePattern): boolean {
  return knownTypesOf(catalog, pattern).length > 0;
}

/** The catalogue's resource types the pattern can name. (Memoised on the pattern, which patterns are shared.) */
export function knownTypesOf(catalog: Catalog, pattern: ResourcePattern): readonly ResourceType[] {
  return pattern.knownTypes(catalog);
}

const typeIndexes = new WeakMap<Catalog, Map<string, readonly ResourceType[]>>();

/**
 * Every resource type whose ARN has this service part (all types when undefined or ''), in catalogue order. Only
 * the services the catalogue header names for that ARN service are read, so a policy about `arn:aws:s3:::…` does
 * not load every service's resource types.
 */
export function typesByArnService(catalog: Catalog, service: string | undefined): readonly ResourceType[] {
  let index = typeIndexes.get(catalog);
  if (!index) typeIndexes.set(catalog, (index = new Map()));
  const key = service ?? '';
  const list = index.get(key);
  if (list) return list;
  const out: ResourceType[] = [];
  if (key === '') {
    for (const s of catalog.services) for (const t of s.resourceTypes) out.push(t);
  } else {
    for (const s of catalog.servicesWithArnService(key)) {
      for (const t of s.resourceTypes) if (hasArnService(t, key)) out.push(t);
    }
  }
  // Keys come from policies' ARNs: bounded like the other memos.
  if (index.size >= 10_000) index.clear();
  index.set(key, out);
  return out;
}

/** Whether one of the type's formats (a type may list several, comma-separated) has this ARN service part. */
function hasArnService(type: ResourceType, service: string): boolean {
  const lower = type.arnFormat.toLowerCase();
  if (lower.indexOf('arn:', 1) < 0) return arnServiceOf(lower.trim()) === service;
  for (const f of lower.split(/,\s*(?=arn:)/)) if (arnServiceOf(f.trim()) === service) return true;
  return false;
}

/** The resource types an action can be authorized against; for a merged service, all of the service's types. */
export function resourceTypesFor(action: Action): readonly ResourceType[] {
  let types = typesOfAction.get(action);
  if (!types) {
    types = hasMergedPages(action.service) ? action.service.resourceTypes : action.resources.map((r) => r.type);
    typesOfAction.set(action, types);
  }
  return types;
}

/** Asked for the same actions by several rules and for every policy: one array per action. */
const typesOfAction = new WeakMap<Action, readonly ResourceType[]>();

/**
 * The resource an action without resource types is authorized against is not `*` for every service: CloudWatch
 * Logs checks `logs:DescribeLogGroups` against `arn:aws:logs:REGION:ACCOUNT:log-group::log-stream:`, IAM checks
 * `iam:ListRoles` against `arn:aws:iam::ACCOUNT:role/`, and `arn:aws:s3:::*` is AWS's documented resource for
 * `s3:ListAllMyBuckets`. What they share is an ARN of the service's own format with the names left empty. These
 * are those "empty-name" ARN formats of a service: a pattern that matches one of them may match the resource the
 * service really uses.
 */
export function emptyNameFormats(service: Service): readonly ArnFormat[] {
  let out = emptyCache.get(service);
  if (!out) {
    const seen = new Set<string>();
    const list: ArnFormat[] = [];
    for (const t of service.resourceTypes) {
      for (const f of formatsOf(t)) {
        const arn = parseArn(f.format);
        if (!arn) continue;
        const text = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource.replace(/\$\{[^}]*\}/g, '')}`;
        if (!seen.has(text)) {
          seen.add(text);
          list.push(compileArnFormat(text));
        }
      }
    }
    out = list;
    emptyCache.set(service, out);
  }
  return out;
}

const emptyCache = new WeakMap<Service, readonly ArnFormat[]>();

const sharedPatterns = new Map<string, ResourcePattern>();

/**
 * The matcher for a resource pattern (policy variables already wildcards), shared across statements, rules and
 * policies so that its per-type answers are too: the same resources recur throughout a corpus.
 */
export function resourcePattern(text: string): ResourcePattern {
  let p = sharedPatterns.get(text);
  if (!p) {
    if (sharedPatterns.size >= 10_000) sharedPatterns.clear();
    sharedPatterns.set(text, (p = new ResourcePattern(text)));
  }
  return p;
}
