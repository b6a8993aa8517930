import type { LangOption } from "../../check/engine.js";
import type { DraftOptions } from "../../draft.js";
import { join, relative } from "node:path";
import { formatProblem, type Problem } from "../../errors/problem.js";
import { recoverOutputs } from "../../node/output-recover.js";
import type { Pack } from "../../catalog/types.js";
import type { BilingualLayout, Lang } from "../../model/types.js";
import { loadPackDir } from "../../node/pack-dir.js";
import { fsPath, type CommandContext } from "../context.js";

/** The flags `draft` and `check` share that decide the document. */
export interface DocumentFlags {
  readonly lang: LangOption;
  readonly pack: readonly string[];
  /** Safety rules the packs may replace (`--allow-rule-override`). */
  readonly allowRuleOverride: readonly string[];
  readonly layout?: BilingualLayout;
  readonly primary?: Lang;
  readonly agreement?: string;
  readonly numbering?: string;
  readonly usDates?: boolean;
}

/** The document flags as API options. */
export function documentOptions(opts: Omit<DocumentFlags, "lang" | "pack" | "allowRuleOverride">): Pick<DraftOptions, "layout" | "primary" | "agreement" | "numbering" | "dateStyle"> {
  return {
    ...(opts.layout ? { layout: opts.layout } : {}),
    ...(opts.primary ? { primary: opts.primary } : {}),
    ...(opts.agreement ? { agreement: opts.agreement } : {}),
    ...(opts.numbering ? { numbering: opts.numbering } : {}),
    ...(opts.usDates ? { dateStyle: "en-US" as const } : {}),
  };
}

/** Loads the `--pack` folders, relative to the run's folder. */
export function loadPacks(dirs: readonly string[], ctx: CommandContext): Promise<Pack[]> {
  return Promise.all(dirs.map((dir) => loadPackDir(fsPath(ctx, dir))));
}

/** Problems a command prints as they come (on stderr, unless `--json`) and keeps for the JSON report. */
export function problemLog(ctx: CommandContext): { readonly notes: Problem[]; readonly note: (problems: readonly Problem[]) => void } {
  const notes: Problem[] = [];
  return {
    notes,
    note: (problems) => {
      notes.push(...problems);
      if (!ctx.json) for (const p of problems) ctx.stderr.write(`${formatProblem(p)}\n`);
    },
  };
}

/**
 * Finishes an interrupted earlier write into `--out` (a killed run), and says so when it had to
 * put files back: the folder then holds what it held before that run, not its output.
 */
export async function recoverOut(out: string, ctx: CommandContext): Promise<Problem[]> {
  const dir = fsPath(ctx, out);
  const { rolledBack } = await recoverOutputs(dir);
  if (rolledBack.length === 0) return [];
  const names = rolledBack.map((f) => relative(dir, f)).join(", ");
  return [{ code: "OUTPUT_RECOVERED", severity: "warning", file: out, message: `An earlier write into ${out} was interrupted half way and has been undone (put back: ${names})` }];
}

/** A file a command writes: its path as typed under `--out`, and its data. */
export interface OutputFile {
  readonly path: string;
  readonly data: Uint8Array | string;
}

/** The document files of a draft or redline, `<out>/<name>.{docx,pdf,md,html}`, as far as they were rendered. */
export function documentFiles(out: string, name: string, result: { readonly docx?: Uint8Array; readonly pdf?: Uint8Array; readonly markdown?: string; readonly html?: string }): OutputFile[] {
  const files: OutputFile[] = [];
  if (result.docx) files.push({ path: join(out, `${name}.docx`), data: result.docx });
  if (result.pdf) files.push({ path: join(out, `${name}.pdf`), data: result.pdf });
  if (result.markdown !== undefined) files.push({ path: join(out, `${name}.md`), data: result.markdown });
  if (result.html !== undefined) files.push({ path: join(out, `${name}.html`), data: result.html });
  return files;
}

export { located, relocate } from "../../deal/sheet-positions.js";
