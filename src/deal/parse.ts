import { isEngineProblemCode, type EngineProblemCode } from "../errors/codes.js";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { ClausewrightError } from "../errors/error.js";
import { formatPath, type Problem } from "../errors/problem.js";
import { findTooDeep, measureValue, yamlNestingPastLimit } from "./depth.js";
import { MAX_DEAL_TEXT, MAX_NESTING_DEPTH, MAX_REPORTED_PROBLEMS, MAX_YAML_ALIAS_COUNT } from "./limits.js";
import { jsonHasDuplicateKeys } from "./json-duplicate-keys.js";
import { locateInJson } from "./json-locate.js";
import { locate } from "./locate.js";
import { trailingCommentTraps } from "./yaml-traps.js";
import { dealSheetSchema, type Deal } from "./schema.js";
import { checkDealText, decodeDealBytes } from "./text-input.js";

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
  // A number over two limits (1e308 for a count: the safe-integer range and the field's own maximum) is reported once, at the lower.
  const lowestMax = new Map<string, number>();
  for (const issue of issues) {
    if (issue.code !== "too_big") continue;
    const key = JSON.stringify(issue.path.map(String));
    lowestMax.set(key, Math.min(lowestMax.get(key) ?? Number.POSITIVE_INFINITY, Number(issue.maximum)));
  }
  for (const issue of issues) {
    if (issue.code === "too_big" && Number(issue.maximum) > (lowestMax.get(JSON.stringify(issue.path.map(String))) ?? Number.POSITIVE_INFINITY)) continue;
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
    const params = issue.code === "custom" ? (issue.params as { cw?: string; hint?: string } | undefined) : undefined;
    const custom = params?.cw;
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
    } else if (issue.code === "too_big") {
      code = "DEAL_TOO_BIG";
      const sized = sizeMessage(where, issue);
      message = sized?.en ?? `${where}: ${issue.message}`;
      if (sized) messageZh = sized.zh;
    } else if (issue.code === "too_small") {
      code = "DEAL_TOO_SMALL";
      message = `${where}: ${issue.message}`;
    } else if (issue.code === "invalid_format") {
      code = "DEAL_INVALID_FORMAT";
      message = `${where}: ${issue.message}`;
    } else if (issue.code === "invalid_value" || issue.code === "invalid_union") {
      message = `${where}: ${issue.message}`;
    } else if (custom) {
      message = `${where}: ${issue.message}`;
    }
    const p: Problem = { code, severity: "error", path, message, ...(messageZh ? { messageZh } : {}), ...(params?.hint ? { hint: params.hint } : {}) };
    problems.push(p);
  }
  return problems;
}

/**
 * The message of a value over a limit, naming the limit and the actual size
 * (zod's own names only the limit). A limit with its own message keeps it, with
 * the actual value after it.
 */
function sizeMessage(where: string, issue: z.core.$ZodIssueTooBig): { en: string; zh: string } | undefined {
  const input = (issue as { input?: unknown }).input;
  const max = String(issue.maximum);
  const own = issue.message.startsWith("Too big") ? undefined : issue.message;
  if (typeof input === "string") {
    return {
      en: own ? `${where}: ${own} (it is ${input.length} characters long)` : `${where} is ${input.length} characters long; the limit is ${max}`,
      zh: `${where} 长度为 ${input.length} 个字符,上限为 ${max}`,
    };
  }
  if (Array.isArray(input)) {
    return {
      en: own ? `${where}: ${own} (it has ${input.length})` : `${where} has ${input.length} items; the limit is ${max}`,
      zh: `${where} 有 ${input.length} 项,上限为 ${max} 项`,
    };
  }
  if (typeof input === "number" || typeof input === "bigint") {
    return {
      en: own ? `${where}: ${own} (got ${String(input)})` : `${where} is ${String(input)}; the maximum is ${max}`,
      zh: `${where} 为 ${String(input)},最大值为 ${max}`,
    };
  }
  return undefined;
}

/** Keeps at most {@link MAX_REPORTED_PROBLEMS} problems, and says how many more there were. */
function capProblems(problems: readonly Problem[]): Problem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return [...problems];
  const more = problems.length - MAX_REPORTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_REPORTED_PROBLEMS),
    {
      code: "DEAL_TOO_MANY_PROBLEMS",
      severity: "error",
      path: [],
      message: `${more.toLocaleString("en-US")} more problems were found and are not shown (the first ${MAX_REPORTED_PROBLEMS} are)`,
      messageZh: `另有 ${more} 个问题未显示(只显示前 ${MAX_REPORTED_PROBLEMS} 个)`,
    },
  ];
}

/**
 * Validates a deal object (already parsed from YAML or JSON, or built in code).
 * Every problem is reported at once; throws a {@link ClausewrightError}.
 */
export function validateDeal(input: unknown, catalog?: DealSchemaSource): Deal {
  return validateWithLocations(input, undefined, catalog);
}

/** Where a deal's values are in its text, asked only when a problem needs a position. */
interface Located {
  readonly file?: string;
  readonly position: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

function validateWithLocations(input: unknown, located: Located | undefined, catalog: DealSchemaSource | undefined): Deal {
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
  const fileInfo = located?.file ? { file: located.file } : {};
  // Before zod, a generous bound: a value zod would spend long on (a string of a gigabyte, a cycle)
  // is refused at once. After it, the exact one: a field over its own limit is reported as that.
  throwIfTooBig(input, fileInfo, PRECHECK_TEXT_FACTOR * MAX_DEAL_TEXT);
  const schema: z.ZodType<Deal> = catalog?.dealSchema ?? (dealSheetSchema as unknown as z.ZodType<Deal>);
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) {
    throwIfTooBig(result.data, fileInfo, MAX_DEAL_TEXT);
    return result.data;
  }
  const problems = capProblems(issuesToProblems(result.error.issues)).map((p): Problem => {
    if (!located) return p;
    const pos = located.position(p.path ?? []);
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
 * deal and the warnings (see {@link ParsedDealSheet}). Bytes are decoded as
 * UTF-8, strictly (`DEAL_NOT_UTF8` names the first bad byte); a byte-order mark
 * is dropped; a sheet over {@link MAX_DEAL_BYTES} is `DEAL_FILE_TOO_LARGE`.
 * Syntax errors name the line and column; a key given twice is an error
 * (`DEAL_DUPLICATE_KEY`, with its path), in JSON as in YAML; nesting deeper than
 * {@link MAX_NESTING_DEPTH} is `DEAL_NESTING_TOO_DEEP` and a YAML alias bomb
 * `DEAL_YAML_ALIAS_LIMIT`; validation problems name the data path and, where
 * the field exists in the text, its line and column.
 */
export function parseDealSheet(source: string | Uint8Array, from: DealSource = {}): ParsedDealSheet {
  const file = from.file;
  const fileInfo = file ? { file } : {};
  const text = typeof source === "string" ? checkDealText(source, file) : decodeDealBytes(source, file);
  if (text.trim() === "") {
    throw new ClausewrightError([{ code: "DEAL_EMPTY", severity: "error", path: [], message: "The deal sheet is empty", messageZh: "交易单为空", ...fileInfo }]);
  }
  const format = from.format ?? (file?.toLowerCase().endsWith(".json") ? "json" : "yaml");
  if (format === "json") {
    let value: unknown;
    try {
      // V8's JSON.parse is not recursive: any depth parses, and the depth check below refuses it.
      value = JSON.parse(text);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(msg);
      const at = pos ? lineColAt(text, Number(pos[1])) : undefined;
      throw new ClausewrightError([{ code: "DEAL_JSON_SYNTAX", severity: "error", path: [], message: `Invalid JSON: ${msg}`, ...fileInfo, ...(at ?? {}) }]);
    }
    throwIfTooBig(value, fileInfo, PRECHECK_TEXT_FACTOR * MAX_DEAL_TEXT);
    // A key given twice (JSON.parse silently keeps the last one) is found by a scan of the text,
    // and placed by the YAML parser (JSON is YAML) only when there is one; positions of what
    // validation refuses come from a scan too. The YAML parser would cost about ten times
    // JSON.parse and validation together (0.8 of 0.9 ms a deal), which a batch of valid JSON
    // Lines deals would pay for nothing.
    if (jsonHasDuplicateKeys(text)) {
      const lines = new LineCounter();
      throwDuplicateKeys(parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false }), lines, fileInfo);
    }
    const located: Located = { ...fileInfo, position: (path) => locateInJson(text, path) };
    return { deal: validateWithLocations(value, located, from.catalog), warnings: [] };
  }
  // The parser slows down sharply with nesting, so a linear estimate refuses deep text before it
  // runs (at twice the limit: the estimate can be low by half), and the parsed document is then
  // measured exactly.
  const past = yamlNestingPastLimit(text, 2 * MAX_NESTING_DEPTH);
  if (past !== undefined) throw new ClausewrightError([tooDeepProblem([], fileInfo, lineColAt(text, past))]);
  const lines = new LineCounter();
  // The yaml package's own duplicate check compares each key with every earlier one (80,000 keys:
  // two minutes); duplicateKeys finds them in linear time.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  throwTooDeep(doc, lines, fileInfo);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e): Problem => {
      const lp = lines.linePos(e.pos[0]);
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
    const [first, ...rest] = capProblems(problems);
    if (first) throw new ClausewrightError([first, ...rest]);
  }
  throwDuplicateKeys(doc, lines, fileInfo);
  const value = toJsValue(doc, fileInfo);
  const deal = validateWithLocations(value, { ...fileInfo, position: (path) => locate(doc, lines, path) }, from.catalog);
  return { deal, warnings: trailingCommentTraps(doc, text, lines, file) };
}

/** How much more text than {@link MAX_DEAL_TEXT} a deal may hold before validation looks at it (see validateWithLocations). */
const PRECHECK_TEXT_FACTOR = 16;

/**
 * `DEAL_NESTING_TOO_DEEP` or `DEAL_FILE_TOO_LARGE` for a deal value (parsed, or
 * built in code) that nests deeper than {@link MAX_NESTING_DEPTH} or holds more
 * than `maxText` characters: checked before zod or anything recursive reads
 * it, so a cyclic or huge object is a problem too.
 */
function throwIfTooBig(value: unknown, fileInfo: { file?: string }, maxText: number): void {
  const found = measureValue(value, MAX_NESTING_DEPTH, maxText);
  if (!found) return;
  if ("tooDeep" in found) throw new ClausewrightError([tooDeepProblem(found.tooDeep, fileInfo, {})]);
  throw new ClausewrightError([
    {
      code: "DEAL_FILE_TOO_LARGE",
      severity: "error",
      path: [],
      ...fileInfo,
      message: `The deal holds more than ${MAX_DEAL_TEXT.toLocaleString("en-US")} characters of text (keys and values, with YAML aliases expanded); the limit is ${MAX_DEAL_TEXT.toLocaleString("en-US")}`,
      messageZh: `交易单的文本(键与值,YAML 别名展开后)超过 ${MAX_DEAL_TEXT} 个字符`,
    },
  ]);
}

/** `DEAL_NESTING_TOO_DEEP` when the document nests deeper than {@link MAX_NESTING_DEPTH}, at the first place it does. */
function throwTooDeep(doc: Document, lines: LineCounter, fileInfo: { file?: string }): void {
  const deep = findTooDeep(doc.contents, MAX_NESTING_DEPTH);
  // The yaml package reports a stack overflow while composing as RESOURCE_EXHAUSTION: nesting too, found before the depth check.
  const exhausted = doc.errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
  if (!deep && !exhausted) return;
  const offset = deep?.node.range?.[0] ?? exhausted?.pos[0];
  const lp = offset !== undefined ? lines.linePos(offset) : undefined;
  throw new ClausewrightError([tooDeepProblem(deep?.path ?? [], fileInfo, lp ? { line: lp.line, column: lp.col } : {})]);
}

function tooDeepProblem(path: readonly (string | number)[], fileInfo: { file?: string }, at: { line?: number; column?: number }): Problem {
  const where = formatPath(path);
  return {
    code: "DEAL_NESTING_TOO_DEEP",
    severity: "error",
    path,
    message: `The deal sheet nests lists and mappings more than ${MAX_NESTING_DEPTH} levels deep${where ? ` (at ${where})` : ""}; no field of a deal needs that many`,
    messageZh: `交易单中列表与映射的嵌套超过 ${MAX_NESTING_DEPTH} 层`,
    ...fileInfo,
    ...at,
  };
}

/**
 * The document as plain data. The yaml package throws a ReferenceError for an
 * alias bomb (more than {@link MAX_YAML_ALIAS_COUNT} alias expansions) and an
 * alias without its anchor; both are problems in the text, not bugs. A stack
 * overflow (nesting through aliases) is too.
 */
function toJsValue(doc: Document, fileInfo: { file?: string }): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof RangeError) throw new ClausewrightError([tooDeepProblem([], fileInfo, {})], { cause: err });
    if (!(err instanceof ReferenceError)) throw err;
    const bomb = /excessive alias count/i.test(err.message);
    throw new ClausewrightError(
      [
        bomb
          ? {
              code: "DEAL_YAML_ALIAS_LIMIT",
              severity: "error",
              path: [],
              message: `The deal sheet expands YAML aliases (*name) more than ${MAX_YAML_ALIAS_COUNT} times`,
              messageZh: `交易单中 YAML 别名(*name)展开超过 ${MAX_YAML_ALIAS_COUNT} 次`,
              hint: "Write the repeated values out, or reuse an anchor fewer times; nested aliases multiply.",
              ...fileInfo,
            }
          : { code: "DEAL_YAML_SYNTAX", severity: "error", path: [], message: `YAML syntax error: ${err.message}`, messageZh: "YAML 语法错误", ...fileInfo },
      ],
      { cause: err },
    );
  }
}

/**
 * Parses and validates a deal sheet from YAML or JSON text (see
 * {@link parseDealSheet}, which also returns the warnings). Warnings go to
 * `from.onWarning` when given; otherwise they are dropped.
 */
export function parseDeal(source: string | Uint8Array, from: DealSource & { readonly onWarning?: (warning: Problem) => void } = {}): Deal {
  const { deal, warnings } = parseDealSheet(source, from);
  if (from.onWarning) for (const w of warnings) from.onWarning(w);
  return deal;
}

function throwDuplicateKeys(doc: Document, lines: LineCounter, fileInfo: { file?: string }): void {
  const [first, ...rest] = capProblems(duplicateKeys(doc.contents).map((d) => duplicateKey(d.path, lines, d.offset, fileInfo)));
  if (first) throw new ClausewrightError([first, ...rest]);
}

/**
 * Every key given a second time in a mapping, with its data path and the
 * offset of the repeat. Scalar keys are the same when their values are (as
 * the yaml package compares them: `1` and `"1"` differ); collection keys are
 * not compared (no deal field has one). Linear in the size of the document;
 * recursive, so it runs only after the depth check.
 */
export function duplicateKeys(root: unknown): { path: (string | number)[]; offset: number }[] {
  const found: { path: (string | number)[]; offset: number }[] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key : undefined;
        const name = key && (typeof key.value === "string" || typeof key.value === "number") ? key.value : undefined;
        if (key && seen.has(key.value) && key.range) found.push({ path: [...path, name ?? String(key.value)], offset: key.range[0] });
        if (key) seen.add(key.value);
        if (name !== undefined) walk(pair.value, [...path, name]);
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item, [...path, i]);
    }
  };
  walk(root, []);
  return found;
}

/** A key given twice, at the second one: its data path, line and column. */
function duplicateKey(path: readonly (string | number)[], lines: LineCounter, offset: number, fileInfo: { file?: string }): Problem {
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

function lineColAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
