/**
 * Typed condition values, parsed once: numbers, dates, IP addresses and CIDR ranges, booleans, base-64 binaries
 * ("IAM JSON policy elements: Condition operators"). A value that does not parse is `undefined`, and a comparison
 * with it is false (the operator's negation then makes it true, as for any non-matching value). Every parser is a
 * single anchored pass: no backtracking on user input.
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** "…restrict access based on comparing a key to an integer or decimal value." */
export function parseNumber(text: string): number | undefined {
  if (text.length > 400 || !NUMBER.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

const EPOCH = /^\d{1,15}(?:\.\d{1,9})?$/;
const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Milliseconds since the epoch for "one of the W3C implementations of the ISO 8601 date formats or … epoch (UNIX)
 * time". A string of digits is epoch seconds (so `2024` is a second count, not a year). A date-time without a
 * zone designator is taken as UTC.
 */
export function parseDate(text: string): number | undefined {
  if (text.length > 64) return undefined;
  if (EPOCH.test(text)) return Math.round(Number(text) * 1000);
  const m = W3C.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  const hour = m[4] ? Number(m[4]) : 0;
  const minute = m[5] ? Number(m[5]) : 0;
  const second = m[6] ? Number(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real calendar date must survive the round trip.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  if (m[7]) ms += Math.round(Number(`0${m[7]}`) * 1000);
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    ms -= sign * offset * 60_000;
  }
  return ms;
}

/** An address or a range: 32-bit words (one for IPv4, four for IPv6) and a prefix length. */
export interface IpRange {
  family: 4 | 6;
  words: readonly number[];
  prefix: number;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = v * 256 + n;
  }
  return v;
}

function parseIpv6(text: string): number[] | undefined {
  if (text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
        const v4 = parseIpv4(p);
        if (v4 === undefined) return undefined;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return undefined;
  let all: number[];
  if (halves.length === 2) {
    if (left.length + right.length > 7) return undefined;
    all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  } else {
    if (left.length !== 8) return undefined;
    all = left;
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(all[i]! * 65536 + all[i + 1]!);
  return words;
}

/**
 * "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you
 * specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32."
 * (for IPv6, /128).
 */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const max = ip.family === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...ip, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > max ? undefined : { ...ip, prefix };
}

/** An address from the request context (no prefix). */
export function parseIp(text: string): IpRange | undefined {
  if (text.includes(':')) {
    const words = parseIpv6(text);
    return words ? { family: 6, words, prefix: 128 } : undefined;
  }
  const v4 = parseIpv4(text);
  return v4 === undefined ? undefined : { family: 4, words: [v4], prefix: 32 };
}

export function cidrContains(range: IpRange, ip: IpRange): boolean {
  if (range.family !== ip.family) return false;
  let left = range.prefix;
  for (let i = 0; i < range.words.length && left > 0; i++, left -= 32) {
    const bits = left >= 32 ? 32 : left;
    const mask = bits === 32 ? 0xffffffff : ((0xffffffff << (32 - bits)) >>> 0);
    if ((((range.words[i]! ^ ip.words[i]!) & mask) >>> 0) !== 0) return false;
  }
  return true;
}

/** "`Bool` … comparing a key to "true" or "false"": compared without regard to case; any other text never matches. */
export function parseBool(text: string): 'true' | 'false' | undefined {
  const t = text.toLowerCase();
  return t === 'true' || t === 'false' ? t : undefined;
}

/** "compares the value of the specified key byte for byte against a base-64 encoded representation": decoded bytes. */
export function decodeBase64(text: string): string | undefined {
  if (text.length % 4 === 1 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}
