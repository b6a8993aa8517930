import { constants, type Stats } from "node:fs";
import { copyFile, link, lstat, mkdir, open, readlink, rename, rmdir, stat, symlink, utimes } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { ClausewrightError } from "../errors/error.js";
import { describeIoError, errnoCode, fileInTheWay } from "./io-error.js";
import {
  coordinatorText,
  JOURNAL_HEARTBEAT_MS,
  journalName,
  newSetId,
  OUTPUT_SET_MAX_FILES,
  parseSetFileName,
  participantText,
  setActive,
  SimulatedCrash,
  Steps,
  swapText,
  syncFolder,
  type SwapMark,
} from "./output-journal.js";
import { recoverOutputs } from "./output-recover.js";
import { attempt, journalPath, removeFile, rollBack, setEntries } from "./output-set.js";

/**
 * What a file is written from: its bytes or text, or pieces of it from an async iterable, read
 * once as the file is written (a large file need not be held in memory whole).
 */
export type OutputData = Uint8Array | string | AsyncIterable<Uint8Array | string>;

/** A file to write: its path (relative paths are relative to the process's working folder) and content. */
export interface OutputFile {
  readonly path: string;
  readonly data: OutputData;
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
async function makeDirs(dir: string, file: string, created: string[], steps: Steps): Promise<void> {
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
      await steps.next(`mkdir ${d}`);
      await mkdir(d);
      created.push(d);
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
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
 * Creates `path` (it must not exist) with `data`, flushed to disk when `durable`; returns the new
 * file's inode.
 */
async function createFile(path: string, data: OutputData, durable: boolean): Promise<string> {
  const fh = await open(path, "wx");
  try {
    if (typeof data === "string" || data instanceof Uint8Array) await fh.writeFile(data);
    // A handle's writeFile writes from where the last one stopped: the pieces follow one another.
    else for await (const piece of data) await fh.writeFile(piece);
    if (durable) await fh.sync();
    return (await fh.stat({ bigint: true })).ino.toString();
  } finally {
    await fh.close();
  }
}

/** Flushes a file that is already written. */
async function syncFile(path: string): Promise<void> {
  const fh = await open(path, "r+");
  await fh.sync().finally(() => fh.close());
}

/** Appends a line to a journal, flushed to disk when `durable`. */
async function appendLine(path: string, text: string, durable: boolean): Promise<void> {
  const fh = await open(path, "a");
  try {
    await fh.writeFile(text);
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Keeps the previous file at `target` as `backup`: a hard link (no copy, and the same file a
 * rename can put back), a copy where links are not possible, a new link for a symbolic link.
 */
async function backUp(target: string, backup: string, st: Stats): Promise<void> {
  if (st.isSymbolicLink()) {
    await symlink(await readlink(target), backup);
    return;
  }
  try {
    await link(target, backup);
  } catch (err) {
    // A pipe or a device would make a copy block or read forever.
    if (!st.isFile()) throw err;
    await copyFile(target, backup, constants.COPYFILE_EXCL);
    await syncFile(backup);
  }
}

/**
 * Writes a file atomically: to a temporary file in the same folder, then a
 * rename, so a reader never sees half a file and a failure leaves nothing.
 * Fails with `OUTPUT_NOT_WRITABLE` (see {@link writeFilesAtomic}).
 */
export async function writeFileAtomic(path: string, data: OutputData): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

/**
 * Writes several files so that either all of them land or none do, even when the process is
 * killed or the machine stops half way: afterwards each folder holds the complete new set or the
 * complete previous one (once recovered, which the next write into the folder, or
 * {@link recoverOutputs}, does first).
 *
 * How: a journal naming the set is written in each folder of the set before any other file of
 * ours; every new file is staged under a hidden name and flushed to disk; each previous file is
 * kept as a backup (a hard link); a swap mark is added to the journal and flushed; then the staged
 * files are renamed over the targets, one by one. Once the last rename is done the set is
 * committed: the journal is removed, then the backups. If anything fails before that, the targets
 * already replaced are put back from their backups and every file of ours is removed; a killed
 * write is finished the same way by recovery, from the journal (undone, or completed when every
 * new file was in place). Missing folders are created (and removed again on failure).
 * All our files are named `.clausewright-…`.
 *
 * Any failure is a {@link ClausewrightError} with one `OUTPUT_NOT_WRITABLE`
 * problem whose `file` is the path that could not be written and whose
 * message says why (a file where a folder is needed, a folder where the file
 * should go, permission denied, …).
 */
export async function writeFilesAtomic(files: readonly OutputFile[]): Promise<void> {
  await writeSet(files, true);
}

/**
 * {@link writeFilesAtomic} into folders the caller has already recovered and is the only writer
 * of (the batch, which recovers its folder once at the start): without the recovery scan of each
 * folder before each set, which reads the whole listing and would make a batch of n deals into one
 * folder O(n²).
 */
export async function writeFilesAtomicRecovered(files: readonly OutputFile[]): Promise<void> {
  await writeSet(files, false);
}

async function writeSet(files: readonly OutputFile[], recover: boolean): Promise<void> {
  const first = files[0];
  if (!first) return;
  if (files.length > OUTPUT_SET_MAX_FILES) throw new RangeError(`writeFilesAtomic: at most ${OUTPUT_SET_MAX_FILES} files in one set (got ${files.length})`);
  const targets = files.map((f) => resolve(f.path));
  const twice = targets.findIndex((t, i) => targets.indexOf(t) !== i);
  if (twice >= 0) throw new TypeError(`writeFilesAtomic: ${files[twice]?.path} is given twice`);
  // The set's folders, the first file's first: its journal (the coordinator) holds the whole set.
  const folders = [...new Set(targets.map((t) => dirname(t)))];
  const coordinator = folders[0] ?? "";
  const firstIn = (dir: string): string => files[targets.findIndex((t) => dirname(t) === dir)]?.path ?? first.path;
  // An interrupted earlier write is finished first, so this one replaces a whole set.
  if (recover) for (const d of folders) await recoverOutputs(d);

  const id = newSetId();
  const entries = setEntries(id, targets);
  const journals = folders.map((d) => join(d, journalName(id)));
  const steps = new Steps("write");
  const created: string[] = [];
  const renamed = entries.map(() => false);
  let swap: SwapMark | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let current = first.path;
  // ENOENT when creating a file in a folder that exists (made or found above): it takes no new files, as /proc.
  const creating = (file: string, dir: string) => (err: unknown) => {
    if (err instanceof SimulatedCrash) throw err;
    throw notWritable(file, errnoCode(err) === "ENOENT" ? `${dir} does not take new files (ENOENT)` : describeIoError(err), err);
  };
  try {
    for (const d of folders) {
      current = firstIn(d);
      await makeDirs(d, current, created, steps);
    }
    for (const [i, f] of files.entries()) {
      current = f.path;
      const st = await lstat(targets[i] ?? "").catch((err: unknown) => {
        if (errnoCode(err) === "ENOENT") return undefined;
        throw notWritable(f.path, describeIoError(err), err);
      });
      if (st?.isDirectory()) throw notWritable(f.path, "it is a folder");
      // Recovery would take such a file for a leftover of its own.
      if (parseSetFileName(basename(f.path))) throw notWritable(f.path, "the name is one clausewright keeps for its temporary files");
    }
    // 1. The journals, before any other file of the set: recovery finds the set's files through
    // them, and takes a file of ours without a journal for a leftover. They need not be on disk
    // yet: until the swap mark (which flushes them) a lost journal loses nothing but leftovers.
    setActive(id, true);
    for (const [k, d] of folders.entries()) {
      current = firstIn(d);
      await steps.next(`journal ${d}`);
      const text =
        k === 0
          ? coordinatorText({ targets: targets.map((t) => journalPath(coordinator, t)), participants: folders.slice(1).map((p) => journalPath(coordinator, p)) })
          : participantText(journalPath(d, coordinator));
      await createFile(journals[k] ?? "", text, false).catch(creating(current, d));
    }
    heartbeat = setInterval(() => {
      const now = new Date();
      for (const j of journals) void utimes(j, now, now).catch(() => undefined);
    }, JOURNAL_HEARTBEAT_MS);
    heartbeat.unref();
    // 2. The new files under their staged names, on disk before any is renamed over a target;
    // written side by side so that their flushes overlap. All are waited for, even after a
    // failure, so that nothing is still being written when the set is undone.
    const staged = await Promise.allSettled(
      entries.map(async (e, i) => {
        const file = files[i]?.path ?? "";
        await steps.next(`stage ${i}`);
        return createFile(e.staged, files[i]?.data ?? "", true).catch(creating(file, dirname(e.target)));
      }),
    );
    const failed = staged.find((r) => r.status === "rejected" && r.reason instanceof SimulatedCrash) ?? staged.find((r) => r.status === "rejected");
    if (failed?.status === "rejected") throw failed.reason;
    const inodes = staged.map((r) => (r.status === "fulfilled" ? r.value : ""));
    // 3. The previous files, kept until the set is in place. A single file needs none: its one
    // rename either happens or not.
    const backups: number[] = [];
    if (entries.length > 1) {
      for (const [i, e] of entries.entries()) {
        current = files[i]?.path ?? "";
        const st = await lstat(e.target).catch(() => undefined);
        if (!st) continue;
        await steps.next(`backup ${i}`);
        await backUp(e.target, e.backup, st);
        backups.push(i);
      }
    }
    // 4. The swap mark, and the journals on disk: from here on, recovery looks for targets to put
    // back. The folders are flushed too, so that no rename can reach the disk before the staged
    // files' and backups' names do. A single file has nothing to put back: its rename is atomic.
    current = first.path;
    swap = { backups, inodes };
    const several = entries.length > 1;
    for (const j of journals.slice(1)) {
      await steps.next("sync participant");
      await syncFile(j);
    }
    await steps.next("swap mark");
    await appendLine(journals[0] ?? "", swapText(swap), several);
    if (several) {
      await steps.next("sync folders");
      await Promise.all(folders.map((d) => syncFolder(d)));
    }
    // 5. The swap.
    for (const [i, e] of entries.entries()) {
      current = files[i]?.path ?? "";
      await steps.next(`rename ${i}`);
      await rename(e.staged, e.target);
      renamed[i] = true;
    }
  } catch (err) {
    clearInterval(heartbeat);
    if (err instanceof SimulatedCrash) {
      setActive(id, false);
      throw err;
    }
    try {
      // Participants' journals first: the coordinator's goes last, so a set without one is over.
      if (await rollBack(entries, renamed, swap, [...journals.slice(1), ...journals.slice(0, 1)], steps)) {
        for (const d of created.reverse()) await rmdir(d).catch(() => undefined);
      }
    } finally {
      setActive(id, false);
    }
    if (ClausewrightError.is(err)) throw err;
    throw notWritable(current, describeIoError(err), err);
  }
  // Committed: every new file is in place (recovery would complete the set now, not undo it).
  // What follows is tidying; a failure there leaves files for the next recovery, not an error.
  // The renames reach the disk before the journal's removal can; a single rename needs no such
  // care (the journal of a single file only ever leads recovery to tidy up).
  try {
    if (entries.length > 1) await attempt(steps, "sync folders", () => Promise.all(folders.map((d) => syncFolder(d))));
    for (const j of journals) await attempt(steps, "remove journal", () => removeFile(j));
    for (const e of entries) await attempt(steps, "remove backup", () => removeFile(e.backup));
  } finally {
    clearInterval(heartbeat);
    setActive(id, false);
  }
}
