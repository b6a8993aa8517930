import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file atomically: to a temporary file in the same folder, then a
 * rename, so a reader never sees half a file and a failure leaves nothing.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes several files so that either all of them land or none do: every file
 * goes to a temporary name first, and only when all are written are they
 * renamed into place.
 */
export async function writeFilesAtomic(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const dir = dirname(f.path);
      await mkdir(dir, { recursive: true });
      const tmp = join(dir, `.${basename(f.path)}.${randomBytes(6).toString("hex")}.tmp`);
      staged.push({ tmp, path: f.path });
      await writeFile(tmp, f.data);
    }
    for (const s of staged) await rename(s.tmp, s.path);
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    throw err;
  }
}
