import { open, type FileHandle } from "node:fs/promises";
import type { ClausewrightError } from "../errors/error.js";

/** How a bounded read fails: the caller's own problem codes. */
export interface BoundedReadErrors {
  /** The file cannot be opened or read (`err` says why). */
  readonly unreadable: (err: unknown) => ClausewrightError;
  /** More than the limit: `size` is what the file said, or the limit when reading went past it. */
  readonly tooLarge: (size: number, readPastLimit: boolean) => ClausewrightError;
}

/** Bytes read at a time: a large limit does not mean a large buffer for a small file. */
const CHUNK = 1024 * 1024;

/**
 * The bytes of a file, never more than `maxBytes`: a file that says it is larger is refused before
 * it is read, and reading stops one byte past the limit whatever its size said (a device, a pipe, a
 * file that grows). A folder is unreadable. The file is only read, and always closed.
 */
export async function readFileBounded(path: string, maxBytes: number, errors: BoundedReadErrors): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    throw errors.unreadable(err);
  }
  try {
    const info = await handle.stat().catch((err: unknown) => {
      throw errors.unreadable(err);
    });
    if (info.isDirectory()) throw errors.unreadable(Object.assign(new Error("is a folder"), { code: "EISDIR" }));
    if (info.isFile() && info.size > maxBytes) throw errors.tooLarge(info.size, false);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null).catch((err: unknown) => {
        throw errors.unreadable(err);
      });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw errors.tooLarge(maxBytes, true);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
