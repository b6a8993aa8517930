import { ClausewrightError } from "../errors/error.js";

/**
 * How deep a standard position may nest. A deal sheet nests a few levels; the bound only stops a
 * standard built in code with a cycle from recursing until the stack overflows (a bug report
 * instead of a problem).
 */
const MAX_STANDARD_DEPTH = 64;

/** A mapping (not a list, not null): the values the merge walks into. */
function isMapping(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sets `key` as an own, plain data property. Assignment would treat a key named `__proto__` (YAML
 * can spell one) as the prototype; defined as data it stays a key, which the deal schema refuses.
 */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A fresh copy of a value of the standard, so no caller can change the catalogue's standard through a merged deal. */
function copyOf(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => copyOf(item, depth + 1));
  if (isMapping(value)) return layOver({}, value, depth);
  return value;
}

function layOver(deal: Readonly<Record<string, unknown>>, standard: Readonly<Record<string, unknown>>, depth: number): Record<string, unknown> {
  if (depth > MAX_STANDARD_DEPTH) {
    throw new ClausewrightError([{ code: "PACK_STANDARD_INVALID", severity: "error", message: `The standard position nests more than ${MAX_STANDARD_DEPTH} levels deep` }]);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(deal)) put(out, key, deal[key]);
  for (const key of Object.keys(standard)) {
    const value = standard[key];
    const mine = Object.hasOwn(deal, key) ? deal[key] : undefined;
    if (value === null) delete out[key];
    else if (isMapping(value) && isMapping(mine) && !otherKind(mine, value)) put(out, key, layOver(mine, value, depth + 1));
    else put(out, key, copyOf(value, depth + 1));
  }
  return out;
}

/**
 * A mapping of another kind than the deal's: both name a `type` and the names differ (a liability
 * cap that is a fixed amount against one that is a multiple of fees, courts against arbitration).
 * The keys of one kind mean nothing in the other, so such a mapping replaces the deal's whole.
 */
function otherKind(deal: Readonly<Record<string, unknown>>, standard: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(standard, "type") && Object.hasOwn(deal, "type") && standard["type"] !== deal["type"];
}

/**
 * A deal with a standard position laid over it, as JSON Merge Patch (RFC 7386) does: a mapping
 * in the standard merges into the deal's key by key; a list or a single value replaces the deal's
 * (so a list is always given whole); `null` removes the deal's value; a key the standard leaves
 * out keeps the deal's value. One addition: a mapping whose `type` differs from the deal's
 * replaces it whole (see {@link otherKind}). Pure: neither argument is changed, and nothing of
 * the standard is shared with the result.
 */
export function mergeStandard(deal: unknown, standard: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return layOver(isMapping(deal) ? deal : {}, standard, 0);
}
