import { resolveCatalog } from "../../catalog/builtin.js";
import { formatClauseTable, listClauses } from "../../catalog/listing.js";
import { dealJsonSchema } from "../../deal/json-schema.js";
import type { CommandContext } from "../context.js";
import { EXIT } from "../report.js";
import { loadPacks } from "./shared.js";

/** `schema`: the JSON Schema of the deal sheet, with the fields of any `--pack`. */
export async function runSchema(opts: { readonly pack: readonly string[]; readonly allowRuleOverride?: readonly string[] }, ctx: CommandContext): Promise<number> {
  const packs = await loadPacks(opts.pack, ctx);
  const catalog = packs.length ? resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride }) : undefined;
  ctx.stdout.write(`${JSON.stringify(dealJsonSchema(catalog), null, 2)}\n`);
  return EXIT.ok;
}

/** `clauses`: the clause catalogue as a table, or with `--json` as an array. */
export async function runClauses(opts: { readonly pack: readonly string[]; readonly allowRuleOverride?: readonly string[] }, ctx: CommandContext): Promise<number> {
  const list = listClauses(resolveCatalog({ packs: await loadPacks(opts.pack, ctx), allowRuleOverride: opts.allowRuleOverride }));
  ctx.stdout.write(ctx.json ? `${JSON.stringify(list, null, 2)}\n` : formatClauseTable(list));
  return EXIT.ok;
}
