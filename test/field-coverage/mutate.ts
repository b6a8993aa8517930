import type { LeafField } from "../helpers/deal-fields.js";

/** A JSON-ish deal tree. */
export type Tree = { [key: string]: unknown };
type Seg = string | number;

/**
 * Where a schema path has a value in a deal: "fees.lines[].module" →
 * ["fees", "lines", 1, "module"], the first array item that has it; undefined
 * when the deal does not set it.
 */
export function locate(deal: unknown, path: string): Seg[] | undefined {
  const walk = (cur: unknown, segs: readonly string[]): Seg[] | undefined => {
    const [raw, ...rest] = segs;
    if (raw === undefined) return cur === undefined ? undefined : [];
    const isArray = raw.endsWith("[]");
    const key = isArray ? raw.slice(0, -2) : raw;
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    const next = (cur as Tree)[key];
    if (next === undefined) return undefined;
    if (!isArray) {
      const tail = walk(next, rest);
      return tail ? [key, ...tail] : undefined;
    }
    if (!Array.isArray(next)) return undefined;
    for (const [i, item] of next.entries()) {
      const tail = walk(item, rest);
      if (tail) return [key, i, ...tail];
    }
    return undefined;
  };
  return walk(deal, path.split("."));
}

export function getAt(tree: unknown, at: readonly Seg[]): unknown {
  let cur: unknown = tree;
  for (const s of at) cur = (cur as Record<string | number, unknown>)[s];
  return cur;
}

function setAt(tree: unknown, at: readonly Seg[], value: unknown): unknown {
  const copy = structuredClone(tree) as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  at.slice(0, -1).forEach((s) => (cur = cur[s] as Record<string | number, unknown>));
  const last = at[at.length - 1];
  if (last !== undefined) cur[last] = value;
  return copy;
}

const CURRENCIES = ["EUR", "GBP", "JPY", "USD"];

function stringCandidates(v: string): unknown[] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split("-").map(Number);
    const next = new Date(Date.UTC(y ?? 2026, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
    const prev = new Date(Date.UTC(y ?? 2026, (m ?? 1) - 1, (d ?? 1) - 1)).toISOString().slice(0, 10);
    return [next, prev];
  }
  if (/^[A-Z]{3}$/.test(v)) return CURRENCIES.filter((c) => c !== v);
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    // Money keeps two decimals; percentages stay within 0..100.
    const fmt = (x: number): string => (v.includes(".") && v.split(".")[1]?.length === 2 ? x.toFixed(2) : String(x));
    return [n + 1, n - 1, n / 2]
      .filter((x) => x > 0)
      .map(fmt)
      .filter((x) => x !== v);
  }
  if (v.includes("@")) return [`changed.${v}`];
  if (/^[a-z0-9][a-z0-9-]*$/.test(v)) return [`${v}-x`];
  return [`${v} Zed`];
}

/**
 * Other values for a field, most telling first. The caller tries them in
 * order until one gives a valid deal. For a `{ en, zh }` text only the
 * language being drafted changes, so a change must show in that language.
 */
export function candidates(field: LeafField, value: unknown): unknown[] {
  switch (field.kind) {
    case "boolean":
      return [!value];
    case "enum":
    case "literal":
      return (field.values ?? []).filter((v) => v !== value);
    case "number": {
      const n = value as number;
      return [n + 1, n - 1, n * 2].filter((x, i, all) => x > 0 && x !== n && all.indexOf(x) === i);
    }
    case "string":
      return typeof value === "string" ? stringCandidates(value) : [];
    case "localText":
      if (typeof value === "string") return [`${value} Zed`];
      if (value && typeof value === "object") {
        // Both languages change at once, so one draft tells for each.
        const t = value as Record<string, string>;
        return [{ ...t, ...(t["en"] !== undefined ? { en: `${t["en"]} Zed` } : {}), ...(t["zh"] !== undefined ? { zh: `${t["zh"]}乙丙` } : {}) }];
      }
      return [];
    case "array": {
      const arr = Array.isArray(value) ? value : [];
      const out: unknown[] = [];
      if (arr.length > 0) out.push(arr.slice(1));
      for (const v of field.values ?? []) if (!arr.includes(v)) out.push([...arr, v]);
      if (!field.values) out.push([...arr, typeof arr[0] === "object" ? { en: "Zed", zh: "乙丙" } : "Zed-1"]);
      return out;
    }
  }
}

/** `deal` with the value at `at` replaced. */
export function mutate(deal: unknown, at: readonly Seg[], value: unknown): unknown {
  return setAt(deal, at, value);
}
