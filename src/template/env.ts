import Handlebars from "handlebars";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { createHelpers, type HelperContext } from "./helpers.js";
import { precompiledFor, type PrecompiledTemplate } from "./precompiled.js";
import { ClausewrightError } from "../errors/error.js";
import { chargeWork, newTemplateWork, type TemplateWork, type WorkSite } from "./budget.js";
import type { TokenTable } from "./tokens.js";
import { transformTemplate, type Comparison, type ReadPath } from "./transform.js";

/** What a render needs besides the data: the language and where the template lives (for messages). */
export interface RenderTarget {
  readonly lang: Lang;
  readonly clause: string;
  readonly file: string;
}

/**
 * A deal value a template printed through a formatting helper, and where it
 * came from: value provenance, so document rules can see that one deal field
 * is stated in two clauses. Never part of the rendered text.
 */
export interface PrintedValue {
  /** The helper that printed it. */
  readonly helper: "period" | "money" | "moneyWords" | "date" | "count" | "numeral";
  /** The data path, with list indexes filled in ("data.deletionDays", "computed.fees.lines[2].amount"). */
  readonly path: string;
}

/** Per-render state, passed to helpers through Handlebars' `@data` (never global). */
export interface RenderState extends RenderTarget, HelperContext {
  readonly table: TokenTable;
  /**
   * The work counter of the document this render belongs to, shared by all its templates (see
   * TEMPLATE_BUDGET); a render without one gets its own.
   */
  readonly work?: TemplateWork;
  /** When given, collects every deal value printed through `period`, `money`, `moneyWords` or `date`, with its path. */
  readonly printed?: PrintedValue[];
}

/** A compiled clause template. */
export interface CompiledTemplate {
  readonly file: string;
  readonly source: string;
  readonly reads: readonly ReadPath[];
  /** Data paths compared with a literal (`eq` / `ne`), for checking the literal against the deal schema. */
  readonly comparisons: readonly Comparison[];
  readonly refs: readonly { readonly id: string; readonly line: number; readonly column: number }[];
  /** Renders to markup text with placeholders, filling `table` with the printed values. */
  render(context: object, state: RenderState): string;
}

/** Result of compiling a template: the template when it compiled, and every problem found. */
export interface CompileResult {
  readonly template?: CompiledTemplate;
  readonly problems: readonly Problem[];
}

/**
 * A Handlebars environment owned by one catalogue (never the global one), with
 * our helpers registered, prototype access left off, and every template
 * rewritten for safe, strict insertion.
 */
export class TemplateEnvironment {
  private readonly hb: typeof Handlebars;
  private readonly helperNames: ReadonlySet<string>;

  constructor() {
    this.hb = Handlebars.create();
    const helpers = createHelpers();
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, counted(fn, name === "__v", name));
    // The built-in block helpers are counted too; `each` per iteration, with the text each writes.
    for (const name of ["if", "unless", "with"] as const) this.hb.registerHelper(name, counted(this.hb.helpers[name] as (...args: unknown[]) => unknown, false, name));
    this.hb.registerHelper("each", countedEach(this.hb.helpers["each"] as (...args: unknown[]) => unknown));
    this.helperNames = new Set([...Object.keys(helpers), "if", "unless", "each", "with"]);
  }

  /** Parses, checks and compiles a template. Problems carry file:line:column. */
  compile(source: string, file: string, clause: string): CompileResult {
    const pre = precompiledFor(source);
    if (pre) return { template: this.fromSpec(pre, source, file), problems: [] };
    const problems: Problem[] = [];
    const priv = /[\uE000-\uF8FF]/.exec(source);
    if (priv) {
      const at = lineCol(source, priv.index);
      problems.push({ code: "TEMPLATE_PRIVATE_USE_CHARACTER", severity: "error", file, clause, ...at, message: "Templates must not contain private-use characters" });
      return { problems };
    }
    let ast: hbs.AST.Program;
    try {
      ast = this.hb.parse(source);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      problems.push({
        code: "TEMPLATE_SYNTAX",
        severity: "error",
        file,
        clause,
        ...syntaxErrorPosition(this.hb, err, msg),
        message: `Template syntax error: ${msg.split("\n").slice(-1)[0] ?? msg}`,
      });
      return { problems };
    }
    const result = transformTemplate(ast as unknown as Parameters<typeof transformTemplate>[0], this.helperNames);
    for (const issue of result.issues) {
      problems.push({ code: issue.code, severity: "error", file, clause, line: issue.line, column: issue.column, message: issue.message });
    }
    if (problems.length > 0) return { problems };
    return { template: compiledTemplate(this.hb.compile(ast, COMPILE_OPTIONS), source, file, result), problems };
  }

  /**
   * What {@link compile} finds for a template that compiles without problems, with the Handlebars
   * template as JavaScript source (`Handlebars.precompile`), for the build to write into a module;
   * undefined when the template has problems.
   */
  precompile(source: string): { readonly reads: readonly ReadPath[]; readonly comparisons: readonly Comparison[]; readonly refs: PrecompiledTemplate["refs"]; readonly spec: string } | undefined {
    if (/[\uE000-\uF8FF]/.test(source)) return undefined;
    const ast = this.hb.parse(source);
    const result = transformTemplate(ast as unknown as Parameters<typeof transformTemplate>[0], this.helperNames);
    if (result.issues.length > 0) return undefined;
    const spec = this.hb.precompile(ast, COMPILE_OPTIONS) as unknown as string;
    return { reads: result.reads, comparisons: result.comparisons, refs: result.refs, spec };
  }

  private fromSpec(pre: PrecompiledTemplate, source: string, file: string): CompiledTemplate {
    return compiledTemplate(this.hb.template(pre.spec as Parameters<typeof Handlebars.template>[0]) as TemplateFn, source, file, pre);
  }
}

/** A helper's Handlebars options, as far as the counting needs them. */
interface CountedOptions {
  readonly data?: { readonly cw?: RenderState };
  readonly hash?: Record<string, unknown>;
  readonly fn?: (context: unknown, options?: unknown) => string;
}

function siteOf(state: RenderState, options: CountedOptions | undefined): WorkSite {
  const line = options?.hash?.["__l"];
  return { clause: state.clause, file: state.file, line: typeof line === "number" ? line : undefined };
}

/** Characters a printed value adds to the document (a string, or both languages of a local text). */
function valueChars(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value !== null && typeof value === "object") {
    const v = value as { en?: unknown; zh?: unknown };
    return (typeof v.en === "string" ? v.en.length : 0) + (typeof v.zh === "string" ? v.zh.length : 0);
  }
  return 0;
}

/**
 * A helper that charges one step per call (and, for `__v`, the characters of the value it prints),
 * and whose failures are always problems: a pack may call any helper with any arguments
 * (`{{count}}`, `{{period 3}}`), and a helper that meets arguments it cannot use must not end the
 * process with an internal error.
 */
function counted(fn: (...args: unknown[]) => unknown, printsValue: boolean, name: string): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]): unknown {
    const options = args[args.length - 1] as CountedOptions | undefined;
    const state = options?.data?.cw;
    if (state?.work) chargeWork(state.work, 1, printsValue ? valueChars(args[0]) : 0, siteOf(state, options));
    try {
      return fn.apply(this, args);
    } catch (err) {
      if (ClausewrightError.is(err) || !state) throw err;
      const site = siteOf(state, options);
      throw new ClausewrightError([
        {
          code: "TEMPLATE_BAD_ARGUMENT",
          severity: "error",
          clause: site.clause,
          file: site.file,
          ...(site.line ? { line: site.line } : {}),
          message: `{{${name}}} cannot use the arguments it was given (${args.length - 1} argument(s)); see the helper list in docs/clause-packs.md`,
        },
      ]);
    }
  };
}

/** Handlebars' `each`, charging a step and the text written for every iteration. */
function countedEach(each: (...args: unknown[]) => unknown): Handlebars.HelperDelegate {
  return function (this: unknown, context: unknown, options: CountedOptions): unknown {
    const state = options.data?.cw;
    const inner = options.fn;
    if (!state?.work || !inner) return each.call(this, context, options);
    const work = state.work;
    const site = siteOf(state, options);
    const fn = (ctx: unknown, opts?: unknown): string => {
      chargeWork(work, 1, 0, site);
      const out = inner(ctx, opts);
      chargeWork(work, 0, out.length, site);
      return out;
    };
    return each.call(this, context, { ...options, fn });
  };
}

/** A Handlebars template function as our templates call it. */
type TemplateFn = (context: object, options: { data: object }) => string;

/** A compiled template from its Handlebars function and what the transform found, compiled now or at build time alike. */
function compiledTemplate(fn: TemplateFn, source: string, file: string, found: Pick<CompiledTemplate, "reads" | "comparisons" | "refs">): CompiledTemplate {
  return { file, source, reads: found.reads, comparisons: found.comparisons, refs: found.refs, render: (context, state) => renderCounted(fn, context, state) };
}

/** Renders with the document's work counter (or a fresh one), charging the text the template writes. */
function renderCounted(fn: TemplateFn, context: object, state: RenderState): string {
  const work = state.work ?? newTemplateWork();
  const out = fn(context, { data: { cw: state.work ? state : { ...state, work } } });
  chargeWork(work, 0, out.length, { clause: state.clause, file: state.file });
  return out;
}

/** How every template compiles, at run time and at build time alike. */
const COMPILE_OPTIONS = { noEscape: true, strict: false, data: true, knownHelpersOnly: false } as const;

/**
 * Where a Handlebars parse failed, 1-based. A mismatched block ("if doesn't match each") is an
 * exception that carries the position of the opening block; a grammar error only names the line in
 * its text, but the parser's lexer (one per Handlebars module, and parsing is synchronous) still
 * holds the location of the token it stopped at.
 */
function syntaxErrorPosition(hb: typeof Handlebars, err: unknown, msg: string): { line?: number; column?: number } {
  const ex = err as { lineNumber?: unknown; column?: unknown };
  if (typeof ex.lineNumber === "number") return { line: ex.lineNumber, ...(typeof ex.column === "number" ? { column: ex.column + 1 } : {}) };
  const line = /line (\d+)/.exec(msg);
  if (!line) return {};
  const at = (hb as unknown as { Parser?: { lexer?: { yylloc?: { first_line?: unknown; first_column?: unknown } } } }).Parser?.lexer?.yylloc;
  const column = at && at.first_line === Number(line[1]) && typeof at.first_column === "number" ? { column: at.first_column + 1 } : {};
  return { line: Number(line[1]), ...column };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
