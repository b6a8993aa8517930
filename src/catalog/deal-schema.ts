import { z } from "zod";
import { dealSchema, dealSheetSchema, refineDeal, type Deal } from "../deal/schema.js";
import type { Problem } from "../errors/problem.js";
import { EXTENSIONS_KEY, fieldsObject, fieldZod } from "./fields.js";
import type { ClauseDef, FieldSpec, Pack } from "./types.js";

/**
 * The deal-sheet schema of a catalogue: the built-in schema, plus
 * `extensions.<pack name>` for every pack that declares fields. Without pack
 * fields it is the built-in schema itself. Also checks each field's default
 * against its own type, and that every `extensions.*` path a clause reads is
 * a declared field.
 */
export function buildDealSchema(packs: readonly Pack[], clauses: ReadonlyMap<string, ClauseDef>, problems: Problem[]): z.ZodType<Deal> {
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
  for (const c of clauses.values()) {
    c.reads.forEach((path, i) => {
      const parts = path.replace(/\[\]/g, "").split(".");
      if (parts[0] !== EXTENSIONS_KEY) return;
      if (!fieldExists(declared, parts.slice(1))) {
        problems.push({
          code: "PACK_UNKNOWN_FIELD_PATH",
          severity: "error",
          file: c.file,
          ...(c.positions?.[`reads.${i}`] ?? {}),
          clause: c.id,
          message: `Clause "${c.id}" reads "${path}", which no pack declares under fields`,
        });
      }
    });
  }
  if (Object.keys(shape).length === 0) return dealSheetSchema as unknown as z.ZodType<Deal>;
  const anyRequired = packs.some((p) => Object.values(p.fields ?? {}).some((f) => f.required === true));
  const extensions = anyRequired ? z.strictObject(shape) : z.strictObject(shape).prefault({});
  return dealSchema.extend({ [EXTENSIONS_KEY]: extensions }).superRefine(refineDeal) as unknown as z.ZodType<Deal>;
}

function fieldExists(declared: Record<string, Readonly<Record<string, FieldSpec>>>, parts: readonly string[]): boolean {
  const [packName, ...rest] = parts;
  if (packName === undefined) return false;
  let fields: Readonly<Record<string, FieldSpec>> | undefined = declared[packName];
  if (!fields) return false;
  for (const name of rest) {
    if (!fields) return true; // below a list of scalars or an opaque value
    const spec: FieldSpec | undefined = fields[name];
    if (!spec) return false;
    fields = spec.type === "list" ? spec.items?.fields : spec.fields;
  }
  return true;
}
