import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runCli as runCliInProcess } from "../../src/cli/run.js";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a CLI run ended with. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in this process (src/cli/run.ts, no build needed) and returns
 * its exit code and output. `stdin` is what a deal argument of `-` reads.
 */
export async function runCli(args: string[], options: { cwd?: string; stdin?: string } = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCliInProcess(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: options.stdin ?? "",
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}

/**
 * Runs the built CLI (bin/clausewright.js over dist/, built by `npm test`) in a child process,
 * with `input` piped to its stdin: for tests whose subject is the process
 * itself (the bin runs, its exit code, a real pipe).
 */
export function runCliProcess(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [`${ROOT}bin/clausewright.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a snippet of ESM code with node in a child process (e.g. to set TZ), returning stdout. */
export function runNode(code: string, env: Record<string, string> = {}, type: "module" | "commonjs" = "module"): string {
  const r = spawnSync(process.execPath, [type === "module" ? "--input-type=module" : "--input-type=commonjs", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
