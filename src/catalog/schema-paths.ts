import { z } from "zod";

/**
 * Resolves the dotted data paths templates and conditions read
 * ("fees.lines[].unitPrice", "law.forum.institution.name") against a zod
 * schema, so a pack that reads a field the deal cannot have is refused when it
 * loads rather than printing nothing (or failing) on some later deal.
 *
 * Resolution keeps a set of candidate schemas per segment: a union (such as
 * localText, a string or `{en, zh}`) or a discriminated union contributes every
 * member, so a key counts when any member has it.
 */

/** The outcome of resolving a path: the schemas it can end at, or the first segment that fails. */
export type PathResolution =
  | { readonly ok: true; readonly leaves: readonly z.ZodType[] }
  | {
      readonly ok: false;
      /** The path up to and including the segment that does not resolve. */
      readonly failedAt: string;
      /** Keys that would have resolved at that point (for the hint), sorted. */
      readonly known: readonly string[];
    };

/** Schemas that stand for any value: reading below them cannot be checked, so it is allowed. */
function isOpaque(s: z.ZodType): boolean {
  return s instanceof z.ZodAny || s instanceof z.ZodUnknown;
}

/**
 * The concrete schemas a schema stands for, with wrappers removed: optional,
 * nullable, default, prefault, readonly, catch, lazy, and the members of a
 * union or intersection. A pipe (a transform such as moneyAmount) counts as
 * its output when that is a schema, else as its input.
 */
export function unwrapSchema(schema: z.ZodType): z.ZodType[] {
  const out: z.ZodType[] = [];
  const seen = new Set<z.ZodType>();
  const visit = (s: z.ZodType): void => {
    if (seen.has(s)) return; // a lazy schema may refer to itself
    seen.add(s);
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch) {
      visit(s.def.innerType as z.ZodType);
    } else if (s instanceof z.ZodLazy) {
      visit(s.def.getter() as z.ZodType);
    } else if (s instanceof z.ZodPipe) {
      const o = s.def.out as z.ZodType;
      visit(o instanceof z.ZodTransform ? (s.def.in as z.ZodType) : o);
    } else if (s instanceof z.ZodUnion) {
      for (const m of s.def.options as readonly z.ZodType[]) visit(m);
    } else if (s instanceof z.ZodIntersection) {
      visit(s.def.left as z.ZodType);
      visit(s.def.right as z.ZodType);
    } else {
      out.push(s);
    }
  };
  visit(schema);
  return out;
}

/** The schemas one segment below `s`, or undefined when `s` has no such child. */
function child(s: z.ZodType, segment: string): z.ZodType[] | undefined {
  if (isOpaque(s)) return [s];
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodType>;
    if (Object.hasOwn(shape, segment)) return [shape[segment] as z.ZodType];
    // A loose object or one with a catchall takes any key.
    const rest = s.def.catchall as z.ZodType | undefined;
    return rest && !(rest instanceof z.ZodNever) ? [rest] : undefined;
  }
  if (s instanceof z.ZodRecord) return [s.def.valueType as z.ZodType];
  if (s instanceof z.ZodArray) {
    if (segment === "[]" || /^\d+$/.test(segment)) return [s.def.element as z.ZodType];
    if (segment === "length") return [z.number()];
    return undefined;
  }
  if (s instanceof z.ZodTuple) {
    const items = s.def.items as readonly z.ZodType[];
    if (/^\d+$/.test(segment)) {
      const item = items[Number(segment)];
      return item ? [item] : undefined;
    }
    return segment === "[]" ? [...items] : undefined;
  }
  return undefined;
}

/** The keys that would resolve below `s`, for a hint. */
function keysOf(s: z.ZodType): string[] {
  if (s instanceof z.ZodObject) return Object.keys(s.shape as Record<string, unknown>);
  if (s instanceof z.ZodArray || s instanceof z.ZodTuple) return ["[]"];
  return [];
}

/** Splits "fees.lines[].unitPrice" into ["fees", "lines", "[]", "unitPrice"]. */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\[\]/g, ".[]")
    .split(".")
    .filter((s) => s !== "");
}

/** Resolves a dotted path against a schema. An empty path resolves to the schema itself. */
export function resolvePath(schema: z.ZodType, path: string): PathResolution {
  let current = unwrapSchema(schema);
  const done: string[] = [];
  for (const segment of pathSegments(path)) {
    const next: z.ZodType[] = [];
    for (const s of current) next.push(...(child(s, segment) ?? []).flatMap(unwrapSchema));
    done.push(segment);
    if (next.length === 0) {
      const known = [...new Set(current.flatMap(keysOf))].sort();
      return { ok: false, failedAt: done.join(".").replace(/\.\[\]/g, "[]"), known };
    }
    current = next;
  }
  return { ok: true, leaves: current };
}

/** A scalar a template or condition compares a field with. */
export type Literal = string | number | boolean;

/**
 * What values the schemas at the end of a path can take, for checking a
 * compared literal: a finite set (enum, literal, boolean), or open for a type
 * (any string, any number), or anything.
 */
export interface ValueDomain {
  /** Values of enums, literals and booleans. */
  readonly finite: ReadonlySet<Literal>;
  /** Types any value of which is possible ("string" for z.string, "number" for z.number). */
  readonly open: ReadonlySet<"string" | "number" | "boolean">;
  /** True when some leaf is opaque (unknown/any): every literal is possible. */
  readonly any: boolean;
}

/** The values the given leaf schemas can hold. */
export function valueDomain(leaves: readonly z.ZodType[]): ValueDomain {
  const finite = new Set<Literal>();
  const open = new Set<"string" | "number" | "boolean">();
  let any = false;
  for (const s of leaves) {
    if (isOpaque(s)) any = true;
    else if (s instanceof z.ZodEnum) for (const v of s.options as readonly (string | number)[]) finite.add(v);
    else if (s instanceof z.ZodLiteral) {
      for (const v of s.def.values as readonly unknown[]) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") finite.add(v);
    } else if (s instanceof z.ZodBoolean) {
      finite.add(true);
      finite.add(false);
    } else if (s.def.type === "string")
      open.add("string"); // also string formats (z.email())
    else if (s.def.type === "number") open.add("number");
    // Objects, arrays and dates are never === a literal, so they add nothing.
  }
  return { finite, open, any };
}

/** True when `value` is a possible value in `domain`. */
export function admits(domain: ValueDomain, value: Literal): boolean {
  if (domain.any || domain.finite.has(value)) return true;
  const t = typeof value;
  return (t === "string" || t === "number" || t === "boolean") && domain.open.has(t);
}
