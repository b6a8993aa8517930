import Handlebars from "handlebars";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { createHelpers, type HelperContext } from "./helpers.js";
import { precompiledFor, type PrecompiledTemplate } from "./precompiled.js";
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
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn as Handlebars.HelperDelegate);
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
      const line = /line (\d+)/.exec(msg);
      const hashLoc = (err as { hash?: { loc?: { first_column?: number } } }).hash?.loc;
      problems.push({
        code: "TEMPLATE_SYNTAX",
        severity: "error",
        file,
        clause,
        ...(line ? { line: Number(line[1]) } : {}),
        ...(hashLoc?.first_column !== undefined ? { column: hashLoc.first_column + 1 } : {}),
        message: `Template syntax error: ${msg.split("\n").slice(-1)[0] ?? msg}`,
      });
      return { problems };
    }
    const result = transformTemplate(ast as unknown as Parameters<typeof transformTemplate>[0], this.helperNames);
    for (const issue of result.issues) {
      problems.push({ code: issue.code, severity: "error", file, clause, line: issue.line, column: issue.column, message: issue.message });
    }
    if (problems.length > 0) return { problems };
    const fn = this.hb.compile(ast, COMPILE_OPTIONS);
    const template: CompiledTemplate = {
      file,
      source,
      reads: result.reads,
      comparisons: result.comparisons,
      refs: result.refs,
      render(context: object, state: RenderState): string {
        return fn(context, { data: { cw: state } });
      },
    };
    return { template, problems };
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
    const fn = this.hb.template(pre.spec as Parameters<typeof Handlebars.template>[0]) as (context: object, options: { data: object }) => string;
    return {
      file,
      source,
      reads: pre.reads,
      comparisons: pre.comparisons,
      refs: pre.refs,
      render(context: object, state: RenderState): string {
        return fn(context, { data: { cw: state } });
      },
    };
  }
}

/** How every template compiles, at run time and at build time alike. */
const COMPILE_OPTIONS = { noEscape: true, strict: false, data: true, knownHelpersOnly: false } as const;

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
