import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { formatProblem, type Problem, type Severity } from "../errors/problem.js";

/**
 * One problem as the MCP tools return it in `structuredContent.problems`: the library's `Problem`
 * as plain JSON, with `path` always present (empty for a problem of the whole input) and, when the
 * tool took more than one deal, the argument it is in.
 */
export interface ToolProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly messageZh?: string;
  /** Data path inside the argument (`["customer", "legalName"]`); for an argument problem, the path to the argument. */
  readonly path: readonly (string | number)[];
  readonly hint?: string;
  readonly clause?: string;
  /** The tool argument the problem is in (`deal`, `base`), when it is in one. */
  readonly argument?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A library problem as a {@link ToolProblem}, naming the argument it came from. */
export function toolProblem(p: Problem, argument?: string): ToolProblem {
  return {
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...(p.messageZh !== undefined ? { messageZh: p.messageZh } : {}),
    path: p.path ?? [],
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
    ...(p.clause !== undefined ? { clause: p.clause } : {}),
    ...(argument !== undefined ? { argument } : {}),
    ...(p.file !== undefined ? { file: p.file } : {}),
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
  };
}

/** What every tool's `structuredContent` has: whether the tool did what was asked, and the problems found. */
export interface ToolOutcome {
  readonly ok: boolean;
  readonly problems: readonly ToolProblem[];
  readonly [key: string]: unknown;
}

// The problems as text too: clients that show only text content (and models reading it) see them.
function problemLines(problems: readonly ToolProblem[]): string {
  return problems.map((p) => formatProblem({ ...p, code: p.code as Problem["code"], ...(p.argument && p.file === undefined ? { file: p.argument } : {}) })).join("\n");
}

/**
 * A successful call: the structured content, and the same as JSON text (for clients that read
 * only text, as the protocol recommends), then any further content (resources).
 */
export function success(outcome: ToolOutcome, more: CallToolResult["content"] = []): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(outcome) }, ...more], structuredContent: { ...outcome } };
}

/**
 * A refused call: `isError: true`, the problems as structured content (`ok: false`) and as text.
 * A bad deal, a refused folder, a bad argument: the model reads them and can try again; none of
 * them is a protocol error.
 */
export function refusal(problems: readonly ToolProblem[]): CallToolResult {
  const outcome: ToolOutcome = { ok: false, problems };
  return { content: [{ type: "text", text: problemLines(problems) }], structuredContent: { ...outcome }, isError: true };
}

/**
 * Thrown by a tool for a request it refuses, with the problems already in the tool's shape (a
 * deal argument's problems name the argument): the server answers it as a {@link refusal}.
 */
export class Refusal extends Error {
  constructor(readonly problems: readonly [ToolProblem, ...ToolProblem[]]) {
    super(problems[0].message);
    this.name = "Refusal";
  }
}
