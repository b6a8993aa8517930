import { z } from "zod";
import { dealSchema, dealSheetSchema, JURISDICTIONS, refineDeal, type Deal } from "../deal/schema.js";
import type { Problem } from "../errors/problem.js";
import { EXTENSIONS_KEY, fieldsObject, fieldZod } from "./fields.js";
import type { FieldSpec, Pack } from "./types.js";

/**
 * The deal-sheet schema of a catalogue: the built-in schema, plus
 * `extensions.<pack name>` for every pack that declares fields. Without pack
 * fields it is the built-in schema itself. Also checks each field's default
 * against its own type. (Paths clauses read, `extensions.*` included, are
 * checked against the result in path-checks.ts.)
 */
export function buildDealSchema(packs: readonly Pack[], problems: Problem[], jurisdictions: readonly string[] = []): z.ZodType<Deal> {
  const shape: Record<string, z.ZodType> = {};
  const declared: Record<string, Readonly<Record<string, FieldSpec>>> = {};
  for (const pack of packs) {
    if (!pack.fields) continue;
    declared[pack.name] = pack.fields;
    shape[pack.name] = fieldsObject(pack.fields);
    const file = pack.fieldsFile ?? "pack.yaml";
    const prefix = /(^|\/)pack\.yaml$/.test(file) ? "fields." : "";
    const checkDefaults = (fields: Readonly<Record<string, FieldSpec>>, path: string): void => {
      for (const [name, spec] of Object.entries(fields)) {
        if (spec.default !== undefined && !fieldZod({ ...spec, default: undefined, required: true }).safeParse(spec.default).success) {
          const at = pack.fieldsPositions?.[`${prefix}${path}${name}.default`];
          problems.push({
            code: "PACK_BAD_DEFAULT",
            severity: "error",
            file,
            ...(at ?? {}),
            message: `Field "${path}${name}": the default ${JSON.stringify(spec.default)} is not a valid ${spec.type}`,
          });
        }
        if (spec.fields) checkDefaults(spec.fields, `${path}${name}.fields.`);
      }
    };
    checkDefaults(pack.fields, "");
  }
  // A pack's jurisdiction profile for a law the built-in list lacks makes that law a valid choice.
  const extra = jurisdictions.filter((j) => !(JURISDICTIONS as readonly string[]).includes(j));
  const base = extra.length === 0 ? dealSchema : dealSchema.extend({ law: dealSchema.shape.law.extend({ governingLaw: z.enum([...JURISDICTIONS, ...extra] as [string, ...string[]]) }) });
  if (Object.keys(shape).length === 0) return (extra.length === 0 ? dealSheetSchema : base.superRefine(refineDeal as never)) as unknown as z.ZodType<Deal>;
  const anyRequired = packs.some((p) => Object.values(p.fields ?? {}).some((f) => f.required === true));
  const extensions = anyRequired ? z.strictObject(shape) : z.strictObject(shape).prefault({});
  return base.extend({ [EXTENSIONS_KEY]: extensions }).superRefine(refineDeal as never) as unknown as z.ZodType<Deal>;
}
