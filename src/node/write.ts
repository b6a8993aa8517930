import { randomBytes } from "node:crypto";
import { copyFile, link, lstat, mkdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import { describeIoError, errnoCode, fileInTheWay } from "./io-error.js";

/** A file to write: its path (relative paths are relative to the process's working folder) and content. */
export interface OutputFile {
  readonly path: string;
  readonly data: Uint8Array | string;
}

/** One staged file: the temporary copy, and the old file's backup while the set is put in place. */
interface Staged {
  readonly path: string;
  readonly tmp: string;
  backup?: string;
  renamed?: boolean;
}

function sibling(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.${suffix}`);
}

/** An OUTPUT_NOT_WRITABLE error for `file`; `reason` says why, naming the path at fault. */
function notWritable(file: string, reason: string, cause?: unknown): ClausewrightError {
  return new ClausewrightError(
    [{ code: "OUTPUT_NOT_WRITABLE", severity: "error", file, message: `Cannot write ${file}: ${reason}; nothing was written` }],
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Creates `dir` and its missing parents one by one, noting each folder it
 * created so a failure can remove them. Not `mkdir({ recursive: true })`: on
 * Node 20 that never returns for a path such as /proc/x, where the parent
 * exists but cannot hold a new folder.
 */
async function makeDirs(dir: string, file: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let cur = dir; ; cur = dirname(cur)) {
    const st = await stat(cur).catch((err: unknown) => {
      const code = errnoCode(err);
      if ((code === "ENOENT" || code === "ENOTDIR") && dirname(cur) !== cur) return undefined;
      throw notWritable(file, `cannot reach the folder ${cur}: ${describeIoError(err)}`, err);
    });
    if (!st) {
      missing.unshift(cur);
      continue;
    }
    if (!st.isDirectory()) throw notWritable(file, `${cur} is a file, not a folder`);
    break;
  }
  for (const d of missing) {
    try {
      await mkdir(d);
      created.push(d);
    } catch (err) {
      const code = errnoCode(err);
      if (code === "EEXIST" && (await stat(d).catch(() => undefined))?.isDirectory()) continue;
      throw notWritable(file, await whyNoFolder(d, err), err);
    }
  }
}

/** Why the folder `d` could not be created, naming the path at fault. */
async function whyNoFolder(d: string, err: unknown): Promise<string> {
  const code = errnoCode(err);
  if ((await lstat(d).catch(() => undefined))?.isSymbolicLink()) return `${d} is a symbolic link to a folder that does not exist`;
  const blocker = code === "EEXIST" || code === "ENOTDIR" ? await fileInTheWay(d) : undefined;
  if (blocker) return `${blocker} is a file, not a folder`;
  // The parent exists (it was found or made just before), yet refuses a new entry, as /proc does.
  if (code === "ENOENT") return `cannot create the folder ${d}: ${dirname(d)} does not take new folders (ENOENT)`;
  return `cannot create the folder ${d}: ${describeIoError(err)}`;
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then a
 * rename, so a reader never sees half a file and a failure leaves nothing.
 * Fails with `OUTPUT_NOT_WRITABLE` (see {@link writeFilesAtomic}).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

/**
 * Writes several files so that either all of them land or none do: every file
 * goes to a temporary name first; only when all are written are they renamed
 * into place, and if a rename fails the files already replaced are put back.
 * Missing folders are created (and removed again on failure).
 *
 * Any failure is a {@link ClausewrightError} with one `OUTPUT_NOT_WRITABLE`
 * problem whose `file` is the path that could not be written and whose
 * message says why (a file where a folder is needed, a folder where the file
 * should go, permission denied, …).
 */
export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  const created: string[] = [];
  const staged: Staged[] = [];
  let current = files[0]?.path ?? "";
  try {
    for (const f of files) {
      current = f.path;
      await makeDirs(dirname(f.path), f.path, created);
      if ((await lstat(f.path).catch(() => undefined))?.isDirectory()) throw notWritable(f.path, "it is a folder");
      const tmp = sibling(f.path, "tmp");
      staged.push({ path: f.path, tmp });
      await writeFile(tmp, f.data, { flag: "wx" }).catch((err: unknown) => {
        // The folder exists (made above), so ENOENT means it takes no new files, as /proc.
        throw notWritable(f.path, errnoCode(err) === "ENOENT" ? `${dirname(f.path)} does not take new files (ENOENT)` : describeIoError(err), err);
      });
    }
    // With more than one file, keep the old ones until every new one is in place, so that a
    // failed rename can restore them (a hard link costs nothing; a copy where links fail).
    if (staged.length > 1) {
      for (const s of staged) {
        current = s.path;
        if (!(await lstat(s.path).catch(() => undefined))) continue;
        const backup = sibling(s.path, "bak");
        await link(s.path, backup).catch(() => copyFile(s.path, backup));
        s.backup = backup;
      }
    }
    for (const s of staged) {
      current = s.path;
      await rename(s.tmp, s.path);
      s.renamed = true;
    }
  } catch (err) {
    for (const s of [...staged].reverse()) {
      if (s.renamed) await (s.backup ? rename(s.backup, s.path) : rm(s.path, { force: true })).catch(() => undefined);
      await rm(s.tmp, { force: true }).catch(() => undefined);
      if (s.backup && !s.renamed) await rm(s.backup, { force: true }).catch(() => undefined);
    }
    for (const d of created.reverse()) await rmdir(d).catch(() => undefined);
    if (ClausewrightError.is(err)) throw err;
    throw notWritable(current, describeIoError(err), err);
  }
  for (const s of staged) if (s.backup) await rm(s.backup, { force: true }).catch(() => undefined);
}
