import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { PackFiles } from "../catalog/types.js";
import { parsePack } from "../catalog/parse-pack.js";
import { relocatePack } from "../catalog/relocate.js";
import type { Pack } from "../catalog/types.js";
import { describeIoError, errnoCode } from "./io-error.js";

function packNotFound(dir: string, what: string): ClausewrightError {
  return new ClausewrightError([{ code: "PACK_NOT_FOUND", severity: "error", file: dir, message: `Pack folder ${dir} ${what}` }]);
}

const PACK_FILE = /\.(ya?ml|hbs)$/;

/**
 * Reads a pack folder into a file map. A pack is data: symbolic links are
 * refused (they could point anywhere), and so is any path that would leave
 * the folder, so loading an untrusted pack cannot read outside it.
 */
export async function readPackFiles(dir: string): Promise<PackFiles> {
  const root = await realpath(resolve(dir)).catch((err: unknown) => {
    throw packNotFound(dir, errnoCode(err) === "ENOENT" ? "does not exist" : `cannot be opened: ${describeIoError(err)}`);
  });
  if (!(await stat(root).catch(unreadable(root))).isDirectory()) throw packNotFound(dir, "is a file, not a folder");
  const files: Record<string, string> = {};
  const problems: Problem[] = [];
  async function walk(abs: string): Promise<void> {
    for (const name of (await readdir(abs).catch(unreadable(abs))).sort()) {
      const full = join(abs, name);
      const rel = relative(root, full).split(sep).join("/");
      if (rel.startsWith("..") || rel.split("/").includes("..")) {
        problems.push({ code: "PACK_PATH_ESCAPE", severity: "error", file: rel, message: `Path ${rel} leaves the pack folder` });
        continue;
      }
      const st = await lstat(full).catch(unreadable(full));
      if (st.isSymbolicLink()) {
        problems.push({ code: "PACK_SYMLINK", severity: "error", file: rel, message: `${rel} is a symbolic link; packs may not contain links (they could point outside the pack)` });
      } else if (st.isDirectory()) {
        await walk(full);
      } else if (st.isFile() && PACK_FILE.test(name)) {
        files[rel] = await readFile(full, "utf8").catch(unreadable(full));
      }
    }
  }
  /** A file or folder in the pack that cannot be read: PACK_NOT_READABLE, named as `dir` plus its place in the pack. */
  function unreadable(abs: string): (err: unknown) => never {
    return (err) => {
      const file = join(dir, relative(root, abs));
      throw new ClausewrightError([{ code: "PACK_NOT_READABLE", severity: "error", file, message: `Cannot read ${file}: ${describeIoError(err)}` }], { cause: err });
    };
  }
  await walk(root);
  const [first, ...rest] = problems;
  if (first) throw new ClausewrightError([first, ...rest]);
  return files;
}

/** Loads and parses a pack folder; its file names (and so every later problem) are prefixed with `dir`. */
export async function loadPackDir(dir: string): Promise<Pack> {
  const files = await readPackFiles(dir);
  const { pack, problems } = parsePack(files);
  const errors = problems.filter((p) => p.severity === "error").map((p) => ({ ...p, ...(p.file ? { file: join(dir, p.file) } : {}) }));
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
  if (!pack) throw new ClausewrightError([{ code: "PACK_INVALID", severity: "error", file: dir, message: `Pack ${dir} could not be read` }]);
  return relocatePack(pack, dir);
}
