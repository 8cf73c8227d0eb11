/**
 * "Did you mean": the nearest real action or service for a typo. Edit distance catches misspellings
 * (`DescribeClsuters`); word containment catches the other common mistake, a remembered name missing a word
 * (`ec2:CancelSpotRequests` → `ec2:CancelSpotInstanceRequests`).
 */
import type { Action, Catalog, Service } from './catalog.js';

/** Rows of editDistance, reused: a suggestion compares one name with every action of a service. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), bounded by `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length < n + 1) {
    rowA = new Int32Array(2 * (n + 1));
    rowB = new Int32Array(2 * (n + 1));
    rowC = new Int32Array(2 * (n + 1));
  }
  // Every cell read below is written first in its row, so the reused rows need no clearing.
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n]!;
}

/** `CancelSpotInstanceRequests` → [cancel, spot, instance, requests] */
export function camelWords(name: string): readonly string[] {
  let words = wordsByName.get(name);
  if (!words) {
    words = splitCamel(name);
    if (wordsByName.size >= 50_000) wordsByName.clear();
    wordsByName.set(name, words);
  }
  return words;
}

/** Each action name's words, by name: a suggestion splits every action of the service. */
const wordsByName = new Map<string, readonly string[]>();

function splitCamel(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name]).map((w) => w.toLowerCase());
}

function isSubsequence(short: readonly string[], long: readonly string[]): boolean {
  let i = 0;
  for (const w of long) if (i < short.length && w === short[i]) i++;
  return i === short.length;
}

/**
 * The candidates closest to `query`, best first. Several come back only when they tie: then no one of them is
 * certain enough to offer as an automatic fix.
 */
function nearest<T>(query: string, candidates: readonly T[], lowerKey: (c: T) => string, words?: (c: T) => readonly string[]): T[] {
  const lower = query.toLowerCase();
  const queryWords = words ? camelWords(query) : [];
  const budget = Math.max(2, Math.floor(lower.length / 4));
  let best: T[] = [];
  let bestScore = Infinity;
  for (const c of candidates) {
    const k = lowerKey(c);
    const d = editDistance(lower, k, budget);
    let score = d <= budget ? d : Infinity;
    // The words test only for a name that holds every query word in order (a necessary condition, checked
    // without splitting the name into words: most names of a service fail it).
    if (score === Infinity && words && queryWords.length >= 2 && holdsInOrder(k, queryWords)) {
      const cw = words(c);
      // A name missing up to two of the candidate's words, in order, is the same name remembered loosely.
      if (cw.length - queryWords.length <= 2 && isSubsequence(queryWords, cw)) score = budget + (cw.length - queryWords.length);
    }
    if (score < bestScore) {
      best = [c];
      bestScore = score;
    } else if (score === bestScore && score !== Infinity) best.push(c);
  }
  return best;
}

/** Whether `text` contains the words one after another (not overlapping): implied by {@link isSubsequence} over its words. */
function holdsInOrder(text: string, words: readonly string[]): boolean {
  let from = 0;
  for (const w of words) {
    const at = text.indexOf(w, from);
    if (at < 0) return false;
    from = at + w.length;
  }
  return true;
}

export function suggestService(catalog: Catalog, prefix: string): Service | undefined {
  const found = nearest(prefix, catalog.services, (s) => s.prefix.toLowerCase());
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The closest real actions to `service:name` in the named service: one when it is clear, several when they are
 * equally close (`ec2:CancelSpotRequests` → CancelSpotFleetRequests, CancelSpotInstanceRequests), none when
 * nothing is close.
 */
export function suggestActions(catalog: Catalog, servicePrefix: string, name: string): Action[] {
  const service = catalog.service(servicePrefix);
  if (!service) return [];
  const exact = service.action(name);
  if (exact) return [exact];
  return nearest(name, service.actions, (a) => a.lowerName, (a) => camelWords(a.name));
}
