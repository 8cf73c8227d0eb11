/**
 * The catalogue's file format, built for start-up time: one header line of JSON (sources, global keys and a
 * service index with byte ranges), then three texts per service: its action names (one per line), its resource
 * types and condition keys (JSON), and its actions' details (JSON, in name order, each distinct list once).
 * Reading it parses only the header, and each part of a service is read the first time something asks for it:
 * linting one small policy touches a handful of services instead of all four hundred, and a policy with
 * `"Action": "*"` needs every service's names but only the details of the actions a rule looks at.
 */
import type { AccessLevel, ActionData, ActionResourceData, CatalogData, ResourceTypeData, ServiceData } from './data.js';

/** What the catalogue knows of an action beyond its name. */
export type ActionDetails = Omit<ActionData, 'name'>;

export type ServiceTypes = Pick<ServiceData, 'resourceTypes' | 'conditionKeys'>;

export interface ServiceEntry {
  prefix: string;
  name: string;
  actionCount: number;
  /**
   * The lower-case service parts of the service's resource-type ARN formats (`s3` of `arn:${Partition}:s3:::…`),
   * known without reading the service's types: a resource pattern then needs only the services it can name.
   */
  arnServices: readonly string[];
  /** the action names, in catalogue (lower-case name) order */
  actionNames(): readonly string[];
  loadTypes(): ServiceTypes;
  /** the actions' details, in the order of `actionNames` */
  loadActions(): readonly ActionDetails[];
}

export interface CatalogIndex extends Omit<CatalogData, 'services'> {
  services: ServiceEntry[];
}

interface Header extends Omit<CatalogData, 'services'> {
  format: typeof FORMAT;
  /**
   * [prefix, name, actionCount, byteOffset, namesLength, typesLength, actionsLength, arnServices], offsets relative
   * to the body
   */
  services: [string, string, number, number, number, number, number, string[]][];
}

/** Bumped when the layout changes, so that a file from an older build is recognised rather than misread. */
const FORMAT = 4;

/**
 * A service's action details with each distinct list stored once: actions of a service repeat the same
 * condition-key lists, access levels and resource rows, which made the details most of the pack's bytes and of
 * its parse time. `a` holds four numbers per action (in name order): indexes of its access levels, resource rows
 * and condition keys, and of its dependent actions or -1.
 */
interface PackedActions {
  l: string[][];
  r: ActionResourceData[][];
  a: number[];
}

function packActions(actions: readonly ActionData[]): PackedActions {
  const out: PackedActions = { l: [], r: [], a: [] };
  const listIds = new Map<string, number>();
  const rowIds = new Map<string, number>();
  const idOf = <T>(table: T[], ids: Map<string, number>, value: T): number => {
    const key = JSON.stringify(value);
    let id = ids.get(key);
    if (id === undefined) {
      id = table.length;
      table.push(value);
      ids.set(key, id);
    }
    return id;
  };
  for (const { access, resources, conditionKeys, dependentActions } of actions) {
    out.a.push(
      idOf(out.l, listIds, access),
      idOf(out.r, rowIds, resources),
      idOf(out.l, listIds, conditionKeys),
      dependentActions ? idOf(out.l, listIds, dependentActions) : -1,
    );
  }
  return out;
}

/** The details as `packActions` found them (lists shared between actions: callers treat details as read-only). */
function unpackActions({ l, r, a }: PackedActions): ActionDetails[] {
  const out: ActionDetails[] = [];
  for (let i = 0; i < a.length; i += 4) {
    const access = l[a[i]!] as AccessLevel[];
    const resources = r[a[i + 1]!]!;
    const conditionKeys = l[a[i + 2]!]!;
    const dependent = a[i + 3]!;
    out.push(dependent < 0 ? { access, resources, conditionKeys } : { access, resources, conditionKeys, dependentActions: l[dependent]! });
  }
  return out;
}

const NAME_SEPARATOR = '\n';

/**
 * The distinct ARN service parts of resource types' formats, lower-case, in first-seen order. A type's `arn` may
 * list several formats (`arn:…, arn:…`); the service part is the text between the first and second colon after
 * `arn:`, of a format that has the six ARN fields. Formats without one contribute nothing.
 */
function arnServicesOf(types: readonly Pick<ResourceTypeData, 'arn'>[]): string[] {
  const out: string[] = [];
  for (const t of types) {
    for (const f of t.arn.toLowerCase().split(/,\s*(?=arn:)/)) {
      const svc = arnServiceOf(f.trim());
      if (svc !== '' && !out.includes(svc)) out.push(svc);
    }
  }
  return out;
}

/** The service part of an ARN (`parseArn(text)?.service`), '' when the text is no ARN, without the parse. */
export function arnServiceOf(text: string): string {
  if (!text.startsWith('arn:')) return '';
  const a = text.indexOf(':', 4);
  if (a < 0) return '';
  const b = text.indexOf(':', a + 1);
  if (b < 0) return '';
  const c = text.indexOf(':', b + 1);
  if (c < 0 || text.indexOf(':', c + 1) < 0) return '';
  return text.slice(a + 1, b);
}

export function packCatalog(data: CatalogData): Buffer {
  const bodies: Buffer[] = [];
  const services: Header['services'] = [];
  let offset = 0;
  for (const s of data.services) {
    for (const a of s.actions) {
      if (a.name === '' || a.name.includes(NAME_SEPARATOR)) throw new Error(`cannot pack action name ${JSON.stringify(a.name)}`);
    }
    const names = Buffer.from(s.actions.map((a) => a.name).join(NAME_SEPARATOR), 'utf8');
    const types = Buffer.from(JSON.stringify({ resourceTypes: s.resourceTypes, conditionKeys: s.conditionKeys } satisfies ServiceTypes), 'utf8');
    const actions = Buffer.from(JSON.stringify(packActions(s.actions)), 'utf8');
    services.push([s.prefix, s.name, s.actions.length, offset, names.length, types.length, actions.length, arnServicesOf(s.resourceTypes)]);
    bodies.push(names, types, actions);
    offset += names.length + types.length + actions.length;
  }
  const { services: _unused, ...rest } = data;
  const header = Buffer.from(`${JSON.stringify({ format: FORMAT, ...rest, services } satisfies Header)}\n`, 'utf8');
  return Buffer.concat([header, ...bodies]);
}

/** The index of a packed catalogue; undefined when the file is of another format (an older build's). */
export function unpackCatalog(buf: Buffer): CatalogIndex | undefined {
  const nl = buf.indexOf(0x0a);
  if (nl < 0) throw new Error('catalog file is damaged: no header line');
  const { format, ...header } = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
  if (format !== FORMAT) return undefined;
  const base = nl + 1;
  return {
    ...header,
    services: header.services.map(([prefix, name, actionCount, off, namesLen, typesLen, actionsLen, arnServices]) => {
      const names = base + off;
      const types = names + namesLen;
      const actions = types + typesLen;
      return {
        prefix,
        name,
        actionCount,
        arnServices,
        actionNames: () => (actionCount === 0 ? [] : buf.toString('utf8', names, types).split(NAME_SEPARATOR)),
        loadTypes: () => JSON.parse(buf.toString('utf8', types, actions)) as ServiceTypes,
        loadActions: () => unpackActions(JSON.parse(buf.toString('utf8', actions, actions + actionsLen)) as PackedActions),
      };
    }),
  };
}

/** The same index over data already in memory (the in-process fallback and tests). */
export function indexCatalog(data: CatalogData): CatalogIndex {
  return {
    ...data,
    services: data.services.map((s) => ({
      prefix: s.prefix,
      name: s.name,
      actionCount: s.actions.length,
      arnServices: arnServicesOf(s.resourceTypes),
      actionNames: () => s.actions.map((a) => a.name),
      loadTypes: () => s,
      loadActions: () => s.actions,
    })),
  };
}
