import type { z } from "zod";

/**
 * The leaf fields of a deal schema, for the field-coverage test: every value a
 * deal sheet can set that is not itself an object, as a dotted path with `[]`
 * for array items ("fees.lines[].unitPrice"). A `localText` (a string or
 * `{ en, zh }`) counts as one leaf; so does an array of scalars ("privacy.regimes[]"
 * is listed as "privacy.regimes"). Discriminated unions contribute the keys of
 * every member.
 */
export interface LeafField {
  readonly path: string;
  /** What kind of value sits there, so the test knows how to change it. */
  readonly kind: "enum" | "literal" | "boolean" | "number" | "string" | "localText" | "array";
  /** Enum members or literal values, for "enum" / "literal" (and for arrays of enums). */
  readonly values?: readonly (string | number | boolean)[];
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly (string | number | boolean)[];
  readonly getter?: () => z.ZodType;
}

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional / default / prefault / nullable / readonly / pipes and lazies down to the schema that says what the value is. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.innerType && ["optional", "default", "prefault", "nullable", "readonly", "nonoptional", "catch"].includes(d.type)) cur = d.innerType;
    else if (d.type === "pipe" && d.in) cur = d.in;
    else if (d.type === "lazy" && d.getter) cur = d.getter();
    else return cur;
  }
}

function scalarKind(s: z.ZodType): LeafField | undefined {
  const d = def(unwrap(s));
  switch (d.type) {
    case "enum":
      return { path: "", kind: "enum", values: Object.values(d.entries ?? {}) };
    case "literal":
      return { path: "", kind: "literal", values: d.values ?? [] };
    case "boolean":
      return { path: "", kind: "boolean" };
    case "number":
      return { path: "", kind: "number" };
    case "string":
      return { path: "", kind: "string" };
    default:
      return undefined;
  }
}

/** Lists the leaf fields of `schema` (see {@link LeafField}). */
export function leafFields(schema: z.ZodType, prefix = ""): LeafField[] {
  const s = unwrap(schema);
  const d = def(s);
  const at = (k: string): string => (prefix ? `${prefix}.${k}` : k);
  if (d.type === "object" && d.shape) {
    return Object.entries(d.shape).flatMap(([k, v]) => leafFields(v, at(k)));
  }
  if (d.type === "array" && d.element) {
    const item = unwrap(d.element);
    const scalar = scalarKind(item);
    if (scalar) return [{ path: prefix, kind: "array", ...(scalar.values ? { values: scalar.values } : {}) }];
    return leafFields(item, `${prefix}[]`);
  }
  if (d.type === "union" && d.options) {
    const members = d.options.map(unwrap);
    const kinds = members.map((m) => def(m).type);
    // localText: a string, or { en, zh }.
    if (kinds.includes("string") && kinds.includes("object")) {
      const obj = members.find((m) => def(m).type === "object");
      const keys = Object.keys(def(obj as z.ZodType).shape ?? {});
      if (keys.includes("en") && keys.includes("zh")) return [{ path: prefix, kind: "localText" }];
    }
    // Money and percentages: a string or a number, normalised to a string.
    if (kinds.every((k) => k === "string" || k === "number")) return [{ path: prefix, kind: "string" }];
    const out = new Map<string, LeafField>();
    const literals: (string | number | boolean)[] = [];
    for (const m of members) {
      const md = def(m);
      if (md.type === "object") {
        for (const f of leafFields(m, prefix)) {
          const seen = out.get(f.path);
          // A discriminator appears once per member: merge its literal values.
          if (seen?.kind === "literal" && f.kind === "literal") out.set(f.path, { ...seen, values: [...(seen.values ?? []), ...(f.values ?? [])] });
          else if (!seen) out.set(f.path, f);
        }
      } else {
        const k = scalarKind(m);
        if (k?.values) literals.push(...k.values);
        else if (k) out.set(prefix, { ...k, path: prefix });
      }
    }
    if (literals.length > 0) out.set(prefix, { path: prefix, kind: "enum", values: literals });
    return [...out.values()];
  }
  const k = scalarKind(s);
  return k ? [{ ...k, path: prefix }] : [];
}
