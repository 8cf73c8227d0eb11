/**
 * Items of one `Action`/`NotAction`/`Resource`/`NotResource` list that add nothing: a repeat, or a pattern
 * another item of the list already covers (exact glob containment). Shared by `redundant-action` and
 * `redundant-resource`.
 */
import type { Str, StrList } from '../policy/model.js';
import { contained, PatternIndex } from './covering.js';

export interface RedundantItem {
  item: Str;
  /** the item that makes it redundant */
  by: Str;
  repeat: boolean;
}

const NONE: readonly RedundantItem[] = [];

/** Lists up to this long find repeats by scanning the earlier items: cheaper than a Map for the usual short list. */
const SCAN_LIMIT = 16;

/**
 * Items are compared only when their text is known (a string, not an unresolved template value).
 * `caseInsensitive`: compare lower-cased (actions). `variablesContain`: whether an item holding a policy variable
 * (`${aws:username}`) takes part in containment; when false it is compared only for exact repeats (resources, whose
 * variables are unknown until request time).
 */
export function redundantItems(list: StrList, caseInsensitive: boolean, variablesContain: boolean): readonly RedundantItem[] {
  const items = list.items;
  const n = items.length;
  // One item repeats nothing and covers nothing but itself (most lists hold one).
  if (n < 2) return NONE;
  // keys[i] is the compared text of item i when it is the first of its text, else undefined. The usual short list
  // is done here; long lists and the containment pass are functions of their own (each optimised on its own and
  // soon: one large function took TurboFan ~35 ms, twice, while the CLI run went on in slower tiers).
  const keys: (string | undefined)[] = new Array<string | undefined>(n);
  let out: RedundantItem[] | undefined;
  let wildcard = false;
  if (n > SCAN_LIMIT) {
    out = repeatsByMap(items, caseInsensitive, keys);
    for (let i = 0; i < n && !wildcard; i++) {
      const k = keys[i];
      if (k !== undefined && (k.includes('*') || k.includes('?'))) wildcard = true;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const item = items[i]!;
      if (item.unresolved || item.node.kind !== 'string') continue;
      const k = caseInsensitive ? item.value.toLowerCase() : item.value;
      let earlier = -1;
      for (let j = 0; j < i; j++) {
        if (keys[j] === k) {
          earlier = j;
          break;
        }
      }
      if (earlier >= 0) {
        (out ??= []).push({ item, by: items[earlier]!, repeat: true });
        continue;
      }
      keys[i] = k;
      if (!wildcard && (k.includes('*') || k.includes('?'))) wildcard = true;
    }
  }
  // Without a wildcard pattern nothing covers another item: only the repeats above.
  if (!wildcard) return out ?? NONE;
  return covered(items, keys, variablesContain, out);
}

/** The repeats of a long list, found with a map; sets `keys` as `redundantItems` describes. */
function repeatsByMap(items: readonly Str[], caseInsensitive: boolean, keys: (string | undefined)[]): RedundantItem[] | undefined {
  const byKey = new Map<string, number>();
  let out: RedundantItem[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.unresolved || item.node.kind !== 'string') continue;
    const k = caseInsensitive ? item.value.toLowerCase() : item.value;
    const earlier = byKey.get(k);
    if (earlier === undefined) {
      byKey.set(k, i);
      keys[i] = k;
    } else (out ??= []).push({ item, by: items[earlier]!, repeat: true });
  }
  return out;
}

/** `out` (the repeats) followed by the items a wildcard pattern of the list covers. */
function covered(
  items: readonly Str[],
  keys: readonly (string | undefined)[],
  variablesContain: boolean,
  out: RedundantItem[] | undefined,
): readonly RedundantItem[] {
  const n = items.length;
  // Only a wildcard pattern covers a pattern other than itself (repeats were found above).
  const index = new PatternIndex([]);
  // Where each wildcard pattern is (only those cover another item; keys are first occurrences, so unique).
  const firstOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k === undefined || !(k.includes('*') || k.includes('?')) || (!variablesContain && k.includes('${'))) continue;
    firstOf.set(k, i);
    index.add(k);
  }
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k === undefined || (!variablesContain && k.includes('${'))) continue;
    const outer = index.coveredBy(k);
    if (outer === undefined) continue;
    const by = firstOf.get(outer)!;
    // Two spellings of one pattern (`s3:Get*`, `s3:Get**`) cover each other: only the later one is redundant.
    if (by > i && contained(k, outer)) continue;
    (out ??= []).push({ item: items[i]!, by: items[by]!, repeat: false });
  }
  return out ?? NONE;
}
