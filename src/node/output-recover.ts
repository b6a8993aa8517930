import type { Stats } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode } from "./io-error.js";
import { JOURNAL_MAX_BYTES, journalName, ownerAlive, parseJournal, parseSetFileName, SimulatedCrash, Steps } from "./output-journal.js";
import { attempt, fromJournalPath, removeFile, rollBack, setEntries } from "./output-set.js";

/** What {@link recoverOutputs} found and did. */
export interface OutputRecovery {
  /** Files of interrupted writes that were undone: each is again what it was before that write (or absent, if the write created it). */
  readonly rolledBack: readonly string[];
  /** Files of interrupted writes that had every new file in place: those writes were completed. */
  readonly rolledForward: readonly string[];
  /** Leftover staged files, backups and journals that were removed. */
  readonly removed: readonly string[];
}

interface Found {
  rolledBack: string[];
  rolledForward: string[];
  removed: string[];
}

async function remove(path: string, found: Found, steps: Steps): Promise<boolean> {
  let gone = false;
  const ok = await attempt(steps, `remove ${path}`, async () => {
    gone = await removeFile(path);
  });
  if (gone) found.removed.push(path);
  return ok;
}

/** The entry of `path` in its folder, or undefined when there is none; other errors stop recovery of that set. */
async function entry(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw err;
  }
}

/** The journal of set `id` in `dir` when recovery may act on it: ours (same user), not too big, and its writer gone. */
async function abandonedJournal(dir: string, id: string): Promise<string | undefined> {
  const path = join(dir, journalName(id));
  const st = await entry(path);
  const uid = process.getuid?.();
  if (!st?.isFile() || (uid !== undefined && st.uid !== uid) || st.size > JOURNAL_MAX_BYTES) return undefined;
  const owner = parseSetFileName(journalName(id))?.owner;
  if (!owner || ownerAlive(owner, id, st.mtimeMs)) return undefined;
  return readFile(path, "utf8");
}

/**
 * Recovers set `id` from its journal in `dir`: undone when a target was replaced and another
 * not yet, completed when all were, tidied when none was. `local` names this folder's other files
 * of the set, removed when the journal says nothing more.
 */
async function recoverSet(dir: string, id: string, local: readonly string[], found: Found, steps: Steps, viaParticipant: boolean): Promise<void> {
  const text = await abandonedJournal(dir, id);
  if (text === undefined) return;
  const path = join(dir, journalName(id));
  const journal = parseJournal(text);
  if (journal.kind === "participant") {
    if (viaParticipant) return;
    const coordinator = fromJournalPath(dir, journal.coordinator);
    if (await entry(join(coordinator, journalName(id)))) {
      await recoverSet(coordinator, id, [], found, steps, true);
      return;
    }
    // The coordinator's journal goes first when a set is committed, last when it is undone:
    // without it the set is over, and what is left here is leftovers.
  } else if (journal.kind === "coordinator") {
    const { header, swap } = journal;
    const targets = header.targets.map((t) => fromJournalPath(dir, t));
    const entries = setEntries(id, targets);
    const journals = [...header.participants.map((p) => join(fromJournalPath(dir, p), journalName(id))), path];
    if (!swap) {
      // Stopped before the first rename: no target was touched.
      for (const e of entries) if (!(await remove(e.staged, found, steps)) || !(await remove(e.backup, found, steps))) return;
      for (const j of journals) if (!(await remove(j, found, steps))) return;
      return;
    }
    // A staged file still there is a target not yet replaced.
    const renamed: boolean[] = [];
    for (const e of entries) renamed.push((await entry(e.staged)) === undefined);
    if (renamed.every(Boolean)) {
      // Every new file is in place: finish the write as the writer would have.
      if (!(await remove(path, found, steps))) return;
      for (const j of journals.slice(0, -1)) await remove(j, found, steps);
      for (const e of entries) await remove(e.backup, found, steps);
      found.rolledForward.push(...targets);
      return;
    }
    const done = await rollBack(entries, renamed, swap, journals, steps, found.removed);
    if (done) found.rolledBack.push(...targets.filter((_, i) => renamed[i]));
    return;
  } else if (viaParticipant) {
    // A participant names a coordinator that never got written whole: not a set of ours.
    return;
  }
  // A torn coordinator (the writer died writing it: nothing else was done), or a participant
  // whose set is over.
  for (const name of local) if (!(await remove(join(dir, name), found, steps))) return;
  await remove(path, found, steps);
}

async function recoverFolder(dir: string, found: Found, steps: Steps): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const sets = new Map<string, { journal: boolean; files: string[] }>();
  for (const name of names.sort()) {
    const parsed = parseSetFileName(name);
    if (!parsed) continue;
    const set = sets.get(parsed.id) ?? { journal: false, files: [] };
    if (parsed.kind === "journal") set.journal = true;
    else set.files.push(name);
    sets.set(parsed.id, set);
  }
  for (const [id, set] of sets) {
    try {
      if (set.journal) {
        await recoverSet(dir, id, set.files, found, steps, false);
        continue;
      }
      // Files of a set without its journal: every file of a set is made after its journal and
      // removed before it, except the backups left when a write ends (the journal goes first, to
      // commit). So they are leftovers, unless the journal appeared since the folder was listed.
      if (await entry(join(dir, journalName(id)))) continue;
      for (const name of set.files) await remove(join(dir, name), found, steps);
    } catch (err) {
      if (err instanceof SimulatedCrash) throw err;
      // Left for the next recovery: a set that cannot be read now is not worse for waiting.
    }
  }
}

/**
 * Finishes what interrupted writes of output sets (see {@link writeFilesAtomic}) left in the
 * folder `dir`: a set whose new files were partly in place is undone, so each of its files is
 * again what it was before; a set whose new files were all in place is completed; leftover staged
 * files, backups and journals are removed. Only files with clausewright's own hidden names
 * (`.clausewright-…`) are looked at, only those of writers that are no longer running (a write in
 * progress in another process is left alone), and only journals owned by the current user.
 *
 * `writeFilesAtomic` runs this on every folder it writes to; the CLI also runs it on `--out`
 * before drafting. It never throws: what cannot be recovered now (a file it may not remove) is
 * left for the next run.
 */
export async function recoverOutputs(dir: string): Promise<OutputRecovery> {
  const found: Found = { rolledBack: [], rolledForward: [], removed: [] };
  await recoverFolder(dir, found, new Steps("recover"));
  return found;
}
