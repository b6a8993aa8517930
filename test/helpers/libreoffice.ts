/**
 * What LibreOffice itself makes of the tracked changes in DOCX files: the count of redlines it
 * reports, and the text after its own Accept All and Reject All. A typed wrapper around
 * `lo_redlines.py` (one headless soffice through UNO for a whole batch of files; its doc comment
 * says exactly what the text holds and drops). Tests that call it need the tools `LO_REDLINE_TOOLS`
 * (`itWithTools` skips them locally and fails them under CI=true when one is missing).
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { hasTool, libreofficeProfile, tempDir, unoPython } from "./tools.js";

/** What `loRedlines` needs, by the names `itWithTools` takes. */
export const LO_REDLINE_TOOLS = ["soffice", "python3-uno"];

const SCRIPT = fileURLToPath(new URL("./lo_redlines.py", import.meta.url));

const Detail = z.object({
  type: z.string().optional(),
  author: z.string().optional(),
  date: z.string().optional(),
  text: z.string().nullable().optional(),
  textError: z.string().optional(),
});

const Result = z.object({
  file: z.string(),
  loaded: z.boolean(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  redlines: z.number().int().optional(),
  redlineTypes: z.record(z.string(), z.number().int()).optional(),
  details: z.array(Detail).optional(),
  original: z.string().optional(),
  accepted: z.string().optional(),
  rejected: z.string().optional(),
  left: z.object({ accepted: z.number().int(), rejected: z.number().int() }).optional(),
  empty: z.object({ original: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }).optional(),
  timings: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

/**
 * One file as LibreOffice saw it. `loaded: false` comes with `error` (missing, empty, damaged, not
 * a Word document); an `error` with `loaded: true` means soffice hung or crashed on the file after
 * loading it. Texts are one line per paragraph (see lo_redlines.py).
 */
export type LoRedlines = z.infer<typeof Result>;

/** One redline LibreOffice reports (with `details`). */
export type LoRedlineDetail = z.infer<typeof Detail>;

/** Options of one batch. */
export interface LoRedlinesOptions {
  /** Only `original`: no redline count, no accept or reject (for drafts without changes; quicker). */
  onlyText?: boolean;
  /** Keep empty paragraphs as empty lines (they are dropped otherwise, and counted in `empty`). */
  keepEmpty?: boolean;
  /** Each redline's type, author, date and text in `details`. */
  details?: boolean;
  /** Reject on the file loaded again rather than on the accept undone (slower; the same text). */
  reload?: boolean;
  /** Seconds one file (load, accept, reject) may take before soffice is killed and the file reported with an error. */
  timeoutSeconds?: number;
  /** Per-file timings (seconds) in `timings`. */
  timings?: boolean;
}

/**
 * Runs LibreOffice once over DOCX files and returns what it made of each, in the order given.
 * Throws when the tools are missing or soffice cannot be started; a file LibreOffice cannot load
 * is a result with `loaded: false`, not an error.
 */
export function loRedlines(files: readonly string[], opts: LoRedlinesOptions = {}): LoRedlines[] {
  const python = unoPython();
  if (!python || !hasTool("soffice")) {
    throw new Error(`loRedlines needs soffice and a python3 that can import uno (Debian python3-uno; or set CLAUSEWRIGHT_PYTHON); .ci/run installs them`);
  }
  if (files.length === 0) return [];
  const args = [SCRIPT, "--profile", libreofficeProfile()];
  if (opts.onlyText) args.push("--only-text");
  if (opts.keepEmpty) args.push("--keep-empty");
  if (opts.details) args.push("--details");
  if (opts.timings) args.push("--timings");
  if (opts.reload) args.push("--reload");
  if (opts.timeoutSeconds !== undefined) args.push("--timeout", String(opts.timeoutSeconds));
  // "--" so that a file name starting with a dash is a file.
  const run = spawnSync(python, [...args, "--", ...files], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`lo_redlines.py exited with ${run.status ?? run.signal}: ${run.stderr.trim()}`);
  const results = z.array(Result).parse(JSON.parse(run.stdout));
  if (results.length !== files.length) throw new Error(`lo_redlines.py reported ${results.length} results for ${files.length} files`);
  return results;
}

/** `loRedlines` of DOCX bytes (written to a temporary folder as doc0.docx, doc1.docx, ...). */
export function loRedlinesOf(docxs: readonly Uint8Array[], opts: LoRedlinesOptions = {}): LoRedlines[] {
  const dir = tempDir("cw-lo-redlines-");
  try {
    const files = docxs.map((d, i) => {
      const f = join(dir, `doc${i}.docx`);
      writeFileSync(f, d);
      return f;
    });
    return loRedlines(files, opts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
