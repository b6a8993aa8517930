/** One deal value that differs between the base and the new deal. */
export interface FieldDifference {
  /** The value's path, as problems print it: "liability.generalCap.lookbackMonths", "services.modules[3]". */
  readonly path: string;
  /** The base deal's value (absent when the base has none). */
  readonly old?: unknown;
  /** The new deal's value (absent when the new deal has none). */
  readonly new?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function join(path: string, key: string | number): string {
  return typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The values that differ between two validated deals, leaf by leaf: objects key by key, lists of
 * objects item by item (an item only one side has is one difference), other lists and values as a
 * whole. In key order of the new deal, then keys only the base has. Pure.
 */
export function dealDifferences(base: unknown, next: unknown, path = ""): FieldDifference[] {
  if (same(base, next)) return [];
  if (isObject(base) && isObject(next)) {
    const keys = [...Object.keys(next), ...Object.keys(base).filter((k) => !(k in next))];
    return keys.flatMap((k) => dealDifferences(base[k], next[k], join(path, k)));
  }
  if (Array.isArray(base) && Array.isArray(next) && [...base, ...next].every(isObject)) {
    const n = Math.max(base.length, next.length);
    const out: FieldDifference[] = [];
    for (let i = 0; i < n; i++) out.push(...dealDifferences(base[i], next[i], join(path, i)));
    return out;
  }
  return [{ path, ...(base === undefined ? {} : { old: base }), ...(next === undefined ? {} : { new: next }) }];
}
