import { lstat, rename, unlink } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { errnoCode } from "./io-error.js";
import { backupName, SimulatedCrash, stagedName, type Steps, type SwapMark } from "./output-journal.js";

// What a write (write.ts) and a recovery (output-recover.ts) both do to an output set: undo it.

/** One target of a set, with its staged new file and its backup, both in the target's folder. */
export interface SetEntry {
  readonly target: string;
  readonly staged: string;
  readonly backup: string;
}

/** The entries of set `id` for absolute `targets`. */
export function setEntries(id: string, targets: readonly string[]): SetEntry[] {
  return targets.map((target, i) => ({ target, staged: join(dirname(target), stagedName(id, i)), backup: join(dirname(target), backupName(id, i)) }));
}

/** `to` relative to the folder `from`, with `/` between folders, as journals store paths. */
export function journalPath(from: string, to: string): string {
  return relative(from, to).split(sep).join("/");
}

/** The absolute path of a journal's relative `path`, read in the folder `dir`. */
export function fromJournalPath(dir: string, path: string): string {
  return resolve(dir, ...path.split("/"));
}

/** Removes a file; true when it was there (a folder on its path that is missing or a file means it was not). */
export async function removeFile(path: string, removed?: string[]): Promise<boolean> {
  try {
    await unlink(path);
    removed?.push(path);
    return true;
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ENOTDIR") return false;
    throw err;
  }
}

/**
 * Runs one step (the hook, then `fn`) and says whether it worked. A simulated crash passes
 * through: the process is "dead", and nothing after it may run.
 */
export async function attempt(steps: Steps, what: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await steps.next(what);
    await fn();
    return true;
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    return false;
  }
}

/**
 * Puts one replaced target back: its backup renamed over it, or, when it had no previous file,
 * the new file removed. Only while the target is still the very file the swap put there (same
 * inode as the staged file): run again after it was put back, or after someone wrote the target
 * since, it does nothing. A backup that has gone cannot be restored, and is not an error.
 */
async function restore(e: SetEntry, hadBackup: boolean, inode: string): Promise<void> {
  const st = await lstat(e.target, { bigint: true }).catch((err: unknown) => {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw err;
  });
  if (!st || st.ino.toString() !== inode) return;
  if (!hadBackup) {
    await removeFile(e.target);
    return;
  }
  await rename(e.backup, e.target).catch((err: unknown) => {
    if (errnoCode(err) !== "ENOENT") throw err;
  });
}

/**
 * Undoes a set: first every replaced target is put back (the entries `renamed` says were swapped
 * in), then the staged files and backups are removed, and last the journals (`journals`, the
 * coordinator's last). Each step may be repeated after a crash: a target is put back only while it
 * is still the new file, and a staged file that is left marks a target that was never replaced,
 * so the staged files go only once every target is back. True when all of it was done; otherwise
 * the journals stay, for a later recovery to finish. The files it removed are added to `removed`.
 */
export async function rollBack(entries: readonly SetEntry[], renamed: readonly boolean[], swap: SwapMark | undefined, journals: readonly string[], steps: Steps, removed?: string[]): Promise<boolean> {
  let done = true;
  const backups = new Set(swap?.backups ?? []);
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    const inode = swap?.inodes[i];
    if (!e || inode === undefined || !renamed[i]) continue;
    done = (await attempt(steps, `restore ${i}`, () => restore(e, backups.has(i), inode))) && done;
  }
  if (!done) return false;
  for (const [i, e] of entries.entries()) {
    done = (await attempt(steps, `remove staged ${i}`, () => removeFile(e.staged, removed))) && done;
    done = (await attempt(steps, `remove backup ${i}`, () => removeFile(e.backup, removed))) && done;
  }
  if (!done) return false;
  for (const j of journals) done = (await attempt(steps, "remove journal", () => removeFile(j, removed))) && done;
  return done;
}
