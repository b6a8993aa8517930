import { ClausewrightError } from "../../errors/error.js";
import { optionProblems } from "../../options.js";
import { startPreview, type Preview, type PreviewBuild, type PreviewView } from "../../node/preview/index.js";
import { problemLocation } from "../../node/preview/page.js";
import { stat } from "node:fs/promises";
import type { Problem } from "../../errors/problem.js";
import { dealFileUnreadable } from "../../node/deal-file.js";
import { fsPath, type CommandContext } from "../context.js";
import { EXIT, reportFailure } from "../report.js";
import { documentOptions, type DocumentFlags } from "./shared.js";

/** The flags of `preview`: the document flags of `draft`, and the port. */
export interface PreviewFlags extends DocumentFlags {
  /** The port on 127.0.0.1; without it {@link DEFAULT_PREVIEW_PORT}, or any free port when that one is taken. */
  readonly port?: number;
}

/** The port the preview tries first, so a page left open finds the next run at the same address. */
export const DEFAULT_PREVIEW_PORT = 4700;

/**
 * `preview <deal>`: serves the live preview on 127.0.0.1 until Ctrl-C, printing its address on
 * stdout and one line per build on stderr. Opens no browser. Exit 0 when stopped with Ctrl-C; 1
 * when it cannot start (a port in use, bad options); 2 for a deal of `-` (standard input cannot
 * be watched).
 */
export async function runPreview(dealArg: string, opts: PreviewFlags, ctx: CommandContext): Promise<number> {
  if (dealArg === "-") {
    ctx.stderr.write("error: preview watches a deal sheet file; standard input (-) cannot be watched\n");
    return EXIT.usage;
  }
  const options = { lang: opts.lang, ...documentOptions(opts) };
  const early = optionProblems(options, "check");
  if (early.length > 0) {
    reportFailure(ctx, early);
    return EXIT.invalid;
  }
  // A mistyped path fails at once, as in the other commands; once running, a file that goes away is shown in the page.
  const missing = await missingInputs(fsPath(ctx, dealArg), dealArg, opts.pack, ctx);
  if (missing.length > 0) {
    reportFailure(ctx, missing);
    return EXIT.invalid;
  }
  if (!ctx.onInterrupt) {
    ctx.stderr.write("error: preview runs until it is interrupted (Ctrl-C), and this run has no way to interrupt it\n");
    return EXIT.usage;
  }
  const input = {
    deal: fsPath(ctx, dealArg),
    packs: opts.pack.map((p) => fsPath(ctx, p)),
    allowRuleOverride: opts.allowRuleOverride,
    options,
    onBuild: (view: PreviewView, build: PreviewBuild) => {
      const first = build.problems.find((p) => p.severity === "error");
      const where = first ? problemLocation(first) : undefined;
      const { error, warning, info } = view.counts;
      const what = view.drafted ? "drafted" : "not drafted";
      const lead = first ? ` — ${first.code}${where ? ` (${where})` : ""}: ${first.message.split("\n")[0]}` : "";
      ctx.stderr.write(`${new Date().toTimeString().slice(0, 8)} ${what}: ${error} error(s), ${warning} warning(s), ${info} info${lead}\n`);
    },
    onWatchError: (err: unknown) => ctx.stderr.write(`warning: watching the files: ${err instanceof Error ? err.message : String(err)}\n`),
  };
  let preview: Preview;
  try {
    preview = await startPreview({ ...input, port: opts.port ?? DEFAULT_PREVIEW_PORT }).catch((err: unknown) => {
      // The usual port taken by another program (or another preview): any free one will do.
      if (opts.port === undefined && ClausewrightError.is(err) && err.problems.some((p) => p.code === "PREVIEW_PORT_IN_USE")) return startPreview({ ...input, port: 0 });
      throw err;
    });
  } catch (err) {
    if (!ClausewrightError.is(err)) throw err;
    reportFailure(ctx, err.problems);
    return EXIT.invalid;
  }
  ctx.stdout.write(`Preview of ${dealArg} at ${preview.url}\nIt redraws when the deal sheet or a pack file is saved. Ctrl-C stops it.\n`);
  const onInterrupt = ctx.onInterrupt;
  await new Promise<void>((resolve) => {
    const off = onInterrupt(() => {
      off();
      resolve();
    });
  });
  await preview.close();
  ctx.stderr.write("preview stopped\n");
  return EXIT.ok;
}

/** The deal sheet if it is not a readable file, and each pack folder that is not a folder, as the problems `draft` reports. */
async function missingInputs(deal: string, dealArg: string, packs: readonly string[], ctx: CommandContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const dealStat = await stat(deal).catch((err: unknown) => err);
  if (dealStat instanceof Error) problems.push(...dealFileUnreadable(dealArg, dealStat).problems);
  for (const dir of packs) {
    const st = await stat(fsPath(ctx, dir)).catch(() => undefined);
    if (!st?.isDirectory()) problems.push({ code: "PACK_NOT_FOUND", severity: "error", file: dir, message: `Pack folder ${dir} ${st ? "is a file, not a folder" : "does not exist"}` });
  }
  return problems;
}
