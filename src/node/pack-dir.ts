import { constants } from "node:fs";
import { open, readdir, readlink, realpath, stat, type FileHandle } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { PackFiles } from "../catalog/types.js";
import { parsePack } from "../catalog/parse-pack.js";
import { PACK_LIMITS } from "../catalog/pack-limits.js";
import { firstInvalidUtf8 } from "../deal/text-input.js";
import { relocatePack } from "../catalog/relocate.js";
import type { Pack } from "../catalog/types.js";
import { describeIoError, errnoCode } from "./io-error.js";

function packNotFound(dir: string, what: string): ClausewrightError {
  return new ClausewrightError([{ code: "PACK_NOT_FOUND", severity: "error", file: dir, message: `Pack folder ${dir} ${what}` }]);
}

const PACK_FILE = /\.(ya?ml|hbs)$/;

// O_NONBLOCK: opening a FIFO planted in a pack must not wait for a writer; the handle is then
// refused as "not a regular file". O_NOFOLLOW: a symlink swapped in after the folder was listed
// fails to open (ELOOP) instead of being followed.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0);

/** Where an open file really is: on Linux the kernel's own answer for the handle, elsewhere `realpath` checked against the handle's inode. */
async function pathOfHandle(handle: FileHandle, path: string, ino: number, dev: number): Promise<string | undefined> {
  const viaProc = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (viaProc !== undefined) return viaProc;
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  const st = await stat(real).catch(() => undefined);
  return st && st.ino === ino && st.dev === dev ? real : undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Testing seam: runs between listing a file and opening it, where a race would swap it. Internal. */
export interface PackReadHooks {
  readonly beforeOpen?: (absolutePath: string) => Promise<void> | void;
}

/**
 * Reads a pack folder into a file map. A pack is data from someone else, so
 * it may read nothing outside its folder: symbolic links and hard links are
 * refused, every file is opened without following links and then checked
 * through the same handle that is read (a regular file, one link, really
 * inside the folder), so a file swapped for a link while the pack loads is
 * refused too. Nothing of a refused file is read, so nothing of it can reach
 * a message. Sizes and counts are bounded by {@link PACK_LIMITS}, and pack
 * files must be UTF-8.
 */
export function readPackFiles(dir: string): Promise<PackFiles> {
  return readPackFilesWith(dir, {});
}

/** {@link readPackFiles} with testing hooks. Internal. */
export async function readPackFilesWith(dir: string, hooks: PackReadHooks): Promise<PackFiles> {
  const root = await realpath(resolve(dir)).catch((err: unknown) => {
    throw packNotFound(dir, errnoCode(err) === "ENOENT" ? "does not exist" : `cannot be opened: ${describeIoError(err)}`);
  });
  if (!(await stat(root).catch(unreadable(root))).isDirectory()) throw packNotFound(dir, "is a file, not a folder");
  const files: Record<string, string> = {};
  const problems: Problem[] = [];
  let seen = 0;
  let total = 0;
  const refuse = (code: Problem["code"], rel: string, message: string, extra: Partial<Problem> = {}): void => {
    problems.push({ code, severity: "error", file: rel, message, ...extra });
  };
  /** Stops reading at once: the problems so far, and this one. */
  const tooLarge = (message: string): never => {
    throw new ClausewrightError([{ code: "PACK_TOO_LARGE", severity: "error", file: dir, message }, ...problems]);
  };
  async function walk(abs: string, depth: number): Promise<void> {
    const entries = await readdir(abs, { withFileTypes: true }).catch(unreadable(abs));
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(abs, entry.name);
      const rel = relative(root, full).split(sep).join("/");
      if (rel.startsWith("..") || rel.split("/").includes("..")) {
        refuse("PACK_PATH_ESCAPE", rel, `Path ${rel} leaves the pack folder`);
        continue;
      }
      if (++seen > PACK_LIMITS.files) tooLarge(`Pack folder ${dir} holds more than ${PACK_LIMITS.files} files and folders; a pack has a few hundred`);
      if (entry.isSymbolicLink()) {
        refuse("PACK_SYMLINK", rel, `${rel} is a symbolic link; packs may not contain links (they could point outside the pack)`);
      } else if (entry.isDirectory()) {
        if (depth >= PACK_LIMITS.depth) refuse("PACK_TOO_LARGE", rel, `${rel} is more than ${PACK_LIMITS.depth} folders deep inside the pack`);
        else await walk(full, depth + 1);
      } else if (PACK_FILE.test(entry.name)) {
        await hooks.beforeOpen?.(full);
        const read = await readInsidePack(root, full, rel);
        if ("problem" in read) {
          problems.push(read.problem);
          continue;
        }
        if (read.text === undefined) return unreadable(full)(read.error);
        const text: string = read.text;
        total += text.length;
        if (total > PACK_LIMITS.totalBytes) tooLarge(`The files of pack ${dir} come to more than ${PACK_LIMITS.totalBytes / 1024 / 1024} MiB`);
        files[rel] = text;
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
  await walk(root, 0);
  const [first, ...rest] = problems;
  if (first) throw new ClausewrightError([first, ...rest]);
  return files;
}

/** What {@link readInsidePack} found: the text, a problem that refuses the file, or a read error. */
export type InsidePackRead = { readonly text: string } | { readonly problem: Problem } | { readonly text?: undefined; readonly error: unknown };

/**
 * Opens, checks and reads one file of a pack through one handle: opened without following a
 * link, then checked on that handle (a regular file with one name, really inside `root`, within
 * the size limit) and decoded as UTF-8. A refused file is a problem naming `rel`, and nothing of
 * it is read. `error` is an I/O failure (the file vanished, permission denied).
 */
export async function readInsidePack(root: string, full: string, rel: string): Promise<InsidePackRead> {
  const refuse = (code: Problem["code"], message: string, extra: Partial<Problem> = {}): InsidePackRead => ({ problem: { code, severity: "error", file: rel, message, ...extra } });
  let handle: FileHandle;
  try {
    handle = await open(full, OPEN_FLAGS);
  } catch (err) {
    if (errnoCode(err) === "ELOOP" || errnoCode(err) === "EMLINK") return refuse("PACK_SYMLINK", `${rel} is a symbolic link; packs may not contain links (they could point outside the pack)`);
    return { error: err };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return refuse("PACK_NOT_A_FILE", `${rel} is not a regular file`);
    if (st.nlink !== 1) {
      return refuse("PACK_HARD_LINK", `${rel} is a hard link (${st.nlink} names for one file); packs may not contain links (they could point outside the pack)`, {
        hint: "Copy the file into the pack instead of linking it.",
      });
    }
    const real = await pathOfHandle(handle, full, st.ino, st.dev);
    if (real === undefined || !real.startsWith(root + sep)) return refuse("PACK_PATH_ESCAPE", `${rel} resolves to a file outside the pack folder`);
    const tooLarge = (): InsidePackRead => refuse("PACK_FILE_TOO_LARGE", `${rel} is more than ${PACK_LIMITS.fileBytes} bytes; a pack file may be at most ${PACK_LIMITS.fileBytes} bytes`);
    if (st.size > PACK_LIMITS.fileBytes) return tooLarge();
    // Read at most one byte past the limit, whatever the file grows to meanwhile.
    const buffer = Buffer.alloc(PACK_LIMITS.fileBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      length += bytesRead;
      if (bytesRead === 0 || length === buffer.length) break;
    }
    if (length > PACK_LIMITS.fileBytes) return tooLarge();
    const bytes = buffer.subarray(0, length);
    try {
      return { text: utf8.decode(bytes) };
    } catch {
      const offset = firstInvalidUtf8(bytes);
      const line = bytes.subarray(0, offset).toString("latin1").split("\n").length;
      return refuse("PACK_NOT_UTF8", `${rel} is not UTF-8: byte ${offset} (line ${line}) is not valid UTF-8`, { line, hint: "Save the file as UTF-8." });
    }
  } catch (err) {
    return { error: err };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Loads and parses a pack folder; its file names (and so every later problem) are prefixed with `dir`. */
export async function loadPackDir(dir: string): Promise<Pack> {
  const files = await readPackFiles(dir).catch((err: unknown) => {
    if (!ClausewrightError.is(err)) throw err;
    const [first, ...rest] = err.problems.map((p) => (p.file !== undefined && !isAbsolute(p.file) && !p.file.startsWith(dir) ? { ...p, file: join(dir, p.file) } : p));
    throw first ? new ClausewrightError([first, ...rest]) : err;
  });
  const { pack, problems } = parsePack(files);
  const errors = problems.filter((p) => p.severity === "error").map((p) => ({ ...p, ...(p.file ? { file: join(dir, p.file) } : {}) }));
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);
  if (!pack) throw new ClausewrightError([{ code: "PACK_INVALID", severity: "error", file: dir, message: `Pack ${dir} could not be read` }]);
  return relocatePack(pack, dir);
}
