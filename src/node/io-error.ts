import { stat } from "node:fs/promises";
import { dirname } from "node:path";

/** The errno code of a Node file-system error ("ENOENT", …), if it has one. */
export function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "it does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  EEXIST: "it is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many levels of symbolic links",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EIO: "an input/output error",
  EBUSY: "it is busy",
  EINVAL: "the operation is not possible there",
};

/**
 * Why a file operation failed, in words a user can act on ("it does not
 * exist", "permission denied"), for one-line messages that never show a
 * stack trace. Unknown errors give their errno code or message.
 */
export function describeIoError(err: unknown): string {
  const code = errnoCode(err);
  const reason = code ? REASONS[code] : undefined;
  if (reason) return `${reason} (${code})`;
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * The nearest existing ancestor of `path` (or `path` itself) when it is not a
 * folder: the file that stands where a folder is needed, behind an ENOTDIR
 * or EEXIST. Undefined when there is no such file.
 */
export async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let cur = path; ; cur = dirname(cur)) {
    const st = await stat(cur).catch(() => undefined);
    if (st) return st.isDirectory() ? undefined : cur;
    if (dirname(cur) === cur) return undefined;
  }
}
