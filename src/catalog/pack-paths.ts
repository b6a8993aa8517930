import type { Problem } from "../errors/problem.js";
import type { PackFiles } from "./types.js";

/**
 * Keeps only file names that stay inside the pack: relative, forward slashes,
 * no `..` or `.` segments. A pack given as a file map (a bundle, or files from
 * an untrusted source) must not name anything outside itself; the others are
 * reported and dropped.
 */
export function safePackFiles(files: PackFiles, problems: Problem[]): PackFiles {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const segments = name.split("/");
    if (name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.includes("\\") || name.includes("\0") || segments.some((s) => s === ".." || s === "." || s === "")) {
      problems.push({ code: "PACK_PATH_ESCAPE", severity: "error", file: name, message: `${JSON.stringify(name)} is not a plain path inside the pack (no "..", ".", absolute paths or backslashes)` });
      continue;
    }
    out[name] = text;
  }
  return out;
}
