import type { ProblemCode } from "./codes.js";

/** How serious a problem is. Only `error` stops a draft. */
export type Severity = "error" | "warning" | "info";

/**
 * Where a problem lives: a data path into the deal sheet, a file position in a
 * pack or deal file, or both.
 */
export interface ProblemLocation {
  /** Data path, e.g. `["customer", "legalName"]` or `["fees", "lines", 0, "unitPrice"]`. */
  readonly path?: readonly (string | number)[];
  /** File the problem was found in (deal file, or a pack file relative to the pack root). */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`. */
  readonly column?: number;
}

/** One thing that is wrong, with a stable code, where it is, and what to do. */
export interface Problem extends ProblemLocation {
  /** Stable machine-readable code, e.g. `DEAL_INVALID_DATE`, `TEMPLATE_MISSING_VALUE` (see `PROBLEM_CODES`). */
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** English message. */
  readonly message: string;
  /** Chinese message, when one is available. */
  readonly messageZh?: string;
  /** The clause the problem belongs to, when there is one. */
  readonly clause?: string;
  /** A hint on how to fix it. */
  readonly hint?: string;
}

/** Formats a data path as `customer.contacts[0].email`. */
export function formatPath(path: readonly (string | number)[] | undefined): string {
  if (!path || path.length === 0) return "";
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** One line per problem, as the CLI prints them: `error DEAL_X at a.b (deal.yaml:3:5): message`. */
export function formatProblem(p: Problem): string {
  const where: string[] = [];
  const path = formatPath(p.path);
  if (path) where.push(`at ${path}`);
  if (p.file) {
    let pos = p.file;
    if (p.line !== undefined) pos += `:${p.line}`;
    if (p.line !== undefined && p.column !== undefined) pos += `:${p.column}`;
    where.push(`(${pos})`);
  } else if (p.line !== undefined) {
    where.push(`(line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ""})`);
  }
  if (p.clause) where.push(`[clause ${p.clause}]`);
  const head = `${p.severity} ${p.code}${where.length ? " " + where.join(" ") : ""}: ${p.message}`;
  return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}
