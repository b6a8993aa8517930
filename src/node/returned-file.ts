import { COMPARE_LIMITS } from "../compare/zip.js";
import { ClausewrightError } from "../errors/error.js";
import { readFileBounded } from "./bounded-read.js";
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
export function readReturnedFile(path: string, shownAs: string = path): Promise<Uint8Array> {
  return readFileBounded(path, COMPARE_LIMITS.maxFileBytes, { unreadable: (err) => unreadable(shownAs, err), tooLarge: () => tooLarge(shownAs) });
}
