import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { ClausewrightError } from "../../errors/error.js";
import { describeIoError } from "../io-error.js";
import type { DealFileInput, DealSheetInput } from "./pool.js";

/** One deal of a batch named by the command line: a deal sheet file, or one line of a JSON Lines file. */
export type PlannedDeal = (DealFileInput | DealSheetInput) & { readonly source: string };

/** The deals a batch's arguments name: how many, and the deals themselves, read as they are needed. */
export interface PlannedInputs {
  readonly total: number;
  readonly deals: () => AsyncIterable<PlannedDeal>;
}

const DEAL_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

type Part = { readonly kind: "file"; readonly path: string; readonly shown: string } | { readonly kind: "jsonl"; readonly path: string; readonly shown: string; readonly lines: number };

function unreadable(shown: string, reason: string, cause?: unknown): ClausewrightError {
  return new ClausewrightError(
    [{ code: "BATCH_INPUT_UNREADABLE", severity: "error", file: shown, message: `Cannot read the batch input ${shown}: ${reason}` }],
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The deals named by `args`: deal sheet files (`.yaml`, `.yml`, `.json`), folders (every deal sheet
 * in them and their sub-folders, by name, hidden ones and `skip` left out) and JSON Lines files
 * (`.jsonl`, one deal object per line, blank lines skipped). A file named twice is drafted once.
 * Only names are gathered here (and JSON Lines lines counted): deal sheets are read by the worker
 * that drafts them, JSON Lines files line by line as the batch goes. Paths are relative to `cwd`;
 * messages show them as typed.
 */
export async function planInputs(args: readonly string[], cwd: string, skip: readonly string[] = []): Promise<PlannedInputs> {
  const skipped = new Set(skip.map((s) => resolve(cwd, s)));
  const seen = new Set<string>();
  const parts: Part[] = [];
  const addFile = async (path: string, shown: string): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    if (extname(path).toLowerCase() === ".jsonl") parts.push({ kind: "jsonl", path, shown, lines: await countLines(path, shown) });
    else parts.push({ kind: "file", path, shown });
  };
  const walk = async (dir: string, shown: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw unreadable(shown, describeIoError(err), err);
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = join(dir, e.name);
      if (skipped.has(path)) continue;
      if (e.isDirectory()) await walk(path, join(shown, e.name));
      else if (e.isFile() && (DEAL_EXTENSIONS.has(extname(e.name).toLowerCase()) || extname(e.name).toLowerCase() === ".jsonl")) await addFile(path, join(shown, e.name));
    }
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    const st = await stat(path).catch((err: unknown) => {
      throw unreadable(arg, describeIoError(err), err);
    });
    if (st.isDirectory()) await walk(path, arg);
    else await addFile(path, arg);
  }
  const total = parts.reduce((n, p) => n + (p.kind === "jsonl" ? p.lines : 1), 0);
  if (total === 0) {
    throw new ClausewrightError([
      {
        code: "BATCH_NO_DEALS",
        severity: "error",
        message: `No deal sheets in ${args.join(", ") || "the arguments"}`,
        hint: "Name deal sheet files (.yaml, .yml, .json), folders that hold them, or a .jsonl file with one deal per line.",
      },
    ]);
  }
  return { total, deals: () => plannedDeals(parts) };
}

async function* plannedDeals(parts: readonly Part[]): AsyncGenerator<PlannedDeal> {
  for (const part of parts) {
    if (part.kind === "file") {
      yield { path: part.path, source: part.shown };
      continue;
    }
    let line = 0;
    for await (const text of lines(part.path, part.shown)) {
      line++;
      if (text.trim() === "") continue;
      yield { sheet: text, format: "json", source: `${part.shown}:${line}`, file: part.shown, lineOffset: line - 1 };
    }
  }
}

function lines(path: string, shown: string): AsyncIterable<string> {
  const stream = createReadStream(path, { encoding: "utf8" });
  const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  stream.on("error", () => undefined);
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const l of reader) yield l.replace(/^\uFEFF/, "");
      } catch (err) {
        throw unreadable(shown, describeIoError(err), err);
      } finally {
        reader.close();
        stream.destroy();
      }
    },
  };
}

async function countLines(path: string, shown: string): Promise<number> {
  let n = 0;
  for await (const l of lines(path, shown)) if (l.trim() !== "") n++;
  return n;
}
