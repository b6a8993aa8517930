import { z } from "zod";
import { BILINGUAL_LAYOUTS, type BilingualLayout } from "../model/types.js";
import { DEFAULT_FORMATS, DRAFT_LANGS, FORMATS, type DraftLang, type Format } from "../options.js";
import type { ToolProblem } from "./results.js";

// The arguments of each tool, as zod schemas: the JSON Schemas the server lists are derived from
// them (so the two cannot drift), and a call is checked against them before anything else runs.
// The deal itself is only shaped here (an object or a deal sheet's text): the deal schema, with the
// packs' fields, validates it afterwards and reports every problem with its data path.

const deal = z
  .union([z.record(z.string(), z.unknown()), z.string()])
  .describe("The deal sheet: an object of the shape the deal_schema tool returns, or the text of a deal sheet (YAML or JSON; problems then name its line and column).");

const documentArgs = {
  lang: z
    .enum(DRAFT_LANGS as [DraftLang, ...DraftLang[]])
    .optional()
    .describe('Language of the agreement: "en" (default), "zh", or "en+zh" for a bilingual agreement (needs agreement.prevailingLanguage in the deal).'),
  layout: z
    .enum(BILINGUAL_LAYOUTS as [BilingualLayout, ...BilingualLayout[]])
    .optional()
    .describe('Bilingual only: "parallel" (default, side by side), "sequential" or "interleaved".'),
  primary: z.enum(["en", "zh"]).optional().describe("Bilingual only: the language that comes first (default: the prevailing one)."),
  agreement: z.string().min(1).optional().describe("Agreement layout id (list_clauses lists them); default the first."),
  numbering: z.string().min(1).optional().describe('Numbering style ("en", "zh-article-decimal", "zh-gbt9704") or a pack\'s numbering profile id.'),
  usDates: z.boolean().optional().describe("Write English dates US style (December 1, 2026)."),
};

const formats = z
  .array(z.enum(FORMATS as [Format, ...Format[]]))
  .min(1)
  .optional()
  .describe(`Formats to produce: ${FORMATS.join(", ")}; default ${DEFAULT_FORMATS.join(", ")}.`);

const outputArgs = {
  formats,
  dir: z
    .string()
    .min(1)
    .optional()
    .describe(
      "An absolute folder to write the files into; it must lie inside one of the output roots the user started the server with. Without it the files come back as embedded resources (text for md and html, base64 for docx and pdf).",
    ),
  overwrite: z.boolean().optional().describe("Replace files of the same names in dir (default false: a name already taken is refused)."),
};

/** `list_clauses` takes no arguments. */
export const listClausesArgs = z.strictObject({});

/** `deal_schema` takes no arguments. */
export const dealSchemaArgs = z.strictObject({});

/** `check_deal`: a deal and the options that decide the document. */
export const checkDealArgs = z.strictObject({ deal, ...documentArgs });

/** `draft_deal`: a deal, the document options, and what to produce where. */
export const draftDealArgs = z.strictObject({ deal, ...documentArgs, ...outputArgs });

/** `redline_deals`: the deal, the base it is compared with, and what to produce where. */
export const redlineDealsArgs = z.strictObject({
  deal: deal.describe("The new deal (this round): an object of the deal_schema shape, or a deal sheet's text."),
  base: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .describe("What the deal is compared with: the previous round's deal (object or deal sheet text), or \"standard\" for the catalogue's standard terms."),
  ...documentArgs,
  ...outputArgs,
  author: z.string().min(1).max(200).optional().describe('Author of the tracked changes (default "clausewright").'),
});

export type CheckDealArgs = z.infer<typeof checkDealArgs>;
export type DraftDealArgs = z.infer<typeof draftDealArgs>;
export type RedlineDealsArgs = z.infer<typeof redlineDealsArgs>;

/** Argument names a caller may try that the server never takes from a tool call, and why. */
const NOT_FROM_TOOLS: Readonly<Record<string, string>> = {
  pack: "Clause packs are chosen by the user when the server starts (clausewright mcp --pack <dir>), never by a tool call.",
  packs: "Clause packs are chosen by the user when the server starts (clausewright mcp --pack <dir>), never by a tool call.",
  font: "The Chinese font is chosen by the user when the server starts (clausewright mcp --font <file>).",
  fonts: "The Chinese font is chosen by the user when the server starts (clausewright mcp --font <file>).",
};

/**
 * Checks a call's arguments against the tool's schema: the parsed arguments, or every problem
 * (`MCP_INVALID_ARGUMENT`, with the path to the argument) when they do not fit.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): { ok: true; value: z.infer<S> } | { ok: false; problems: ToolProblem[] } {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: ToolProblem[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = NOT_FROM_TOOLS[key];
        problems.push({
          code: "MCP_INVALID_ARGUMENT",
          severity: "error",
          path: [...path, key],
          message: `Unknown argument "${key}"`,
          ...(hint ? { hint } : { hint: "The tool's input schema lists its arguments." }),
        });
      }
      continue;
    }
    const where = path.length > 0 ? path.join(".") : "the arguments";
    problems.push({ code: "MCP_INVALID_ARGUMENT", severity: "error", path, message: `Invalid ${where}: ${issue.message}` });
  }
  return { ok: false, problems };
}
