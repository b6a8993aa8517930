import { createHash } from "node:crypto";
import type { AssemblyRecord } from "../record/record.js";

/** One file of a drafted agreement, named but not yet written. */
export interface DraftedFile {
  /** File name: the base name and the format's extension (`CW-2026-0418.docx`). */
  readonly name: string;
  readonly data: Uint8Array | string;
  /** SHA-256 (hex) of the bytes written (Markdown as UTF-8). */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** SHA-256 (hex) of bytes, or of a string as UTF-8. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * SHA-256 (hex) of an assembly record as the DOCX and PDF embed it (`JSON.stringify`, no spaces):
 * the same deal, catalogue, packs and options give the same hash, and any change to one of them a
 * different one. The batch compares it to decide that the files it has are still this draft's.
 */
export function recordSha256(record: AssemblyRecord): string {
  return sha256Hex(JSON.stringify(record));
}

/** The files of one draft, `<base>.docx`, `.pdf`, `.md`, `.html` in that order, as far as they were rendered, with their hashes. */
export function draftedFiles(
  base: string,
  result: { readonly docx?: Uint8Array | undefined; readonly pdf?: Uint8Array | undefined; readonly markdown?: string | undefined; readonly html?: string | undefined },
): DraftedFile[] {
  const files: DraftedFile[] = [];
  const add = (ext: string, data: Uint8Array | string): void => {
    files.push({ name: `${base}.${ext}`, data, sha256: sha256Hex(data), bytes: typeof data === "string" ? Buffer.byteLength(data, "utf8") : data.byteLength });
  };
  if (result.docx) add("docx", result.docx);
  if (result.pdf) add("pdf", result.pdf);
  if (result.markdown !== undefined) add("md", result.markdown);
  if (result.html !== undefined) add("html", result.html);
  return files;
}
