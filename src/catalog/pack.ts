/**
 * The catalogue's file format, built for start-up time: one header line of JSON (sources, global keys and a
 * service index with byte ranges), then each service's details as its own JSON text. Reading it parses only
 * the header; a service's details are parsed the first time something asks for them, so linting one small
 * policy touches a handful of services instead of all four hundred.
 */
import type { CatalogData, ServiceData } from './data.js';

export interface ServiceEntry {
  prefix: string;
  name: string;
  actionCount: number;
  load(): ServiceData;
}

export interface CatalogIndex extends Omit<CatalogData, 'services'> {
  services: ServiceEntry[];
}

interface Header extends Omit<CatalogData, 'services'> {
  /** [prefix, name, actionCount, byteOffset, byteLength], offsets relative to the body */
  services: [string, string, number, number, number][];
}

export function packCatalog(data: CatalogData): Buffer {
  const bodies: Buffer[] = [];
  const services: Header['services'] = [];
  let offset = 0;
  for (const s of data.services) {
    const body = Buffer.from(JSON.stringify(s), 'utf8');
    services.push([s.prefix, s.name, s.actions.length, offset, body.length]);
    bodies.push(body);
    offset += body.length;
  }
  const { services: _unused, ...rest } = data;
  const header = Buffer.from(`${JSON.stringify({ ...rest, services } satisfies Header)}\n`, 'utf8');
  return Buffer.concat([header, ...bodies]);
}

export function unpackCatalog(buf: Buffer): CatalogIndex {
  const nl = buf.indexOf(0x0a);
  if (nl < 0) throw new Error('catalog file is damaged: no header line');
  const header = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
  const base = nl + 1;
  return {
    ...header,
    services: header.services.map(([prefix, name, actionCount, off, len]) => ({
      prefix,
      name,
      actionCount,
      load: () => JSON.parse(buf.toString('utf8', base + off, base + off + len)) as ServiceData,
    })),
  };
}

/** The same index over data already in memory (the in-process fallback and tests). */
export function indexCatalog(data: CatalogData): CatalogIndex {
  return {
    ...data,
    services: data.services.map((s) => ({ prefix: s.prefix, name: s.name, actionCount: s.actions.length, load: () => s })),
  };
}
