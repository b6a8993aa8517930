import { open, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { ClausewrightError } from "../../errors/error.js";
import { errnoCode } from "../io-error.js";

/** The file a batch holds in its output folder while it runs, naming the process that holds it. */
export const BATCH_LOCK = ".clausewright-batch.lock";

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/**
 * Takes the output folder for one batch, or throws `BATCH_FOLDER_BUSY` when another batch holds
 * it: two batches in one folder would append to one journal and each write a report of the
 * other's deals. A lock left by a process that is gone (killed on this machine) is taken over.
 * Returns the function that gives the folder back.
 */
export async function lockBatchFolder(out: string): Promise<() => Promise<void>> {
  const path = join(out, BATCH_LOCK);
  const me: Holder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  // Twice at most: once as found, once more after clearing a stale lock (another process may
  // clear and take it in between, and then it is that process's).
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx");
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`);
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (err) {
      if (errnoCode(err) !== "EEXIST") {
        throw new ClausewrightError([{ code: "OUTPUT_NOT_WRITABLE", severity: "error", file: path, message: `Cannot create ${path}: ${String(err)}` }]);
      }
    }
    const holder = await readHolder(path);
    if (holder === undefined || !isRunning(holder)) {
      await rm(path, { force: true });
      continue;
    }
    throw busy(out, path, holder);
  }
  throw busy(out, path, await readHolder(path));
}

function busy(out: string, path: string, holder: Holder | undefined): ClausewrightError {
  const who = holder ? `process ${holder.pid} on ${holder.host}, started ${holder.started}` : "another process";
  return new ClausewrightError([
    {
      code: "BATCH_FOLDER_BUSY",
      severity: "error",
      file: out,
      message: `Another batch (${who}) is drafting into ${out}; nothing was written`,
      hint: `Wait for it to finish, or draft into another folder. If no batch is running there, delete ${path}.`,
    },
  ]);
}

/** The lock's holder, or nothing when the file is gone or not ours (cut short by a crash while written). */
async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(path, "utf8")) as Partial<Holder> | null;
    if (typeof h?.pid === "number" && typeof h.host === "string" && typeof h.started === "string") return { pid: h.pid, host: h.host, started: h.started };
  } catch {
    // Missing or unreadable: no one holds it.
  }
  return undefined;
}

/** Whether the holder still runs: checked on this machine; one on another machine is taken to. */
function isRunning(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return errnoCode(err) === "EPERM";
  }
}
