import { z } from "zod";
import { dealSchema, dealSheetSchema, refineDeal, type Deal } from "../deal/schema.js";
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
export function buildDealSchema(packs: readonly Pack[], problems: Problem[]): z.ZodType<Deal> {
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
          problems.push({ code: "PACK_BAD_DEFAULT", severity: "error", file, ...(at ?? {}), message: `Field "${path}${name}": the default ${JSON.stringify(spec.default)} is not a valid ${spec.type}` });
        }
        if (spec.fields) checkDefaults(spec.fields, `${path}${name}.fields.`);
      }
    };
    checkDefaults(pack.fields, "");
  }
  if (Object.keys(shape).length === 0) return dealSheetSchema as unknown as z.ZodType<Deal>;
  const anyRequired = packs.some((p) => Object.values(p.fields ?? {}).some((f) => f.required === true));
  const extensions = anyRequired ? z.strictObject(shape) : z.strictObject(shape).prefault({});
  return dealSchema.extend({ [EXTENSIONS_KEY]: extensions }).superRefine(refineDeal) as unknown as z.ZodType<Deal>;
}
