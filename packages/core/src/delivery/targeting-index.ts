import type { Targeting } from "../targeting/targeting.js";
import { targetedPlaces, type Viewer, viewerPlaces } from "./targeting-match.js";

/**
 * The attributes a decision is matched on, most selective first: an entry is posted under the
 * first one it constrains, so a request visits few entries that then fail on another attribute.
 */
export const INDEX_ATTRIBUTES = [
  "place",
  "interest",
  "ageBand",
  "language",
  "device",
  "gender",
  "format",
] as const;
export type IndexAttribute = (typeof INDEX_ATTRIBUTES)[number];

/**
 * A conjunction of "attribute IN set": for each attribute, the values an entry accepts. An
 * attribute absent or empty is left open and accepts any request, even one that does not know it.
 */
export type Conjunction = Partial<Record<IndexAttribute, readonly string[]>>;

/** What a request knows: for each attribute, its values (absent or empty: unknown). */
export type Assignment = Partial<Record<IndexAttribute, readonly string[]>>;

/** A campaign's targeting as a conjunction, with the creative formats its ads come in. */
export function targetingConjunction(targeting: Targeting, formats: readonly string[]): Conjunction {
  return {
    place: targetedPlaces(targeting.provinces, targeting.cities),
    interest: targeting.interests,
    ageBand: targeting.ageBands,
    language: targeting.languages,
    device: targeting.devices,
    gender: targeting.genders,
    format: formats,
  };
}

const one = (value: string | undefined): string[] => (value === undefined ? [] : [value]);

/** A viewer and the formats a placement can show, as the index reads a request. */
export function viewerAssignment(viewer: Viewer, formats: readonly string[]): Assignment {
  return {
    place: viewerPlaces(viewer),
    interest: viewer.interests ?? [],
    ageBand: one(viewer.ageBand),
    language: one(viewer.language),
    device: one(viewer.device),
    gender: one(viewer.gender),
    format: formats,
  };
}

interface Posting<T> {
  id: string;
  item: T;
  /** Every constrained attribute with the values it accepts; the anchor's is checked again, cheaply. */
  tests: [IndexAttribute, ReadonlySet<string>][];
  keys: string[];
}

/** The list of entries that constrain no attribute: every request walks it. */
const OPEN = "";
const keyOf = (attribute: IndexAttribute, value: string) => `${attribute}\u0000${value}`;

/**
 * An inverted index of conjunctions (Whang et al., "Indexing Boolean Expressions", VLDB 2009): each
 * entry is posted under the values of one attribute it constrains, in lists kept in rank order, and
 * a request merges the lists of its own values, checks each entry it meets against the rest of its
 * conjunction, and yields the matches best first. A caller that stops at its first winner visits
 * only the entries ranked above it in those lists, however many entries the index holds.
 *
 * `compare` orders entries (negative: `a` first); ties fall to the entry id, so the order is total
 * and an entry met in two lists of one request comes out of the merge twice in a row, once yielded.
 * Lists are replaced, never changed in place, so a walk paused across an await keeps a consistent
 * view while entries are put and removed.
 */
export class TargetingIndex<T> {
  private readonly lists = new Map<string, readonly Posting<T>[]>();
  private readonly postings = new Map<string, Posting<T>>();

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.postings.size;
  }

  get(id: string): T | undefined {
    return this.postings.get(id)?.item;
  }

  *values(): Generator<T, void, undefined> {
    for (const posting of this.postings.values()) yield posting.item;
  }

  /**
   * A new index of these entries (ids unique). The entries are sorted once and then dealt into
   * their lists in that order, so every list comes out sorted: putting entries one by one copies a
   * list per entry (quadratic for a whole rebuild), and sorting each list sorts every entry once
   * per value it is posted under.
   */
  static of<T>(
    compare: (a: T, b: T) => number,
    entries: Iterable<{ id: string; conjunction: Conjunction; item: T }>,
  ): TargetingIndex<T> {
    const index = new TargetingIndex(compare);
    const postings = Array.from(entries, ({ id, conjunction, item }) => postingOf(id, conjunction, item));
    postings.sort((a, b) => index.order(a, b));
    const lists = new Map<string, Posting<T>[]>();
    for (const posting of postings) {
      index.postings.set(posting.id, posting);
      for (const key of posting.keys) {
        const list = lists.get(key);
        if (list) list.push(posting);
        else lists.set(key, [posting]);
      }
    }
    for (const [key, list] of lists) index.lists.set(key, list);
    return index;
  }

  /** Adds the entry, or replaces the one with this id. */
  put(id: string, conjunction: Conjunction, item: T): void {
    this.remove(id);
    const posting = postingOf(id, conjunction, item);
    this.postings.set(id, posting);
    for (const key of posting.keys) {
      const list = this.lists.get(key) ?? [];
      const at = this.position(list, posting);
      this.lists.set(key, [...list.slice(0, at), posting, ...list.slice(at)]);
    }
  }

  remove(id: string): void {
    const posting = this.postings.get(id);
    if (!posting) return;
    this.postings.delete(id);
    for (const key of posting.keys) {
      const list = (this.lists.get(key) ?? []).filter((other) => other !== posting);
      if (list.length > 0) this.lists.set(key, list);
      else this.lists.delete(key);
    }
  }

  /** The entries matching `request`, best first, each once; lazy, so stopping early costs nothing more. */
  *walk(request: Assignment): Generator<T, void, undefined> {
    const heap: Cursor<T>[] = [];
    const open = this.lists.get(OPEN);
    if (open) heap.push({ list: open, at: 0 });
    for (const attribute of INDEX_ATTRIBUTES) {
      for (const value of request[attribute] ?? []) {
        const list = this.lists.get(keyOf(attribute, value));
        if (list) heap.push({ list, at: 0 });
      }
    }
    const before = (a: Cursor<T>, b: Cursor<T>) =>
      this.order(a.list[a.at] as Posting<T>, b.list[b.at] as Posting<T>) < 0;
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i, before);
    let last: Posting<T> | undefined;
    while (heap.length > 0) {
      const top = heap[0] as Cursor<T>;
      const posting = top.list[top.at] as Posting<T>;
      top.at += 1;
      if (top.at === top.list.length) {
        const end = heap.pop() as Cursor<T>;
        if (heap.length > 0) heap[0] = end;
      }
      siftDown(heap, 0, before);
      if (posting === last) continue;
      last = posting;
      if (accepts(posting, request)) yield posting.item;
    }
  }

  /**
   * Every entry matching `request`, each once, in no particular order: for a caller that wants them
   * all (the pacing forecast's count of eligible requests), without walk's merge, which compares
   * entries by rank at every step.
   */
  *everyMatch(request: Assignment): Generator<T, void, undefined> {
    const lists: (readonly Posting<T>[])[] = [];
    const open = this.lists.get(OPEN);
    if (open) lists.push(open);
    for (const attribute of INDEX_ATTRIBUTES) {
      for (const value of request[attribute] ?? []) {
        const list = this.lists.get(keyOf(attribute, value));
        if (list) lists.push(list);
      }
    }
    // An entry sits in one list per value of its anchor attribute, so only a request with several
    // values of one attribute can meet it twice.
    const met = lists.length > 1 ? new Set<Posting<T>>() : undefined;
    for (const list of lists) {
      for (const posting of list) {
        if (met) {
          if (met.has(posting)) continue;
          met.add(posting);
        }
        if (accepts(posting, request)) yield posting.item;
      }
    }
  }

  /** Every entry matching `request`, best first. */
  matching(request: Assignment): T[] {
    return [...this.walk(request)];
  }

  private order(a: Posting<T>, b: Posting<T>): number {
    return this.compare(a.item, b.item) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  /** Where `posting` goes in a list kept in order: after every entry before it. */
  private position(list: readonly Posting<T>[], posting: Posting<T>): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.order(list[middle] as Posting<T>, posting) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function postingOf<T>(id: string, conjunction: Conjunction, item: T): Posting<T> {
  const tests: Posting<T>["tests"] = [];
  for (const attribute of INDEX_ATTRIBUTES) {
    const values = conjunction[attribute];
    if (values && values.length > 0) tests.push([attribute, new Set(values)]);
  }
  const anchor = tests[0];
  const keys = anchor ? [...anchor[1]].map((value) => keyOf(anchor[0], value)) : [OPEN];
  return { id, item, tests, keys };
}

interface Cursor<T> {
  list: readonly Posting<T>[];
  at: number;
}

function accepts<T>(posting: Posting<T>, request: Assignment): boolean {
  for (const [attribute, accepted] of posting.tests) {
    const values = request[attribute];
    if (!values?.some((value) => accepted.has(value))) return false;
  }
  return true;
}

function siftDown<C>(heap: C[], start: number, before: (a: C, b: C) => boolean): void {
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let best = i;
    if (left < heap.length && before(heap[left] as C, heap[best] as C)) best = left;
    if (right < heap.length && before(heap[right] as C, heap[best] as C)) best = right;
    if (best === i) return;
    [heap[i], heap[best]] = [heap[best] as C, heap[i] as C];
    i = best;
  }
}
