import Big from "big.js";
import { z } from "zod";
import { MAX_PACK_DECIMALS, MAX_PACK_LIST_ITEMS, MAX_PACK_NUMBER } from "../deal/limits.js";
import { calendarDate, localTextOf, moneyAmount, type LocalText } from "../deal/primitives.js";
import type { FieldSpec, FieldType } from "./types.js";

/**
 * Deal fields declared by packs. A pack's fields live under
 * `extensions.<pack name>` in the deal sheet, so two packs (or a pack and a
 * later version of the built-in schema) can never claim the same key, and an
 * error names the full path, e.g. `extensions.healthcare.breachNoticeDays`.
 */
export const EXTENSIONS_KEY = "extensions";

const FIELD_TYPES = ["string", "number", "money", "date", "enum", "boolean", "list", "object"] as const satisfies readonly FieldType[];
const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: "Field names are camelCase letters and digits" });

/** The zod schema of a field spec as written in YAML (recursive for lists and objects). */
export const fieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
  z
    .strictObject({
      type: z.enum(FIELD_TYPES),
      required: z.boolean().optional(),
      default: z.unknown().optional(),
      doc: z.string().optional(),
      values: z.array(z.string().min(1)).min(1).optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean().optional(),
      items: fieldSpecSchema.optional(),
      fields: z.record(fieldName, fieldSpecSchema).optional(),
    })
    .superRefine((spec, ctx) => {
      if (spec.type === "enum" && !spec.values) ctx.addIssue({ code: "custom", path: ["values"], message: "An enum field needs values" });
      if (spec.type === "list" && !spec.items) ctx.addIssue({ code: "custom", path: ["items"], message: "A list field needs items" });
      if (spec.type === "object" && !spec.fields) ctx.addIssue({ code: "custom", path: ["fields"], message: "An object field needs fields" });
      if (spec.required && spec.default !== undefined) ctx.addIssue({ code: "custom", path: ["required"], message: "A field with a default cannot be required" });
    }),
);

/** The fields block of a pack: name → spec. */
export const fieldsSchema = z.record(fieldName, fieldSpecSchema);

/**
 * The deal-side schema of a field. Pack fields are deal fields and get the deal's limits
 * (src/deal/limits.ts): a string is long text without invisible characters, a number stays within
 * ±{@link MAX_PACK_NUMBER} whatever its own `min`/`max` and has at most {@link MAX_PACK_DECIMALS}
 * decimals, a list has at most {@link MAX_PACK_LIST_ITEMS} items.
 */
function baseSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case "string":
      return localTextOf("longText");
    case "number": {
      let n = z.number();
      if (spec.integer) n = n.int();
      n = n.min(Math.max(spec.min ?? -MAX_PACK_NUMBER, -MAX_PACK_NUMBER));
      n = n.max(Math.min(spec.max ?? MAX_PACK_NUMBER, MAX_PACK_NUMBER));
      return spec.integer
        ? n
        : n.refine(
            (v) =>
              new Big(v)
                .times(10 ** MAX_PACK_DECIMALS)
                .mod(1)
                .eq(0),
            { message: `Give the number with at most ${MAX_PACK_DECIMALS} decimals` },
          );
    }
    case "money":
      return moneyAmount;
    case "date":
      return calendarDate;
    case "enum":
      return z.enum((spec.values ?? []) as [string, ...string[]]);
    case "boolean":
      return z.boolean();
    case "list":
      return z.array(spec.items ? fieldZod(spec.items) : z.unknown()).max(MAX_PACK_LIST_ITEMS);
    case "object":
      return fieldsObject(spec.fields ?? {});
  }
}

/** The zod schema of one declared field, with its default or optionality and its doc. */
export function fieldZod(spec: FieldSpec): z.ZodType {
  let schema = baseSchema(spec);
  if (spec.doc) schema = schema.describe(spec.doc);
  if (spec.default !== undefined) return schema.default(spec.default as never);
  return spec.required ? schema : schema.optional();
}

/** The zod schema of a set of declared fields (strict: unknown keys are errors). */
export function fieldsObject(fields: Readonly<Record<string, FieldSpec>>): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(fields)) shape[name] = fieldZod(spec);
  const obj = z.strictObject(shape);
  // An object whose members are all optional may be left out as a whole.
  const anyRequired = Object.values(fields).some((f) => f.required === true);
  return anyRequired ? obj : obj.prefault({});
}

/** The TypeScript type of a value of a field spec (as written in the deal sheet). */
export type FieldValue<S extends FieldSpec> = S["type"] extends "string"
  ? LocalText
  : S["type"] extends "number"
    ? number
    : S["type"] extends "money"
      ? string | number
      : S["type"] extends "date"
        ? string
        : S["type"] extends "boolean"
          ? boolean
          : S["type"] extends "enum"
            ? S["values"] extends readonly (infer V)[]
              ? V
              : string
            : S["type"] extends "list"
              ? S["items"] extends FieldSpec
                ? FieldValue<S["items"]>[]
                : unknown[]
              : S["type"] extends "object"
                ? S["fields"] extends Readonly<Record<string, FieldSpec>>
                  ? FieldValues<S["fields"]>
                  : Record<string, unknown>
                : never;

type RequiredKeys<F extends Readonly<Record<string, FieldSpec>>> = {
  [K in keyof F]: F[K]["required"] extends true ? K : never;
}[keyof F];

/** The TypeScript type of the values of a set of field specs: required fields required, the rest optional. */
export type FieldValues<F extends Readonly<Record<string, FieldSpec>>> = {
  -readonly [K in RequiredKeys<F>]: FieldValue<F[K]>;
} & {
  -readonly [K in Exclude<keyof F, RequiredKeys<F>>]?: FieldValue<F[K]>;
};
