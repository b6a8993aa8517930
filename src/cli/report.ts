import type { DeviationReport } from "../redline/report.js";
import type { CheckProblem } from "../check/types.js";
import type { CompareReport } from "../compare/report.js";
import { formatPath, formatProblem, type Problem, type Severity } from "../errors/problem.js";
import type { Locator } from "../deal/sheet-positions.js";
import type { CommandContext } from "./context.js";

export type { Locator };

/** Exit codes, documented in the README ("The CLI"). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3, interrupted: 130 } as const;

/** One problem in the `--json` output of every command (docs/checks.md, "The `--json` shape"). */
export interface JsonProblem {
  /** A check's rule id ("P1"), else the problem code ("DEAL_INVALID_DATE", "OUTPUT_NOT_WRITABLE"). */
  readonly id: string;
  readonly severity: Severity;
  readonly message: { readonly en: string; readonly zh: string };
  /** Data path in the deal sheet ("fees.lines[3].currency"), or null. */
  readonly path: string | null;
  readonly hint: { readonly en: string; readonly zh: string } | null;
  /** The file the problem is in (deal sheet, pack file, output file), or null. */
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly clause: string | null;
}

/** What `draft`, `check`, `compare` and `pack check` print on stdout with `--json`: one object, nothing else. */
export interface JsonReport {
  /** True exactly when the exit code is 0. */
  readonly ok: boolean;
  readonly problems: readonly JsonProblem[];
  /** `draft` and `compare`: the files written, as `--out` joined with their names (`compare`: `--report`); empty when nothing was written. */
  readonly outputs?: readonly string[];
  /** `redline` only: the deviation report (see `DeviationReport`). */
  readonly report?: DeviationReport;
  /** `compare` only: what the returned file changed (docs/redline.md). */
  readonly comparison?: CompareReport;
}

/** A problem of any kind (validation, I/O, pack, a draft's `CHECK_*`) in the JSON shape; its id is its code. */
export function jsonOfProblem(p: Problem): JsonProblem {
  return {
    id: p.code,
    severity: p.severity,
    message: { en: p.message, zh: p.messageZh ?? p.message },
    path: formatPath(p.path) || null,
    hint: p.hint ? { en: p.hint, zh: p.hint } : null,
    file: p.file ?? null,
    line: p.line ?? null,
    column: p.column ?? null,
    clause: p.clause ?? null,
  };
}

/** A finding of `check` in the JSON shape: its id is the rule id; the position comes from the deal sheet. */
export function jsonOfCheck(p: CheckProblem, where: Locator): JsonProblem {
  const at = where(p.path);
  return {
    id: p.id,
    severity: p.severity,
    message: p.message,
    path: formatPath(p.path) || null,
    hint: p.hint,
    file: at.file,
    line: at.line ?? null,
    column: at.column ?? null,
    clause: p.clause ?? null,
  };
}

/** Prints the `--json` report on stdout. */
export function printReport(ctx: Pick<CommandContext, "stdout">, report: JsonReport): void {
  ctx.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Codes of problems with reading or writing files: for these the problem line
 * is the whole message (no summary, no advice about the deal).
 */
const IO_CODES = new Set(["DEAL_FILE_UNREADABLE", "OUTPUT_NOT_WRITABLE", "PACK_NOT_FOUND", "PACK_NOT_READABLE", "FONT_NOT_READABLE"]);

/**
 * Reports problems that stopped a command: with `--json` as the report on
 * stdout (`outputs: []` for draft), else one line per problem on stderr. A
 * draft stopped by the deal adds how many problems there were and that
 * nothing was written.
 */
export function reportFailure(ctx: Pick<CommandContext, "stdout" | "stderr" | "json">, problems: readonly Problem[], options: { draft?: boolean } = {}): void {
  if (ctx.json) {
    printReport(ctx, { ok: false, problems: problems.map(jsonOfProblem), ...(options.draft ? { outputs: [] } : {}) });
    return;
  }
  for (const p of problems) ctx.stderr.write(`${formatProblem(p)}\n`);
  if (!options.draft || problems.every((p) => IO_CODES.has(p.code))) return;
  ctx.stderr.write(`${problems.length} problem(s); nothing was written.\n`);
  if (problems.some((p) => p.code.startsWith("CHECK_"))) {
    ctx.stderr.write("The checks found errors (see docs/checks.md): fix the deal, or pass --force to draft anyway (recorded in the assembly record).\n");
  }
}
