import { createHash, randomBytes } from "node:crypto";
import { readlinkSync } from "node:fs";
import { open } from "node:fs/promises";
import { hostname } from "node:os";
import { isAbsolute } from "node:path";
import { threadId } from "node:worker_threads";
import { errnoCode } from "./io-error.js";

// The bookkeeping of an output set (see write.ts): one journal per folder of the set, and next to
// each target a staged new file and a backup of the old one. Every such file is hidden and named
// `.clausewright-<owner>-<nonce>…`, so recovery recognises its own files (and nothing else) and
// can tell from the name alone whether the writer that made them may still be running.

/** How often a running write touches its journals, so that other hosts and threads see it is alive. */
export const JOURNAL_HEARTBEAT_MS = 5_000;

/**
 * A journal untouched for this long belongs to a write that is gone, whoever made it. Only a
 * writer on another host, in another thread of this process, or whose process id has been reused
 * needs this; a dead process on this host is recognised at once.
 */
export const JOURNAL_STALE_MS = 60_000;

/** The largest journal recovery reads; a bigger file with a journal's name is left alone. */
export const JOURNAL_MAX_BYTES = 1 << 20;

/** The most files one output set may hold (each needs a staged and a backup name). */
export const OUTPUT_SET_MAX_FILES = 10_000;

/**
 * This host and process-id namespace: two containers with the same host name but their own
 * process ids (where pid 7 is a different process in each) get different tags.
 */
const HOST_TAG = (() => {
  let pidNamespace = "";
  try {
    pidNamespace = readlinkSync("/proc/self/ns/pid");
  } catch {
    // Not Linux: the host name alone.
  }
  return createHash("sha256").update(`${hostname()}\0${pidNamespace}`).digest("hex").slice(0, 8);
})();

const NAME = /^\.clausewright-(([0-9a-f]{8})-(\d{1,10})-(\d{1,10})-[0-9a-f]{8})(?:\.journal|-(\d{1,5})\.(new|old))$/;

/** Who wrote a set: the host tag, process id and thread of the writer. */
export interface Owner {
  readonly host: string;
  readonly pid: number;
  readonly thread: number;
}

/** What a file name of ours says: the set it belongs to, its owner, and what it is. */
export interface SetFileName {
  readonly id: string;
  readonly owner: Owner;
  readonly kind: "journal" | "new" | "old";
  readonly index?: number;
}

/** A fresh set id, naming this writer as its owner. */
export function newSetId(): string {
  return `${HOST_TAG}-${process.pid}-${threadId}-${randomBytes(4).toString("hex")}`;
}

/** The journal's name in each folder of set `id`. */
export function journalName(id: string): string {
  return `.clausewright-${id}.journal`;
}

/** The staged new content of target `index` of set `id`, in the target's folder. */
export function stagedName(id: string, index: number): string {
  return `.clausewright-${id}-${index}.new`;
}

/** The backup of target `index`'s previous file, in the target's folder. */
export function backupName(id: string, index: number): string {
  return `.clausewright-${id}-${index}.old`;
}

/** Parses one of our file names; undefined for any other name. */
export function parseSetFileName(name: string): SetFileName | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, id = "", host = "", pid = "", thread = "", index, kind] = m;
  const owner = { host, pid: Number(pid), thread: Number(thread) };
  if (index === undefined) return { id, owner, kind: "journal" };
  return { id, owner, kind: kind === "new" ? "new" : "old", index: Number(index) };
}

/** Set ids this thread is writing right now: the only ones of its own that recovery must not touch. */
const ACTIVE = new Set<string>();

/** Marks set `id` as being written (or, with `false`, as finished or abandoned) by this thread. */
export function setActive(id: string, active: boolean): void {
  if (active) ACTIVE.add(id);
  else ACTIVE.delete(id);
}

function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errnoCode(err) === "EPERM";
  }
}

/**
 * Whether the writer of a set may still be running, from its owner and the time its journal was
 * last touched (`mtimeMs`, kept fresh by the writer's heartbeat).
 */
export function ownerAlive(owner: Owner, id: string, mtimeMs: number, now = Date.now()): boolean {
  const fresh = now - mtimeMs < JOURNAL_STALE_MS;
  if (owner.host !== HOST_TAG) return fresh;
  if (owner.pid === process.pid) return owner.thread === threadId ? ACTIVE.has(id) : fresh;
  return fresh && processAlive(owner.pid);
}

/** The first line of the journal in the set's first folder (its coordinator): the whole set. */
export interface CoordinatorHeader {
  /** The targets, relative to the coordinator's folder, with `/` between folders. */
  readonly targets: readonly string[];
  /** The set's other folders, relative to the coordinator's folder; each holds a participant journal. */
  readonly participants: readonly string[];
}

/**
 * The line appended once every new file is staged and every backup made, just before the first
 * rename: from here on targets may have been replaced.
 */
export interface SwapMark {
  /** The indexes of the targets that had a previous file, now kept as a backup. */
  readonly backups: readonly number[];
  /** The inode of each staged file: a target is only put back while it is still that file. */
  readonly inodes: readonly string[];
}

/** A journal as read back. "torn": its first line never got written whole, so nothing else was done. */
export type Journal =
  | { readonly kind: "torn" }
  | { readonly kind: "coordinator"; readonly header: CoordinatorHeader; readonly swap?: SwapMark }
  | { readonly kind: "participant"; readonly coordinator: string };

/** The journal of a participant folder: where the coordinator is, relative to this folder. */
export function participantText(coordinator: string): string {
  return `${JSON.stringify({ v: 1, coordinator })}\n`;
}

/** The first line of a coordinator journal. */
export function coordinatorText(header: CoordinatorHeader): string {
  return `${JSON.stringify({ v: 1, targets: header.targets, participants: header.participants })}\n`;
}

/** The swap mark's line. */
export function swapText(mark: SwapMark): string {
  return `${JSON.stringify({ swap: mark })}\n`;
}

/** A relative path a journal may name: no absolute path, no empty or NUL part, never one of our own files. */
function safeRelative(p: unknown, allowDots: boolean): p is string {
  if (typeof p !== "string" || p === "" || p.includes("\0") || isAbsolute(p) || p.includes("\\")) return false;
  const parts = p.split("/");
  const last = parts[parts.length - 1] ?? "";
  if (parseSetFileName(last)) return false;
  return parts.every((s) => s !== "" && s !== "." && (allowDots || s !== ".."));
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a journal's text. A first line that is incomplete or not ours is "torn"; a swap mark that
 * is incomplete counts as absent (the renames start only once it is on disk).
 */
export function parseJournal(text: string): Journal {
  const lines = text.split("\n");
  // A line counts only when its newline was written too.
  const whole = lines.slice(0, -1);
  const head = whole[0] === undefined ? undefined : parseLine(whole[0]);
  if (head?.v !== 1) return { kind: "torn" };
  if ("coordinator" in head) {
    const dir = head.coordinator;
    return safeRelative(dir, true) ? { kind: "participant", coordinator: dir } : { kind: "torn" };
  }
  const { targets, participants } = head;
  if (!Array.isArray(targets) || targets.length === 0 || targets.length > OUTPUT_SET_MAX_FILES || !targets.every((t) => safeRelative(t, true))) return { kind: "torn" };
  if (!Array.isArray(participants) || !participants.every((p) => safeRelative(p, true))) return { kind: "torn" };
  const header: CoordinatorHeader = { targets: targets as string[], participants: participants as string[] };
  const mark = whole[1] === undefined ? undefined : parseLine(whole[1])?.swap;
  const swap = mark as Partial<SwapMark> | undefined;
  const n = targets.length;
  if (
    swap &&
    Array.isArray(swap.backups) &&
    swap.backups.every((i) => Number.isInteger(i) && i >= 0 && i < n) &&
    Array.isArray(swap.inodes) &&
    swap.inodes.length === n &&
    swap.inodes.every((i) => typeof i === "string" && /^\d{1,20}$/.test(i))
  ) {
    return { kind: "coordinator", header, swap: { backups: swap.backups, inodes: swap.inodes } };
  }
  return { kind: "coordinator", header };
}

/**
 * Flushes a folder's entries (new names, renames) to disk. Best effort: some systems cannot
 * open a folder for this, and then there is nothing more to do.
 */
export async function syncFolder(dir: string): Promise<void> {
  const fh = await open(dir, "r").catch(() => undefined);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // EINVAL/EPERM where folders cannot be synced.
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** Stands for the process dying at a step, in tests: the write stops where it is, cleaning nothing up. */
export class SimulatedCrash extends Error {
  constructor(step: string) {
    super(`simulated crash before ${step}`);
    this.name = "SimulatedCrash";
  }
}

/**
 * Test hook, internal: called before every step of a write or a recovery that changes the file
 * system (and before each fsync), numbered from 0 per call. It may throw (an I/O error), throw a
 * {@link SimulatedCrash} (the process dies there), or wait.
 */
export const outputTestHooks: { step?: (phase: "write" | "recover", n: number, what: string) => void | Promise<void> } = {};

/** Numbers the steps of one write or recovery for {@link outputTestHooks}. */
export class Steps {
  private n = 0;
  constructor(private readonly phase: "write" | "recover") {}

  /** Before a step that changes the file system. */
  async next(what: string): Promise<void> {
    const hook = outputTestHooks.step;
    if (hook) await hook(this.phase, this.n++, what);
  }
}
