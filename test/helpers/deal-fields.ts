import { z } from "zod";
import { unwrapSchema, valueDomain } from "../../src/catalog/schema-paths.js";

/**
 * The leaf fields of a deal schema, for the field-coverage test: every value a
 * deal sheet can set that is not itself an object, as a dotted path with `[]`
 * for array items ("fees.lines[].unitPrice"). A `localText` (a string or
 * `{ en, zh }`) counts as one leaf; so does an array of scalars ("privacy.regimes").
 * Discriminated unions contribute the keys of every member. Built on the
 * schema walker the pack checks use (src/catalog/schema-paths.ts).
 */
export interface LeafField {
  readonly path: string;
  /** What kind of value sits there, so the test knows how to change it. */
  readonly kind: "enum" | "literal" | "boolean" | "number" | "string" | "localText" | "array";
  /** Enum members or literal values, for "enum" / "literal" (and for arrays of enums). */
  readonly values?: readonly (string | number | boolean)[];
}

type Scalar = Omit<LeafField, "path">;

/** The scalar a set of unwrapped schemas stands for, or undefined when one of them is an object or an array. */
function scalarOf(members: readonly z.ZodType[]): Scalar | undefined {
  if (members.some((m) => m instanceof z.ZodObject || m instanceof z.ZodArray)) return undefined;
  const domain = valueDomain(members);
  // Money and percentages are a string or a number, normalised to a string.
  if (domain.open.has("string")) return { kind: "string" };
  if (domain.open.has("number")) return { kind: "number" };
  const values = [...domain.finite];
  if (values.length === 2 && values.every((v) => typeof v === "boolean")) return { kind: "boolean" };
  return { kind: members.every((m) => m instanceof z.ZodLiteral) ? "literal" : "enum", values };
}

/** Lists the leaf fields of `schema` (see {@link LeafField}). */
export function leafFields(schema: z.ZodType, prefix = ""): LeafField[] {
  const members = unwrapSchema(schema);
  const at = (k: string): string => (prefix ? `${prefix}.${k}` : k);
  const objects = members.filter((m): m is z.ZodObject => m instanceof z.ZodObject);
  const others = members.filter((m) => !(m instanceof z.ZodObject));
  // localText: a string, or { en, zh }.
  if (objects.length === 1 && others.some((m) => m instanceof z.ZodString) && ["en", "zh"].every((k) => k in (objects[0]?.shape ?? {}))) {
    return [{ path: prefix, kind: "localText" }];
  }
  const out = new Map<string, LeafField>();
  const add = (f: LeafField): void => {
    const seen = out.get(f.path);
    // A discriminator appears once per member, and an enum-or-object union (an institution code or { name }) twice: merge their values.
    if (seen?.values && f.values) out.set(f.path, { ...seen, kind: "enum", values: [...new Set([...seen.values, ...f.values])] });
    else if (!seen) out.set(f.path, f);
  };
  for (const o of objects) for (const [k, v] of Object.entries(o.shape)) leafFields(v as z.ZodType, at(k)).forEach(add);
  for (const a of others.filter((m): m is z.ZodArray => m instanceof z.ZodArray)) {
    const item = unwrapSchema(a.element as z.ZodType);
    const scalar = scalarOf(item);
    if (scalar) add({ path: prefix, kind: "array", ...(scalar.values ? { values: scalar.values } : {}) });
    else leafFields(a.element as z.ZodType, `${prefix}[]`).forEach(add);
  }
  const scalar = scalarOf(others.filter((m) => !(m instanceof z.ZodArray)));
  if (scalar && others.some((m) => !(m instanceof z.ZodArray))) add({ path: prefix, ...scalar });
  return [...out.values()];
}
