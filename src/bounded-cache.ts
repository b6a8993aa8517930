/**
 * A cache that keeps its most recently used entries within a budget of bytes
 * (and, optionally, of entries), for caches that live as long as the process:
 * their keys are texts from deals and packs, so a limit on entries alone lets a
 * few huge keys hold any amount of memory.
 *
 * Why not the lru-cache package: its published build minifies its class to `I`
 * with a private field `#I`, and the CommonJS build of this library (tsup's
 * transform) rewrote `this.#I = w` into an assignment to the exported `I`,
 * breaking every cache after the first. A Map in insertion order is all an LRU
 * of this size needs.
 */
export interface BoundedCacheLimits<K, V> {
  /** Most bytes the entries may count for together (see `sizeOf`). */
  readonly maxBytes: number;
  /** Most entries, if the count matters too (each one holds a large object). */
  readonly maxEntries?: number;
  /** What an entry counts for, in bytes: at least its key and value; an estimate is enough. */
  readonly sizeOf: (value: V, key: K) => number;
}

/** A map bounded by bytes and entries; the least recently used entries are dropped first. */
export class BoundedCache<K, V> {
  /** Entries in order of use, least recent first (a Map keeps insertion order). */
  private readonly entries = new Map<K, { readonly value: V; readonly bytes: number }>();
  private total = 0;

  constructor(private readonly limits: BoundedCacheLimits<K, V>) {}

  /** The value for `key`, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` for `key` (unless it alone is over the budget), dropping the least recently used entries to stay within it. */
  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.total -= old.bytes;
    }
    const bytes = this.limits.sizeOf(value, key);
    if (bytes > this.limits.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    const maxEntries = this.limits.maxEntries ?? Number.POSITIVE_INFINITY;
    for (const [k, e] of this.entries) {
      if (this.total <= this.limits.maxBytes && this.entries.size <= maxEntries) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }

  /** How many bytes the kept entries count for. */
  get bytes(): number {
    return this.total;
  }
}
