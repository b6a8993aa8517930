import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the built CLI (dist/cli.js, built by `npm test`) and returns its exit code and output. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${ROOT}dist/cli.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a snippet of ESM code with node in a child process (e.g. to set TZ), returning stdout. */
export function runNode(code: string, env: Record<string, string> = {}, type: "module" | "commonjs" = "module"): string {
  const r = spawnSync(process.execPath, [type === "module" ? "--input-type=module" : "--input-type=commonjs", "-e", code], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`node exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
