import { isAbsolute, resolve } from "node:path";
import type { Readable, Writable } from "node:stream";

/** Where the CLI writes text: `process.stdout`, or a buffer in tests. */
export interface CliWriter {
  write(text: string): unknown;
  /** Terminal width for help text; 80 when unknown. */
  readonly columns?: number | undefined;
  /** True on a terminal: progress is then redrawn in place. */
  readonly isTTY?: boolean | undefined;
}

/**
 * The outside world of one CLI run: {@link runCli} touches the process only
 * through this, so tests can run it in-process and nothing leaks between runs.
 */
export interface CliIo {
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  /** What a deal argument of `-` reads: text, or a stream of chunks such as `process.stdin`. Default: no input. */
  readonly stdin?: string | AsyncIterable<string | Uint8Array>;
  /** The folder relative paths are resolved against. Default: the process's working folder. */
  readonly cwd?: string;
  /**
   * Subscribes to the user's interrupt (Ctrl-C, SIGINT) while a long command runs; returns the
   * unsubscribe function. Without it a command cannot be interrupted gracefully (tests).
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
  /**
   * The raw standard streams, for a command that speaks a protocol over them (`mcp`). Default:
   * the process's own (opened only when such a command runs).
   */
  readonly stdio?: { readonly input: Readable; readonly output: Writable };
}

/** What a command's implementation gets: the run's I/O and whether `--json` was asked for. */
export interface CommandContext {
  readonly stdout: CliWriter;
  readonly stderr: CliWriter;
  readonly stdin: string | AsyncIterable<string | Uint8Array>;
  readonly cwd: string;
  readonly json: boolean;
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/**
 * The path to hand to the file system for a path the user typed: relative
 * paths are relative to the run's folder. When that is the process's own
 * folder the path is returned as typed, so messages name it as typed.
 */
export function fsPath(ctx: Pick<CommandContext, "cwd">, path: string): string {
  return isAbsolute(path) || resolve(ctx.cwd) === process.cwd() ? path : resolve(ctx.cwd, path);
}
