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

/**
 * `comparable(item)`: whether the item's text can be compared at all (not an unresolved template value);
 * `containable(item)`: whether it may take part in containment, not only in exact repeats.
 */
export function redundantItems(
  list: StrList,
  caseInsensitive: boolean,
  comparable: (item: Str) => boolean,
  containable: (item: Str) => boolean = () => true,
): RedundantItem[] {
  // One item repeats nothing and covers nothing but itself (most lists hold one).
  if (list.items.length < 2) return [];
  const norm = (s: string): string => (caseInsensitive ? s.toLowerCase() : s);
  const out: RedundantItem[] = [];
  const first = new Map<string, { item: Str; index: number }>();
  list.items.forEach((item, index) => {
    if (!comparable(item)) return;
    const k = norm(item.value);
    const earlier = first.get(k);
    if (earlier) out.push({ item, by: earlier.item, repeat: true });
    else first.set(k, { item, index });
  });
  // Without a wildcard pattern nothing covers another item: only the repeats above.
  let wildcard = false;
  for (const k of first.keys()) {
    if (k.includes('*') || k.includes('?')) {
      wildcard = true;
      break;
    }
  }
  if (!wildcard) return out;
  const candidates = [...first].filter(([, v]) => containable(v.item));
  // Only a wildcard pattern covers a pattern other than itself (repeats were found above).
  const index = new PatternIndex(candidates.filter(([k]) => k.includes('*') || k.includes('?')).map(([k]) => k));
  for (const [k, { item, index: i }] of candidates) {
    const outer = index.coveredBy(k);
    if (outer === undefined) continue;
    const by = first.get(outer)!;
    // Two spellings of one pattern (`s3:Get*`, `s3:Get**`) cover each other: only the later one is redundant.
    if (by.index > i && contained(k, outer)) continue;
    out.push({ item, by: by.item, repeat: false });
  }
  return out;
}
