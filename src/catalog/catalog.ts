/**
 * The IAM reference catalogue, indexed for synchronous lookups: services by prefix, actions by name and by
 * dense numeric id (so that sets of actions can be bit sets), resource types, and condition keys including
 * templated ones (`aws:ResourceTag/${TagKey}`). Lookups are case-insensitive where IAM is.
 */
import type {
  AccessLevel,
  ActionResourceData,
  CatalogData,
  ConditionKeyData,
  ConditionValueType,
  ResourceTypeData,
} from './data.js';
import type { ActionDetails, CatalogIndex, ServiceEntry } from './pack.js';
import { editDistance } from './suggest.js';

const NO_STRINGS: readonly string[] = [];
const NO_SERVICES: readonly Service[] = [];
const NO_RESOURCES: readonly ActionResource[] = [];

export class ResourceType {
  readonly service: Service;
  readonly name: string;
  /** ARN format with `${Variable}` placeholders, as in the Service Authorization Reference */
  readonly arnFormat: string;
  readonly conditionKeys: readonly string[];
  constructor(service: Service, data: ResourceTypeData) {
    this.service = service;
    this.name = data.name;
    this.arnFormat = data.arn;
    this.conditionKeys = data.conditionKeys;
  }
}

export interface ActionResource {
  readonly type: ResourceType;
  readonly required: boolean;
  readonly conditionKeys: readonly string[];
}

export class Action {
  /** dense id over the whole catalogue, in (service prefix, lower-case name) order */
  readonly id: number;
  readonly service: Service;
  readonly name: string;
  readonly lowerName: string;
  private full: string | undefined;
  private details: ActionDetails | undefined;
  private resourceList: readonly ActionResource[] | undefined;
  private aloneList: readonly Action[] | undefined;

  /**
   * Only the name is read up front: `"Action": "*"` makes an Action of every catalogue entry, and most of them
   * are never asked for more. The rest is read from the service's details on first use (one getter, no helper
   * layers: these are read in hot loops that run interpreted at first).
   */
  constructor(id: number, service: Service, name: string) {
    this.id = id;
    this.service = service;
    this.name = name;
    this.lowerName = name.toLowerCase();
    this.full = undefined;
    this.details = undefined;
    this.resourceList = undefined;
    this.aloneList = undefined;
  }

  /** `service:Name`, canonical case (made on first use: lint asks it only for messages) */
  get fullName(): string {
    return (this.full ??= `${this.service.prefix}:${this.name}`);
  }

  private loadDetails(): ActionDetails {
    return (this.details = this.service.actionDetails(this.id - this.service.firstActionId));
  }

  get accessLevels(): readonly AccessLevel[] {
    return (this.details ?? this.loadDetails()).access;
  }

  get resources(): readonly ActionResource[] {
    return this.resourceList ?? this.loadResources();
  }

  private loadResources(): readonly ActionResource[] {
    return (this.resourceList = this.service.resourcesOf((this.details ?? this.loadDetails()).resources));
  }

  get conditionKeys(): readonly string[] {
    return (this.details ?? this.loadDetails()).conditionKeys;
  }

  get dependentActions(): readonly string[] {
    return (this.details ?? this.loadDetails()).dependentActions ?? NO_STRINGS;
  }

  /**
   * This action as a one-element list, made once: expansions of a literal name share it instead of each making
   * one (not frozen: a frozen array's elements kind would make the loops over expansions polymorphic).
   */
  get alone(): readonly Action[] {
    return (this.aloneList ??= [this]);
  }

  /** The first access level is the one the reference means; "Tagging, Write" is tagging. */
  get accessLevel(): AccessLevel {
    return this.accessLevels[0] ?? 'Write';
  }

  /** True when the action can be scoped to specific resources (its reference row lists resource types). */
  get supportsResourceLevel(): boolean {
    return this.resources.length > 0;
  }

  /**
   * Whether a service-specific or tag condition key can be used with this action: the action's keys, the
   * per-resource-row keys and the keys of each resource type it acts on. Global keys (`aws:…` other than the
   * tag keys) apply to every action and are not checked here.
   */
  supportsConditionKey(key: string): boolean {
    // A direct scan of the lists: an action is asked about one or two keys, so building a key set per action
    // costs more than it saves.
    const lower = key.toLowerCase();
    if (listsKey(this.conditionKeys, lower)) return true;
    for (const r of this.resources) if (listsKey(r.conditionKeys, lower) || listsKey(r.type.conditionKeys, lower)) return true;
    return false;
  }

}

export interface ConditionKeyInfo {
  /** the key as the reference spells it (a template such as `aws:RequestTag/${TagKey}` where it has one) */
  key: string;
  type: ConditionValueType;
  /** `global` for `aws:` keys that apply to every request */
  scope: 'global' | 'service' | 'identity-provider';
}

interface ConditionKeyTemplate {
  prefix: string;
  suffix: string;
  info?: ConditionKeyInfo;
}

/** `aws:RequestTag/${TagKey}` → prefix `aws:requesttag/`, suffix ``; `<key>` placeholders too. */
function parseKeyTemplate(key: string): ConditionKeyTemplate | undefined {
  const m = /\$\{[^}]*\}|<[^>]*>/.exec(key);
  if (!m) return undefined;
  return {
    prefix: key.slice(0, m.index).toLowerCase(),
    suffix: key.slice(m.index + m[0].length).toLowerCase(),
  };
}

function matchesTemplate(t: ConditionKeyTemplate, lowerKey: string): boolean {
  return (
    lowerKey.length > t.prefix.length + t.suffix.length &&
    lowerKey.startsWith(t.prefix) &&
    lowerKey.endsWith(t.suffix)
  );
}

/** Templates among listed keys, parsed once each (there are a few dozen distinct ones). */
const listedTemplates = new Map<string, ConditionKeyTemplate | null>();

/** Whether a list of keys as the reference writes them (templates included) holds a lower-case key. */
function listsKey(list: readonly string[], lowerKey: string): boolean {
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    if (k.indexOf('${') < 0 && k.indexOf('<') < 0) {
      // Not a template: equal lengths first, so that most entries are ruled out without lower-casing.
      if (k.length === lowerKey.length && k.toLowerCase() === lowerKey) return true;
      continue;
    }
    let t = listedTemplates.get(k);
    if (t === undefined) {
      t = parseKeyTemplate(k) ?? null;
      if (listedTemplates.size >= 10_000) listedTemplates.clear();
      listedTemplates.set(k, t);
    }
    if (t ? matchesTemplate(t, lowerKey) : k.toLowerCase() === lowerKey) return true;
  }
  return false;
}

export class Service {
  readonly prefix: string;
  readonly name: string;
  /** ids of this service's actions are `firstActionId … firstActionId + actionCount - 1` */
  readonly firstActionId: number;
  readonly actionCount: number;
  /** lower-case ARN service parts of its resource types' formats (from the pack header: no service load) */
  readonly arnServices: readonly string[];
  private readonly entry: ServiceEntry;
  private actionIndex?: { actions: Action[]; sorted: boolean };
  /** made on the first lookup by name when the names are not sorted (the compiled catalogue's always are) */
  private actionsByLower?: Map<string, Action>;
  private typeIndex?: {
    types: Map<string, ResourceType>;
    resourceTypes: ResourceType[];
    keys: Map<string, ConditionKeyInfo>;
    keyTemplates: ConditionKeyTemplate[];
  };
  private details?: readonly ActionDetails[];
  private supportedKeys?: { keys: Set<string>; templates: ConditionKeyTemplate[] };
  private resourceLists?: Map<readonly ActionResourceData[], readonly ActionResource[]>;

  constructor(entry: ServiceEntry, firstActionId: number) {
    this.prefix = entry.prefix;
    this.name = entry.name;
    this.firstActionId = firstActionId;
    this.actionCount = entry.actionCount;
    this.arnServices = entry.arnServices;
    this.entry = entry;
  }

  /** The service's actions by name, made on first use from the names alone. */
  private get a(): NonNullable<Service['actionIndex']> {
    if (!this.actionIndex) {
      const names = this.entry.actionNames();
      const actions: Action[] = [];
      let sorted = true;
      let previous = '';
      for (let i = 0; i < names.length; i++) {
        const action = new Action(this.firstActionId + i, this, names[i]!);
        actions.push(action);
        if (action.lowerName < previous) sorted = false;
        previous = action.lowerName;
      }
      this.actionIndex = { actions, sorted };
    }
    return this.actionIndex;
  }

  /** Resource types and condition keys, parsed on first use (without the actions). */
  private get t(): NonNullable<Service['typeIndex']> {
    if (!this.typeIndex) {
      const data = this.entry.loadTypes();
      const types = new Map<string, ResourceType>();
      const resourceTypes: ResourceType[] = [];
      for (const r of data.resourceTypes) {
        const type = new ResourceType(this, r);
        types.set(r.name, type);
        resourceTypes.push(type);
      }
      const keys = new Map<string, ConditionKeyInfo>();
      const keyTemplates: ConditionKeyTemplate[] = [];
      for (const k of data.conditionKeys) addKey(keys, keyTemplates, k, 'service');
      this.typeIndex = { types, resourceTypes, keys, keyTemplates };
    }
    return this.typeIndex;
  }

  /**
   * Whether some action of the service supports the key (`actions.some((a) => a.supportsConditionKey(key))`),
   * from one index of every key the service's actions, resource rows and resource types list, made on first use
   * instead of one per action.
   */
  someActionSupportsConditionKey(key: string): boolean {
    if (!this.supportedKeys) {
      // Straight from the parsed details (no Action or resource objects), each distinct key text handled once.
      const keys = new Set<string>();
      const templates: ConditionKeyTemplate[] = [];
      const seen = new Set<string>();
      const add = (list: readonly string[]): void => {
        for (const k of list) {
          if (seen.has(k)) continue;
          seen.add(k);
          const t = parseKeyTemplate(k);
          if (t) templates.push(t);
          else keys.add(k.toLowerCase());
        }
      };
      const seenTypes = new Set<ResourceType>();
      const details = (this.details ??= this.entry.loadActions());
      for (const d of details) {
        add(d.conditionKeys);
        for (const r of d.resources) {
          // Only rows naming a type the service defines count, as in `Action.resources`.
          const type = this.resourceType(r.type);
          if (!type) continue;
          if (r.conditionKeys) add(r.conditionKeys);
          if (!seenTypes.has(type)) {
            seenTypes.add(type);
            add(type.conditionKeys);
          }
        }
      }
      this.supportedKeys = { keys, templates };
    }
    const lower = key.toLowerCase();
    if (this.supportedKeys.keys.has(lower)) return true;
    for (const t of this.supportedKeys.templates) if (matchesTemplate(t, lower)) return true;
    return false;
  }

  /**
   * An action's resource rows as resources. The pack stores each distinct row list once, and the actions that
   * share one share its resources too (made once, not per action).
   */
  resourcesOf(rows: readonly ActionResourceData[]): readonly ActionResource[] {
    if (rows.length === 0) return NO_RESOURCES;
    const byRows = (this.resourceLists ??= new Map());
    let resources = byRows.get(rows);
    if (!resources) {
      const made: ActionResource[] = [];
      for (const r of rows) {
        const type = this.resourceType(r.type);
        // A row naming a resource type that the service does not define carries no ARN format; skip it.
        if (type) made.push({ type, required: r.required, conditionKeys: r.conditionKeys ?? NO_STRINGS });
      }
      byRows.set(rows, (resources = made));
    }
    return resources;
  }

  /** The details of the service's `index`th action (all of the service's are parsed together, once). */
  actionDetails(index: number): ActionDetails {
    this.details ??= this.entry.loadActions();
    const d = this.details[index];
    if (!d) throw new Error(`catalog is damaged: ${this.prefix} has no action #${index}`);
    return d;
  }

  get actions(): readonly Action[] {
    return this.a.actions;
  }

  /**
   * Whether `actions` is in lower-case name order (the compiled catalogue always is), so that the names sharing
   * a prefix form one run that a binary search finds.
   */
  get sortedByLowerName(): boolean {
    return this.a.sorted;
  }

  get resourceTypes(): readonly ResourceType[] {
    return this.t.resourceTypes;
  }

  action(name: string): Action | undefined {
    const lower = name.toLowerCase();
    const index = this.a;
    if (index.sorted) {
      // A binary search over the sorted names: a lint run looks up names in nearly every service, and building a
      // map of each one's actions cost more than the searches.
      const actions = index.actions;
      let lo = 0;
      let hi = actions.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const a = actions[mid]!;
        const n = a.lowerName;
        if (n === lower) return a;
        if (n < lower) lo = mid + 1;
        else hi = mid;
      }
      return undefined;
    }
    if (!this.actionsByLower) {
      const byLower = new Map<string, Action>();
      for (const a of index.actions) byLower.set(a.lowerName, a);
      this.actionsByLower = byLower;
    }
    return this.actionsByLower.get(lower);
  }

  resourceType(name: string): ResourceType | undefined {
    return this.t.types.get(name);
  }

  conditionKey(lowerKey: string): ConditionKeyInfo | undefined {
    const t = this.t;
    return lookupKey(t.keys, t.keyTemplates, lowerKey);
  }
}

function addKey(
  map: Map<string, ConditionKeyInfo>,
  templates: ConditionKeyTemplate[],
  data: ConditionKeyData,
  scope: ConditionKeyInfo['scope'],
): void {
  const info: ConditionKeyInfo = { key: data.key, type: data.type, scope };
  const t = parseKeyTemplate(data.key);
  if (t) templates.push({ ...t, info });
  else map.set(data.key.toLowerCase(), info);
}

function lookupKey(
  map: Map<string, ConditionKeyInfo>,
  templates: readonly ConditionKeyTemplate[],
  lowerKey: string,
): ConditionKeyInfo | undefined {
  const exact = map.get(lowerKey);
  if (exact) return exact;
  for (const t of templates) if (t.info && matchesTemplate(t, lowerKey)) return t.info;
  return undefined;
}

export class Catalog {
  readonly source: CatalogData['source'];
  readonly services: readonly Service[];
  private readonly actionTotal: number;
  private allActions?: Action[];
  readonly rcpServices: ReadonlySet<string>;
  private readonly servicesByLower = new Map<string, Service>();
  private readonly globalKeys = new Map<string, ConditionKeyInfo>();
  private readonly globalTemplates: ConditionKeyTemplate[] = [];
  private readonly providerPrefixes: { prefix: string; template?: ConditionKeyTemplate; services: string[] }[] = [];
  private byArnService?: Map<string, Service[]>;

  constructor(index: CatalogIndex) {
    this.source = index.source;
    const services: Service[] = [];
    let next = 0;
    for (const entry of index.services) {
      const service = new Service(entry, next);
      next += entry.actionCount;
      services.push(service);
      this.servicesByLower.set(entry.prefix.toLowerCase(), service);
    }
    this.services = services;
    this.actionTotal = next;
    this.rcpServices = new Set(index.rcpServices);
    for (const k of index.globalConditionKeys) addKey(this.globalKeys, this.globalTemplates, k, 'global');
    for (const [prefix, svcs] of Object.entries(index.unassociatedConditionPrefixes)) {
      const t = parseKeyTemplate(prefix);
      const entry: (typeof this.providerPrefixes)[number] = { prefix: prefix.toLowerCase(), services: svcs };
      if (t) entry.template = t;
      this.providerPrefixes.push(entry);
    }
  }

  /** Every action, indexed by id (loads every service: use for whole-catalogue work only). */
  get actions(): readonly Action[] {
    if (!this.allActions) {
      // One native concat of the services' lists: a loop over ~22,000 actions would run interpreted (once).
      const lists: (readonly Action[])[] = [];
      for (const s of this.services) lists.push(s.actions);
      this.allActions = ([] as Action[]).concat(...lists);
    }
    return this.allActions;
  }

  /**
   * The services (in catalogue order) with a resource type whose ARN format has this service part (`s3` of
   * `arn:aws:s3:::bucket`; lower-case). Read from the pack header, so asking loads no service: a resource pattern
   * then needs only the types of these services. Several services can share one (`elasticloadbalancing` types
   * are listed by elasticloadbalancing, arc-zonal-shift, waf-regional and wafv2).
   */
  servicesWithArnService(arnService: string): readonly Service[] {
    if (!this.byArnService) {
      const index = new Map<string, Service[]>();
      for (const s of this.services) {
        for (const a of s.arnServices) {
          const list = index.get(a);
          if (list) list.push(s);
          else index.set(a, [s]);
        }
      }
      this.byArnService = index;
    }
    return this.byArnService.get(arnService) ?? NO_SERVICES;
  }

  /** The action with a given id. */
  actionById(id: number): Action | undefined {
    // Binary search over services' id ranges, so that one lookup loads one service.
    let lo = 0;
    let hi = this.services.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.services[mid]!.firstActionId <= id) lo = mid;
      else hi = mid - 1;
    }
    const s = this.services[lo];
    return s ? s.actions[id - s.firstActionId] : undefined;
  }

  get actionCount(): number {
    return this.actionTotal;
  }

  service(prefix: string): Service | undefined {
    return this.servicesByLower.get(prefix.toLowerCase());
  }

  /** `s3:GetObject` (any case) → the action, or undefined. */
  action(fullName: string): Action | undefined {
    const colon = fullName.indexOf(':');
    if (colon < 0) return undefined;
    return this.service(fullName.slice(0, colon))?.action(fullName.slice(colon + 1));
  }

  /**
   * A condition key's definition. Global `aws:` keys, service keys (also through templates such as
   * `s3:ExistingObjectTag/<key>`), and keys of identity providers that the reference files under `sts`
   * (`token.actions.githubusercontent.com:sub`, `saml:aud`).
   */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon < 0) return undefined;
    const prefix = lower.slice(0, colon);
    if (prefix === 'aws') return lookupKey(this.globalKeys, this.globalTemplates, lower);
    const global = lookupKey(this.globalKeys, this.globalTemplates, lower);
    if (global) return global;
    const service = this.servicesByLower.get(prefix);
    const own = service?.conditionKey(lower);
    if (own) return own;
    // Identity-provider keys: the prefix is the issuer, which the reference lists under the services it serves.
    for (const p of this.providerPrefixes) {
      const matches = p.template ? matchesTemplate(p.template, prefix) : p.prefix === prefix;
      if (!matches) continue;
      for (const s of p.services) {
        const info = this.servicesByLower.get(s)?.conditionKey(lower);
        if (info) return { ...info, scope: 'identity-provider' };
      }
    }
    return undefined;
  }

  /**
   * False when no text one edit away from this lower-case key (deletion, insertion, substitution or adjacent
   * transposition) can be a global key: none is within that distance, and no template's prefix is within two of
   * the key's start (an edit before the end of the prefix also shifts one character across it).
   */
  isNearGlobalConditionKey(lowerKey: string): boolean {
    for (const k of this.globalKeys.keys()) if (editDistance(lowerKey, k, 1) <= 1) return true;
    for (const t of this.globalTemplates) if (editDistance(lowerKey.slice(0, t.prefix.length), t.prefix, 2) <= 2) return true;
    return false;
  }

  /** Whether a key is one of the global `aws:` keys (available in every request context where it applies). */
  isGlobalConditionKey(key: string): boolean {
    return lookupKey(this.globalKeys, this.globalTemplates, key.toLowerCase()) !== undefined;
  }
}
