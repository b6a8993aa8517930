import { open, type FileHandle } from "node:fs/promises";
import { COMPARE_LIMITS } from "../compare/zip.js";
import { ClausewrightError } from "../errors/error.js";
import { describeIoError, errnoCode } from "./io-error.js";

function unreadable(shownAs: string, err: unknown): ClausewrightError {
  const message = errnoCode(err) === "ENOENT" ? `${shownAs} does not exist` : `Cannot read ${shownAs}: ${describeIoError(err)}`;
  return new ClausewrightError([{ code: "COMPARE_FILE_UNREADABLE", severity: "error", file: shownAs, message }], { cause: err });
}

function tooLarge(shownAs: string): ClausewrightError {
  const mib = COMPARE_LIMITS.maxFileBytes / 1024 / 1024;
  return new ClausewrightError([{ code: "COMPARE_TOO_LARGE", severity: "error", file: shownAs, message: `${shownAs} is too large to compare: more than ${mib} MiB` }]);
}

/**
 * The bytes of a file to compare (a DOCX that came back), never more than
 * `COMPARE_LIMITS.maxFileBytes`: a file that says it is larger is refused before it is read, and
 * reading stops one byte past the limit whatever its size said (a device, a pipe). A read failure
 * is `COMPARE_FILE_UNREADABLE`, too much `COMPARE_TOO_LARGE`. The file is only read.
 */
export async function readReturnedFile(path: string, shownAs: string = path): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (err) {
    throw unreadable(shownAs, err);
  }
  try {
    const info = await handle.stat().catch((err: unknown) => {
      throw unreadable(shownAs, err);
    });
    if (info.isDirectory()) throw unreadable(shownAs, Object.assign(new Error("is a folder"), { code: "EISDIR" }));
    if (info.isFile() && info.size > COMPARE_LIMITS.maxFileBytes) throw tooLarge(shownAs);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buffer = new Uint8Array(Math.min(1024 * 1024, COMPARE_LIMITS.maxFileBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null).catch((err: unknown) => {
        throw unreadable(shownAs, err);
      });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > COMPARE_LIMITS.maxFileBytes) throw tooLarge(shownAs);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    const out = new Uint8Array(total);
    let p = 0;
    for (const c of chunks) {
      out.set(c, p);
      p += c.byteLength;
    }
    return out;
  } finally {
    await handle.close().catch(() => undefined);
  }
}
