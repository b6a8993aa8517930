import { lstat, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import { describeIoError } from "../node/io-error.js";
import type { ToolProblem } from "./results.js";

/** A folder the user allowed the server to write under (`--out-root`), as given and as the file system resolves it. */
export interface OutRoot {
  /** The path as the user gave it, resolved to an absolute path. */
  readonly given: string;
  /** The same folder with every symbolic link resolved: what containment is checked against. */
  readonly real: string;
}

/**
 * Resolves the `--out-root` folders at start-up, relative to `cwd`. Each must be an existing
 * folder: a mistyped root fails the start (`MCP_OUT_ROOT_INVALID`) instead of being created.
 */
export async function resolveOutRoots(dirs: readonly string[], cwd: string): Promise<OutRoot[]> {
  const roots: OutRoot[] = [];
  for (const dir of dirs) {
    const given = resolve(cwd, dir);
    let real: string;
    try {
      real = await realpath(given);
      if (!(await stat(real)).isDirectory()) throw new Error("not a folder");
    } catch (err) {
      throw new ClausewrightError([
        {
          code: "MCP_OUT_ROOT_INVALID",
          severity: "error",
          file: dir,
          message: `The output root ${dir} is not an existing folder (${describeIoError(err)})`,
          hint: "Create the folder first, or give another --out-root.",
        },
      ]);
    }
    roots.push({ given, real });
  }
  return roots;
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The path with every symbolic link of its existing part resolved: the deepest part that exists
 * (as anything, a dangling link included) goes through `realpath`, and the missing folders below
 * it are appended as they are (they hold no links yet). `undefined` when a link cannot be resolved.
 */
async function realTarget(path: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let cur = path; ; cur = dirname(cur)) {
    const exists = await lstat(cur).then(
      () => true,
      () => false,
    );
    if (exists) {
      const real = await realpath(cur).catch(() => undefined);
      return real === undefined ? undefined : join(real, ...missing);
    }
    if (dirname(cur) === cur) return undefined;
    missing.unshift(basename(cur));
  }
}

/**
 * Where a tool may write for the folder a client named: the folder with its links resolved, when
 * it is absolute and lies inside one of the output roots (after links are resolved too, so a link
 * inside a root that points out of it does not count); else the refusal, as problems
 * (`MCP_DIR_NOT_ABSOLUTE`, `MCP_DIR_OUTSIDE_ROOTS`). The path returned is the one to write to: the
 * check and the write name the same folder.
 */
export async function placeInRoots(dir: string, roots: readonly OutRoot[]): Promise<{ ok: true; dir: string } | { ok: false; problems: ToolProblem[] }> {
  const path = ["dir"];
  if (!isAbsolute(dir)) {
    return {
      ok: false,
      problems: [{ code: "MCP_DIR_NOT_ABSOLUTE", severity: "error", path, message: `dir must be an absolute path (got "${dir}")`, hint: `Name a folder inside ${rootList(roots)}.` }],
    };
  }
  const allowed = roots.length > 0 ? rootList(roots) : undefined;
  const refused = (why: string): { ok: false; problems: ToolProblem[] } => ({
    ok: false,
    problems: [
      {
        code: "MCP_DIR_OUTSIDE_ROOTS",
        severity: "error",
        path,
        message: `${why}; nothing was written`,
        hint: allowed
          ? `Name a folder inside ${allowed}, or leave dir out to get the files back as resources.`
          : "This server was started without --out-root: leave dir out to get the files back as resources, or ask the user to restart it with --out-root <folder>.",
      },
    ],
  });
  if (roots.length === 0) return refused(`The server may not write files (no --out-root was given), so it cannot write into ${dir}`);
  const real = await realTarget(resolve(dir));
  if (real === undefined) return refused(`${dir} cannot be resolved (a broken link on the way)`);
  if (!roots.some((r) => inside(real, r.real))) {
    const via = real === resolve(dir) ? "" : ` (it leads to ${real})`;
    return refused(`${dir} is outside the output roots ${allowed}${via}`);
  }
  return { ok: true, dir: real };
}

function rootList(roots: readonly OutRoot[]): string {
  return roots.length === 0 ? "the output roots (none given)" : roots.map((r) => r.given).join(", ");
}
