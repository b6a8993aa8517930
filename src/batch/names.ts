import type { Problem } from "../errors/problem.js";
/**
 * File names for agreements drafted in bulk (the batch, the queue worker): each deal's files are
 * named from its agreement reference, so the name says which agreement a file is, whatever the
 * deal sheet was called or wherever it came from.
 */

/** Longest base name kept, in characters: file systems allow 255 bytes, and a CJK character is 3. */
const MAX_NAME = 80;

// Names Windows refuses whatever the extension; a folder shared with Windows users must not hold them.
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The base file name (no extension) for an agreement reference: letters and digits of any script,
 * `.`, `_` and `-` are kept; every other run of characters (spaces, `/`, `\`, `:`, quotes, control
 * characters) becomes one `-`; leading dots and dashes go (no hidden files, no option-like names).
 * NFC-normalised, at most 80 characters. A reference with nothing usable left is `agreement`.
 * `CW-2026-0418` → `CW-2026-0418`; `ACME/2026 #7` → `ACME-2026-7`.
 */
export function fileNameOfReference(reference: string): string {
  const cleaned = reference
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}\p{M}._-]+/gu, "-")
    .replace(/^[.-]+/, "")
    .replace(/[.-]+$/, "");
  const cut = [...cleaned]
    .slice(0, MAX_NAME)
    .join("")
    .replace(/[.-]+$/, "");
  if (cut === "") return "agreement";
  return WINDOWS_DEVICES.test(cut) ? `${cut}-agreement` : cut;
}

/**
 * The key two names clash on: the same letters in any case. macOS and Windows file systems do not
 * tell `CW-1` from `cw-1`, so a batch that wrote both would lose one agreement there.
 */
export function nameClashKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** The problem of a deal whose file name another deal already holds (`message` says which, and where). */
export function nameClashProblem(message: string, hint = "Give each agreement its own reference."): Problem {
  return { code: "BATCH_NAME_CLASH", severity: "error", path: ["agreement", "reference"], message, hint };
}
