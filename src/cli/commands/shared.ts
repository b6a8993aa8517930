import type { LangOption } from "../../check/engine.js";
import type { DraftOptions } from "../../draft.js";
import type { Problem } from "../../errors/problem.js";
import type { Pack } from "../../catalog/types.js";
import type { BilingualLayout, Lang } from "../../model/types.js";
import { loadPackDir } from "../../node/pack-dir.js";
import { fsPath, type CommandContext } from "../context.js";
import type { Locator } from "../report.js";

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

/** Check problems (which know only their data path) with the deal file position added. */
export function located(problems: readonly Problem[], where: Locator): Problem[] {
  return problems.map((p) => (p.code.startsWith("CHECK_") && p.file === undefined && p.path?.length ? { ...p, ...where(p.path) } : p));
}
