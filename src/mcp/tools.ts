import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { fileNameOfReference } from "../batch/names.js";
import { draftedFiles } from "../batch/outputs.js";
import type { Catalog } from "../catalog/catalog.js";
import { listClauses } from "../catalog/listing.js";
import { checkDeal } from "../check/check-deal.js";
import { toProblem } from "../check/engine.js";
import { dealJsonSchema } from "../deal/json-schema.js";
import { located, relocate, type Locator } from "../deal/sheet-positions.js";
import { draft } from "../draft.js";
import type { Problem } from "../errors/problem.js";
import { DEFAULT_FORMATS, FORMATS, type Format, type PrepareOptions } from "../options.js";
import { redline, STANDARD } from "../redline/redline.js";
import type { FontSet } from "../render/pdf/index.js";
import { checkDealArgs, dealSchemaArgs, draftDealArgs, listClausesArgs, parseArgs, redlineDealsArgs, type CheckDealArgs, type DraftDealArgs } from "./args.js";
import { readDealArgument } from "./deal-argument.js";
import { deliver, type Delivery, type DeliveryPolicy } from "./deliver.js";
import { refusal, success, toolProblem, type ToolProblem } from "./results.js";
import { checkDealResult, dealSchemaResult, draftDealResult, jsonSchemaOf, listClausesResult, redlineDealsResult } from "./schemas.js";

/** What the tools work with, fixed when the server starts: nothing here comes from a tool call. */
export interface ToolSetup extends DeliveryPolicy {
  /** The built-in catalogue with the user's `--pack` folders layered over it. */
  readonly catalog: Catalog;
  /** Fonts for PDF output (the bundled ones, or with the user's `--font` for Chinese). */
  readonly fonts: FontSet;
}

/** How a tool is defined: what `tools/list` says about it, and what a call runs with its arguments checked. */
interface ToolSpec<S extends z.ZodType> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly args: S;
  readonly result: z.ZodType;
  readonly annotations: NonNullable<Tool["annotations"]>;
  readonly run: (args: z.infer<S>, setup: ToolSetup) => Promise<CallToolResult>;
}

/** A tool of the server: its listing, and a call with arguments as the client sent them. */
export interface ToolDefinition {
  readonly name: string;
  /** The tool as `tools/list` lists it. */
  readonly listing: Tool;
  /**
   * Runs the tool: arguments that do not fit its schema are refused (`MCP_INVALID_ARGUMENT`);
   * a problem of the deal or of the request throws a `Refusal` or a ClausewrightError.
   */
  readonly call: (args: unknown, setup: ToolSetup) => Promise<CallToolResult>;
}

function defineTool<S extends z.ZodType>(spec: ToolSpec<S>): ToolDefinition {
  return {
    name: spec.name,
    listing: {
      name: spec.name,
      title: spec.title,
      description: spec.description,
      inputSchema: jsonSchemaOf(spec.args, "input"),
      outputSchema: jsonSchemaOf(spec.result, "output"),
      annotations: spec.annotations,
    },
    call: async (args, setup) => {
      const parsed = parseArgs(spec.args, args);
      return parsed.ok ? spec.run(parsed.value, setup) : refusal(parsed.problems);
    },
  };
}

/** Rethrows a failed draft's error with the deal text's line and column on its check problems, when the deal came as text. */
function rethrowLocated(where: Locator | undefined): (err: unknown) => never {
  return where
    ? relocate(where)
    : (err) => {
        throw err;
      };
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
// Writing tools: they create files, and replace files only when asked to (overwrite: true).
const WRITES = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false } as const;

/** The document options of the arguments, as the library takes them. */
function documentOptions(args: Omit<CheckDealArgs, "deal">): PrepareOptions {
  return {
    ...(args.lang !== undefined ? { lang: args.lang } : {}),
    ...(args.layout !== undefined ? { layout: args.layout } : {}),
    ...(args.primary !== undefined ? { primary: args.primary } : {}),
    ...(args.agreement !== undefined ? { agreement: args.agreement } : {}),
    ...(args.numbering !== undefined ? { numbering: args.numbering } : {}),
    ...(args.usDates ? { dateStyle: "en-US" as const } : {}),
  };
}

/** What draft_deal and redline_deals render with: the catalogue, the formats asked for (each once), the fonts when a PDF is among them, and the document options. */
function renderOptions(args: Omit<DraftDealArgs, "deal">, setup: ToolSetup): PrepareOptions & { readonly formats: Format[]; readonly fonts?: FontSet } {
  const formats = [...new Set(args.formats ?? DEFAULT_FORMATS)];
  return { catalog: setup.catalog, formats, ...(formats.includes("pdf") ? { fonts: setup.fonts } : {}), ...documentOptions(args) };
}

const problemsOf = (problems: readonly Problem[], argument?: string): ToolProblem[] => problems.map((p) => toolProblem(p, argument));

/** The result of a draft or redline once its files are delivered. */
function delivered(delivery: Delivery, problems: readonly ToolProblem[], extra: Record<string, unknown>): CallToolResult {
  return success(
    {
      ok: true,
      problems: [...problems, ...delivery.warnings],
      ...extra,
      files: delivery.files,
      ...(delivery.dir !== undefined ? { dir: delivery.dir } : {}),
    },
    delivery.resources,
  );
}

const listClausesTool = defineTool({
  name: "list_clauses",
  title: "List clauses",
  description:
    "Lists the clause catalogue the server drafts with (the built-in CRM SaaS pack and any packs the user loaded): each clause's id, category, titles in English and Chinese, variants, the deal fields it reads and its pack; and the agreement layout ids.",
  args: listClausesArgs,
  result: listClausesResult,
  annotations: READ_ONLY,
  run: async (_args, setup) => success({ ok: true, problems: [], clauses: listClauses(setup.catalog), agreements: [...setup.catalog.agreements.keys()] }),
});

const dealSchemaTool = defineTool({
  name: "deal_schema",
  title: "Deal sheet JSON Schema",
  description:
    "Returns the JSON Schema (draft 2020-12) of a deal sheet, with the fields of the loaded packs under extensions. Build the deal argument of check_deal, draft_deal and redline_deals to this schema.",
  args: dealSchemaArgs,
  result: dealSchemaResult,
  annotations: READ_ONLY,
  run: async (_args, setup) => success({ ok: true, problems: [], schema: dealJsonSchema(setup.catalog) }),
});

const checkDealTool = defineTool({
  name: "check_deal",
  title: "Check a deal",
  description:
    "Validates a deal against the deal schema and runs every check rule on it and on the agreement it would draft (with the same options as draft_deal). Returns ok (no errors) and the problems, each with code, severity, message (English and Chinese), data path and hint. An invalid deal is a tool error (isError) with the same problems.",
  args: checkDealArgs,
  result: checkDealResult,
  annotations: READ_ONLY,
  run: async (args, setup) => {
    const given = readDealArgument(args.deal, "deal", setup.catalog);
    const result = checkDeal(given.deal, { catalog: setup.catalog, ...documentOptions(args) });
    const findings = result.problems.map(toProblem);
    const problems = [...problemsOf(given.where ? located(findings, given.where) : findings), ...problemsOf(given.warnings, "deal")];
    return success({ ok: result.ok, problems });
  },
});

const draftDealTool = defineTool({
  name: "draft_deal",
  title: "Draft an agreement",
  description: `Drafts the agreement for a deal (checked as check_deal does: check errors stop it) in the formats asked for (${FORMATS.join(", ")}; default ${DEFAULT_FORMATS.join(", ")}). With dir (an absolute folder inside an output root the user allowed), the files are written there atomically, named from the agreement reference; without dir they come back as embedded resources. Problems come back as a tool error with code, path, message and hint.`,
  args: draftDealArgs,
  result: draftDealResult,
  annotations: WRITES,
  run: async (args, setup) => {
    const given = readDealArgument(args.deal, "deal", setup.catalog);
    const result = await draft(given.deal, renderOptions(args, setup)).catch(rethrowLocated(given.where));
    const reference = result.deal.agreement.reference;
    const out = await deliver(draftedFiles(fileNameOfReference(reference), result), args.dir, args.overwrite ?? false, setup);
    if (!out.ok) return refusal(out.problems);
    const warnings = given.where ? located(result.warnings, given.where) : result.warnings;
    return delivered(out.delivery, [...problemsOf(given.warnings, "deal"), ...problemsOf(warnings)], { reference });
  },
});

const redlineDealsTool = defineTool({
  name: "redline_deals",
  title: "Redline two deals",
  description:
    "Drafts the deal and a base (the previous round's deal, or \"standard\" for the catalogue's standard terms) and returns the deal's agreement with every difference marked: DOCX with tracked changes, PDF, Markdown and HTML with the changes drawn; and the deviation report (clause by clause and value by value). Files are written to dir or returned as resources, as for draft_deal (named from the reference, with -redline).",
  args: redlineDealsArgs,
  result: redlineDealsResult,
  annotations: WRITES,
  run: async (args, setup) => {
    const next = readDealArgument(args.deal, "deal", setup.catalog);
    const base = args.base === STANDARD ? undefined : readDealArgument(args.base, "base", setup.catalog);
    const result = await redline(base?.deal ?? STANDARD, next.deal, {
      ...renderOptions(args, setup),
      baseName: base ? "base" : STANDARD,
      ...(args.author !== undefined ? { author: args.author } : {}),
    }).catch(rethrowLocated(next.where));
    const reference = result.next.deal.agreement.reference;
    const out = await deliver(draftedFiles(`${fileNameOfReference(reference)}-redline`, result), args.dir, args.overwrite ?? false, setup);
    if (!out.ok) return refusal(out.problems);
    const warnings = next.where ? located(result.next.warnings, next.where) : result.next.warnings;
    const sheetWarnings = [...problemsOf(next.warnings, "deal"), ...problemsOf(base?.warnings ?? [], "base")];
    return delivered(out.delivery, [...sheetWarnings, ...problemsOf(warnings)], { reference, changes: result.report.changes, report: result.report });
  },
});

/** Every tool of the server, in the order they are listed. */
export const TOOLS: readonly ToolDefinition[] = [listClausesTool, dealSchemaTool, checkDealTool, draftDealTool, redlineDealsTool];
