import { isEngineProblemCode, type EngineProblemCode } from "../errors/codes.js";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { ClausewrightError } from "../errors/error.js";
import { formatPath, type Problem } from "../errors/problem.js";
import { locate } from "./locate.js";
import { trailingCommentTraps } from "./yaml-traps.js";
import { dealSheetSchema, type Deal } from "./schema.js";

/** Where a deal sheet's text came from, for messages. */
export interface DealSource {
  /** File name shown in messages. */
  readonly file?: string;
  /** Force a format; by default `.json` files are JSON and everything else YAML. */
  readonly format?: "yaml" | "json";
  /**
   * The catalogue whose schema applies (with its packs' fields under
   * `extensions.<pack>`); default the built-in schema.
   */
  readonly catalog?: DealSchemaSource | undefined;
}

/** Anything that carries a deal-sheet schema: a {@link Catalog} does. */
export interface DealSchemaSource {
  readonly dealSchema: z.ZodType<Deal>;
}

const zhLocale = z.locales.zhCN().localeError;

function zhMessage(issue: z.core.$ZodIssue): string | undefined {
  const out = zhLocale(issue as unknown as Parameters<typeof zhLocale>[0]);
  if (typeof out === "string") return out;
  return out?.message;
}

/** Turns zod issues into problems with our codes, one per problem (an unknown-keys issue becomes one per key). */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const where = formatPath(path) || "the deal sheet";
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({
          code: "DEAL_UNKNOWN_FIELD",
          severity: "error",
          path: [...path, key],
          message: `Unknown field "${key}" in ${where}`,
          messageZh: `${where} 中有未知字段 "${key}"`,
          hint: "Check the spelling against `clausewright schema`.",
        });
      }
      continue;
    }
    const custom = issue.code === "custom" ? (issue.params as { cw?: string } | undefined)?.cw : undefined;
    // A schema refinement names its code in `params.cw`; an unknown name would be a bug in the schema.
    let code: EngineProblemCode = custom !== undefined && isEngineProblemCode(custom) ? custom : "DEAL_INVALID_VALUE";
    let message = issue.message;
    let messageZh = custom ? undefined : zhMessage(issue);
    // A missing localText field fails every branch of its union; report it as missing, not invalid.
    const missingUnion = issue.code === "invalid_union" && (issue as { input?: unknown }).input === undefined && "errors" in issue && issue.errors.length > 0;
    if (issue.code === "invalid_type" || missingUnion) {
      if ((issue as { input?: unknown }).input === undefined) {
        code = "DEAL_MISSING_FIELD";
        message = `Missing required field ${where}`;
        messageZh = `缺少必填字段 ${where}`;
      } else {
        code = "DEAL_INVALID_TYPE";
        message = `${where}: expected ${issue.code === "invalid_type" ? issue.expected : "a valid value"}`;
      }
    } else if (issue.code === "too_small" || issue.code === "too_big") {
      code = issue.code === "too_small" ? "DEAL_TOO_SMALL" : "DEAL_TOO_BIG";
      message = `${where}: ${issue.message}`;
    } else if (issue.code === "invalid_format") {
      code = "DEAL_INVALID_FORMAT";
      message = `${where}: ${issue.message}`;
    } else if (issue.code === "invalid_value" || issue.code === "invalid_union") {
      message = `${where}: ${issue.message}`;
    } else if (custom) {
      message = `${where}: ${issue.message}`;
    }
    const p: Problem = { code, severity: "error", path, message, ...(messageZh ? { messageZh } : {}) };
    problems.push(p);
  }
  return problems;
}

/**
 * Validates a deal object (already parsed from YAML or JSON, or built in code).
 * Every problem is reported at once; throws a {@link ClausewrightError}.
 */
export function validateDeal(input: unknown, catalog?: DealSchemaSource): Deal {
  return validateWithLocations(input, undefined, catalog);
}

function validateWithLocations(input: unknown, located: { doc: Document; lines: LineCounter; file?: string } | undefined, catalog: DealSchemaSource | undefined): Deal {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ClausewrightError([
      {
        code: "DEAL_NOT_A_MAPPING",
        severity: "error",
        path: [],
        message: `The deal sheet must be a mapping of fields (got ${input === null ? "null" : Array.isArray(input) ? "a list" : typeof input})`,
        messageZh: "交易单必须是字段映射(键值对)",
        ...(located?.file ? { file: located.file, line: 1, column: 1 } : {}),
      },
    ]);
  }
  const schema: z.ZodType<Deal> = catalog?.dealSchema ?? (dealSheetSchema as unknown as z.ZodType<Deal>);
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const problems = issuesToProblems(result.error.issues).map((p): Problem => {
    if (!located) return p;
    const pos = locate(located.doc, located.lines, p.path ?? []);
    return { ...p, ...(located.file ? { file: located.file } : {}), ...(pos ? { line: pos.line, column: pos.column } : {}) };
  });
  const [first, ...rest] = problems;
  if (!first) throw new Error("unreachable: failed parse without issues");
  throw new ClausewrightError([first, ...rest]);
}

/** A validated deal sheet and the warnings its text gave (see {@link parseDealSheet}). */
export interface ParsedDealSheet {
  readonly deal: Deal;
  /**
   * Problems that did not stop parsing but probably change what the deal says:
   * `DEAL_YAML_TRAILING_COMMENT` (a ` #` that cut a value short), each with the
   * data path, file, line and column.
   */
  readonly warnings: readonly Problem[];
}

/**
 * Parses and validates a deal sheet from YAML or JSON text, returning the
 * deal and the warnings (see {@link ParsedDealSheet}). Syntax errors name the
 * line and column; a key given twice is an error (`DEAL_DUPLICATE_KEY`, with
 * its path); validation problems name the data path and, where the field
 * exists in the text, its line and column.
 */
export function parseDealSheet(source: string, from: DealSource = {}): ParsedDealSheet {
  const file = from.file;
  const fileInfo = file ? { file } : {};
  if (source.trim() === "") {
    throw new ClausewrightError([{ code: "DEAL_EMPTY", severity: "error", path: [], message: "The deal sheet is empty", messageZh: "交易单为空", ...fileInfo }]);
  }
  const format = from.format ?? (file?.toLowerCase().endsWith(".json") ? "json" : "yaml");
  if (format === "json") {
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(msg);
      const at = pos ? lineColAt(source, Number(pos[1])) : undefined;
      throw new ClausewrightError([{ code: "DEAL_JSON_SYNTAX", severity: "error", path: [], message: `Invalid JSON: ${msg}`, ...fileInfo, ...(at ?? {}) }]);
    }
    // JSON is YAML, so the YAML parser gives us positions for validation messages,
    // and finds keys given twice (JSON.parse silently keeps the last one).
    const lines = new LineCounter();
    const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    throwDuplicateKeys(doc, lines, fileInfo);
    return { deal: validateWithLocations(value, { doc, lines, ...fileInfo }, from.catalog), warnings: [] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e): Problem => {
      const lp = lines.linePos(e.pos[0]);
      if (e.code === "DUPLICATE_KEY") return duplicateKey(doc, lines, e.pos[0], fileInfo);
      return {
        code: "DEAL_YAML_SYNTAX",
        severity: "error",
        path: [],
        message: `YAML syntax error: ${e.message.split("\n")[0] ?? e.message}`,
        messageZh: "YAML 语法错误",
        ...fileInfo,
        line: lp.line,
        column: lp.col,
      };
    });
    const [first, ...rest] = problems;
    if (first) throw new ClausewrightError([first, ...rest]);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const deal = validateWithLocations(value, { doc, lines, ...fileInfo }, from.catalog);
  return { deal, warnings: trailingCommentTraps(doc, source, lines, file) };
}

/**
 * Parses and validates a deal sheet from YAML or JSON text (see
 * {@link parseDealSheet}, which also returns the warnings). Warnings go to
 * `from.onWarning` when given; otherwise they are dropped.
 */
export function parseDeal(source: string, from: DealSource & { readonly onWarning?: (warning: Problem) => void } = {}): Deal {
  const { deal, warnings } = parseDealSheet(source, from);
  if (from.onWarning) for (const w of warnings) from.onWarning(w);
  return deal;
}

function throwDuplicateKeys(doc: Document, lines: LineCounter, fileInfo: { file?: string }): void {
  const [first, ...rest] = doc.errors.filter((e) => e.code === "DUPLICATE_KEY").map((e) => duplicateKey(doc, lines, e.pos[0], fileInfo));
  if (first) throw new ClausewrightError([first, ...rest]);
}

/** A key given twice, at the second one: its data path, line and column. */
function duplicateKey(doc: Document, lines: LineCounter, offset: number, fileInfo: { file?: string }): Problem {
  const path = pathOfKeyAt(doc.contents, offset, []) ?? [];
  const lp = lines.linePos(offset);
  const where = formatPath(path) || "the deal sheet";
  return {
    code: "DEAL_DUPLICATE_KEY",
    severity: "error",
    path,
    message: `${where} is given twice; YAML would keep only one of them`,
    messageZh: `${where} 出现了两次;YAML 只会保留其中一个`,
    hint: "Delete one of the two entries (or merge them).",
    ...fileInfo,
    line: lp.line,
    column: lp.col,
  };
}

/** The data path of the map key whose text starts at `offset`. */
function pathOfKeyAt(node: unknown, offset: number, path: (string | number)[]): (string | number)[] | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key : undefined;
      const name = key && (typeof key.value === "string" || typeof key.value === "number") ? key.value : undefined;
      if (key?.range?.[0] === offset && name !== undefined) return [...path, name];
      const inner = name !== undefined ? pathOfKeyAt(pair.value, offset, [...path, name]) : undefined;
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const inner = pathOfKeyAt(item, offset, [...path, i]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function lineColAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
