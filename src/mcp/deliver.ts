import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { DraftedFile } from "../batch/outputs.js";
import { ClausewrightError } from "../errors/error.js";
import { writeFilesAtomic } from "../node/write.js";
import { placeInRoots, type OutRoot } from "./out-roots.js";
import type { ToolProblem } from "./results.js";
import { toolProblem } from "./results.js";

/** The media type of each output file, by extension. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  md: "text/markdown",
  html: "text/html",
};

/** Where drafted files may go: the output roots the user gave, and whether writing is allowed at all (`--no-write`). */
export interface DeliveryPolicy {
  readonly roots: readonly OutRoot[];
  readonly write: boolean;
}

/** One delivered file, as `structuredContent.files` lists it. */
export interface DeliveredFile {
  readonly name: string;
  readonly mimeType: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The absolute path it was written to; absent when it came back as a resource. */
  readonly path?: string;
  /** The URI of the embedded resource it came back as; absent when it was written. */
  readonly uri?: string;
}

/** What delivering files gives: the listing, the embedded resources (none when written), and warnings. */
export interface Delivery {
  readonly files: readonly DeliveredFile[];
  /** The folder written into, links resolved; absent when the files came back as resources. */
  readonly dir?: string;
  readonly resources: CallToolResult["content"];
  readonly warnings: readonly ToolProblem[];
}

function mimeTypeOf(name: string): string {
  return MIME_TYPES[name.slice(name.lastIndexOf(".") + 1)] ?? "application/octet-stream";
}

/** The URI a file comes back under: a name in the server's own scheme, not a place on disk. */
function uriOf(name: string): string {
  return `clausewright://outputs/${encodeURIComponent(name)}`;
}

function asResources(files: readonly DraftedFile[]): Pick<Delivery, "files" | "resources"> {
  return {
    files: files.map((f) => ({ name: f.name, mimeType: mimeTypeOf(f.name), bytes: f.bytes, sha256: f.sha256, uri: uriOf(f.name) })),
    resources: files.map((f) => {
      const uri = uriOf(f.name);
      const mimeType = mimeTypeOf(f.name);
      // Markdown and HTML are text; DOCX and PDF are bytes, in base64 as the protocol carries blobs.
      return typeof f.data === "string"
        ? { type: "resource" as const, resource: { uri, mimeType, text: f.data } }
        : { type: "resource" as const, resource: { uri, mimeType, blob: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString("base64") } };
    }),
  };
}

/**
 * Hands a draft's files to the client: written into `dir` (atomically, all or none) when one is
 * given, writing is allowed and the folder lies inside an output root; returned as embedded
 * resources when no `dir` is given, or when the server may not write (`--no-write`: with a warning
 * that says so). A `dir` outside the roots, or a name already taken without `overwrite`, is a
 * refusal: problems, and nothing written.
 */
export async function deliver(
  files: readonly DraftedFile[],
  dir: string | undefined,
  overwrite: boolean,
  policy: DeliveryPolicy,
): Promise<{ ok: true; delivery: Delivery } | { ok: false; problems: ToolProblem[] }> {
  if (dir === undefined) return { ok: true, delivery: { ...asResources(files), warnings: [] } };
  if (!policy.write) {
    const warning: ToolProblem = {
      code: "MCP_WRITE_DISABLED",
      severity: "warning",
      path: ["dir"],
      message: `This server was started with --no-write: nothing was written to ${dir}; the files are returned as resources`,
      hint: "Leave dir out; the user can restart the server without --no-write to let it write files.",
    };
    return { ok: true, delivery: { ...asResources(files), warnings: [warning] } };
  }
  const placed = await placeInRoots(dir, policy.roots);
  if (!placed.ok) return placed;
  const targets = files.map((f) => ({ file: f, path: join(placed.dir, f.name) }));
  if (!overwrite) {
    const taken: string[] = [];
    for (const t of targets) {
      if (
        await lstat(t.path).then(
          () => true,
          () => false,
        )
      )
        taken.push(t.path);
    }
    if (taken.length > 0) {
      return {
        ok: false,
        problems: taken.map((path) => ({
          code: "MCP_OUTPUT_EXISTS",
          severity: "error" as const,
          path: ["dir"],
          file: path,
          message: `${path} already exists; nothing was written`,
          hint: "Pass overwrite: true to replace it, or name another folder.",
        })),
      };
    }
  }
  try {
    await writeFilesAtomic(targets.map((t) => ({ path: t.path, data: t.file.data })));
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    return { ok: false, problems: err.problems.map((p) => toolProblem(p)) };
  }
  return {
    ok: true,
    delivery: {
      files: targets.map((t) => ({ name: t.file.name, mimeType: mimeTypeOf(t.file.name), bytes: t.file.bytes, sha256: t.file.sha256, path: t.path })),
      dir: placed.dir,
      resources: [],
      warnings: [],
    },
  };
}
