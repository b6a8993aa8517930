import { stat } from "node:fs/promises";
import type { Problem } from "../../errors/problem.js";
import { describeIoError, errnoCode } from "../../node/io-error.js";
import { checkPackDir, formatPackProblem } from "../../node/pack-check.js";
import { testPackDir } from "../../node/pack-test.js";
import { fsPath, type CommandContext } from "../context.js";
import { EXIT, jsonOfProblem, printReport, reportFailure } from "../report.js";

/**
 * The pack folder argument must be a folder; anything else is a usage error
 * (exit 2), reported as `PACK_NOT_FOUND` naming the path.
 */
async function missingPackDir(dir: string, ctx: CommandContext): Promise<Problem | undefined> {
  const found = await stat(fsPath(ctx, dir)).then(
    (st) => (st.isDirectory() ? undefined : "is a file, not a folder"),
    (err: unknown) => (errnoCode(err) === "ENOENT" ? "does not exist" : `cannot be opened: ${describeIoError(err)}`),
  );
  return found === undefined ? undefined : { code: "PACK_NOT_FOUND", severity: "error", file: dir, message: `Pack folder ${dir} ${found}` };
}

/** `pack check <dir>`: every problem of the pack at once, as `file:line:column CODE message` (or the `--json` report). */
export async function runPackCheck(dir: string, ctx: CommandContext, allowRuleOverride: readonly string[] = []): Promise<number> {
  const missing = await missingPackDir(dir, ctx);
  if (missing) {
    reportFailure(ctx, [missing]);
    return EXIT.usage;
  }
  const { problems } = await checkPackDir(fsPath(ctx, dir), { allowRuleOverride });
  const errors = problems.filter((p) => p.severity === "error").length;
  if (ctx.json) {
    printReport(ctx, { ok: errors === 0, problems: problems.map(jsonOfProblem) });
  } else {
    for (const p of problems) ctx.stdout.write(`${formatPackProblem(p)}\n`);
    ctx.stdout.write(errors ? `${errors} error(s), ${problems.length - errors} warning(s)\n` : `ok: ${dir} (${problems.length} warning(s))\n`);
  }
  return errors ? EXIT.invalid : EXIT.ok;
}

/** `pack test <dir>`: renders the pack's clauses with its fixtures and compares with (or, with `--update`, rewrites) the snapshots. */
export async function runPackTest(dir: string, opts: { readonly update?: boolean; readonly allowRuleOverride?: readonly string[] }, ctx: CommandContext): Promise<number> {
  const missing = await missingPackDir(dir, ctx);
  if (missing) {
    reportFailure(ctx, [missing]);
    return EXIT.usage;
  }
  const result = await testPackDir(fsPath(ctx, dir), { update: opts.update === true, allowRuleOverride: opts.allowRuleOverride ?? [] });
  for (const p of result.problems) ctx.stdout.write(`${formatPackProblem(p)}\n`);
  let failed = result.problems.length > 0;
  for (const s of result.snapshots) {
    ctx.stdout.write(`${s.status} ${dir}/${s.file}${s.note ? `: ${s.note}` : ""}\n`);
    if (s.diff) ctx.stdout.write(s.diff);
    if (s.status === "mismatch" || s.status === "missing") failed = true;
  }
  if (failed && result.snapshots.some((s) => s.diff)) ctx.stdout.write("Review the diff; if the new wording is intended, run with --update.\n");
  return failed ? EXIT.invalid : EXIT.ok;
}
