import { Command, CommanderError, InvalidArgumentError } from "commander";
import { parseLangs, type LangOption } from "../check/engine.js";
import type { Format } from "../draft.js";
import { ClausewrightError } from "../errors/error.js";
import { BILINGUAL_LAYOUTS, type Lang } from "../model/types.js";
import { MAX_WORKER_MEMORY_MB, MIN_WORKER_MEMORY_MB } from "../node/batch/limits.js";
import { VERSION } from "../version.js";
import type { CompareFlags } from "./commands/compare.js";
import type { DocumentFlags } from "./commands/shared.js";
import type { DraftFlags } from "./commands/draft.js";
import type { RedlineFlags } from "./commands/redline.js";
import type { BatchFlags } from "./commands/batch.js";
import type { PreviewFlags } from "./commands/preview.js";
import type { McpFlags } from "./commands/mcp.js";
import type { CliIo, CommandContext } from "./context.js";
import { EXIT, reportFailure } from "./report.js";

// This module is all that `--version` and `--help` load: commander and a few constants. Each
// command imports its implementation (zod, the catalogue, docx, pdfkit, …) when it runs.

export type { CliIo, CliWriter } from "./context.js";

/** The output formats, as in `FORMATS` of the API; not imported from there, which would load the drafting code. */
const FORMATS = ["docx", "pdf", "md", "html"] as const satisfies readonly Format[];
/** The formats written when `--format` is not given, as `DEFAULT_FORMATS` of the API. */
const DEFAULT_FORMATS: readonly Format[] = ["docx", "pdf", "md"];
// A compile error here means a format was added to the API but not to the CLI.
const allFormats: Exclude<Format, (typeof FORMATS)[number]> extends never ? true : never = true;
void allFormats;

function parseFormats(value: string): Format[] {
  const list = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length > 0 || list.length === 0) throw new InvalidArgumentError(`formats are ${FORMATS.join(", ")} (got "${value}")`);
  return [...new Set(list)] as Format[];
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError(`--jobs is a whole number from 1 to 256 (got "${value}")`);
  return n;
}

function parseWorkerMemory(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < MIN_WORKER_MEMORY_MB || n > MAX_WORKER_MEMORY_MB) {
    throw new InvalidArgumentError(`--worker-memory is a whole number of MB from ${MIN_WORKER_MEMORY_MB} to ${MAX_WORKER_MEMORY_MB} (got "${value}")`);
  }
  return n;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`--port is a whole number from 0 to 65535 (got "${value}")`);
  return n;
}

function choice<T extends string>(values: readonly T[], what: string): (value: string) => T {
  return (value) => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`${what} is one of ${values.join(", ")} (got "${value}")`);
    return value as T;
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseLang(value: string): LangOption {
  if (!parseLangs(value)) throw new InvalidArgumentError(`languages are en, zh or en+zh (got "${value}")`);
  return value as LangOption;
}

/** What a run ends with: the exit code the command returned, and whether it asked for `--json`. */
interface RunState {
  code: number;
  json: boolean;
}

function program(io: CliIo, state: RunState): Command {
  const context = (json = false): CommandContext => {
    state.json = json;
    return { stdout: io.stdout, stderr: io.stderr, stdin: io.stdin ?? "", cwd: io.cwd ?? process.cwd(), json, ...(io.onInterrupt ? { onInterrupt: io.onInterrupt } : {}) };
  };
  const cmd = new Command("clausewright")
    .description("Draft service agreements (DOCX, PDF, Markdown) from a typed clause catalogue.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });

  cmd
    .command("draft")
    .description("Draft the agreement for a deal sheet and write it to a folder. Writes nothing when the deal is invalid.")
    .argument("<deal>", "deal sheet (.yaml, .yml or .json), or - to read it from standard input (JSON or YAML)")
    .requiredOption("-o, --out <dir>", "output folder (created when missing)")
    .option("-f, --format <list>", `comma-separated formats: ${FORMATS.join(",")} (default ${DEFAULT_FORMATS.join(",")})`, parseFormats, [...DEFAULT_FORMATS])
    .option("-n, --name <basename>", "file name without extension (default: the deal file's name; agreement for -)")
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .option("-l, --lang <lang>", "language of the agreement: en, zh or en+zh (en+zh: bilingual)", parseLang, "en" as LangOption)
    .option("--font <file>", "TTF/OTF/TTC font for Chinese text in the PDF (default: the bundled Noto Serif SC, a subset: see the README, Fonts)")
    .option("--font-bold <file>", "bold face for Chinese text (default: the --font file)")
    .option("--us-dates", "write dates US style (December 1, 2026)")
    .option("--layout <layout>", `bilingual layout: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first / on the left (default: the prevailing language, else en)", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id from the catalogue (default: the first, crm-saas)")
    .option("--numbering <style>", "numbering style or a pack's profile id: en, zh-article-decimal, zh-gbt9704, … (bilingual: the primary language's)")
    .option("--record", "also write the assembly record as <name>.json")
    .option("--force", "draft even when the checks find errors (recorded in the assembly record)")
    .option("--json", 'print { "ok", "problems", "outputs" } on stdout instead of text (README, "The CLI")')
    .action(async (deal: string, opts: DraftFlags & { json?: boolean }) => {
      const ctx = context(opts.json === true);
      const { runDraft } = await import("./commands/draft.js");
      state.code = await runDraft(deal, opts, ctx);
    });

  cmd
    .command("batch")
    .description(
      "Draft many deals into one folder on worker threads: files named from each deal's reference, progress on stderr (with --json, a JSON line per deal on stdout instead), batch-report.json with every deal's files, hashes and problems. A failed deal does not stop the others. Exit 1 when any deal failed, 130 when interrupted.",
    )
    .argument("<inputs...>", "deal sheet files (.yaml, .yml, .json), folders of them (searched recursively), or .jsonl files with one deal per line")
    .requiredOption("-o, --out <dir>", "output folder (created when missing)")
    .option("-j, --jobs <n>", "worker threads (default: the number of cores)", parseJobs)
    .option("--worker-memory <MB>", "heap limit of each worker thread for long-lived objects (default 512)", parseWorkerMemory)
    .option("-f, --format <list>", `comma-separated formats: ${FORMATS.join(",")} (default ${DEFAULT_FORMATS.join(",")})`, parseFormats, [...DEFAULT_FORMATS])
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; as for draft)", collect, [])
    .option("-l, --lang <lang>", "language of the agreements: en, zh or en+zh", parseLang, "en" as LangOption)
    .option("--font <file>", "TTF/OTF/TTC font for Chinese text in the PDFs, as for draft")
    .option("--font-bold <file>", "bold face for Chinese text (default: the --font file)")
    .option("--us-dates", "dates US style, as for draft")
    .option("--layout <layout>", `bilingual layout, as for draft: ${BILINGUAL_LAYOUTS.join(" | ")}`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first, as for draft", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id, as for draft")
    .option("--numbering <style>", "numbering style or profile id, as for draft")
    .option("--force", "draft deals even when the checks find errors (recorded in each assembly record)")
    .option("--fail-fast", "stop taking new deals at the first failure (the deals in flight finish)")
    .option("--resume", "keep the files of deals an earlier run into --out finished, when their record hash is unchanged")
    .option("--json", 'print one JSON line per deal ({ "type": "deal", "input", "status", "outputs", … }) and a summary line on stdout (with --resume, a "resume" line first)')
    .action(async (inputs: string[], opts: BatchFlags & { json?: boolean }) => {
      const ctx = context(opts.json === true);
      const { runBatch } = await import("./commands/batch.js");
      state.code = await runBatch(inputs, opts, ctx);
    });

  cmd
    .command("redline")
    .description("Draft the deal and a base, and write the deal's agreement with every difference as a tracked change (DOCX), or drawn (PDF, Markdown). Writes nothing on a bad deal or base.")
    .argument("<deal>", "deal sheet (.yaml, .yml or .json), or - to read it from standard input")
    .requiredOption("--against <base>", "the base: another deal sheet (the last round), or standard (the packs' standard terms, standard.yaml)")
    .requiredOption("-o, --out <dir>", "output folder (created when missing)")
    .option("-f, --format <list>", `comma-separated formats: ${FORMATS.join(",")} (default ${DEFAULT_FORMATS.join(",")})`, parseFormats, [...DEFAULT_FORMATS])
    .option("-n, --name <basename>", "file name without extension (default: the deal file's name and -redline)")
    .option("--author <name>", "author of the tracked changes (default clausewright)")
    .option("--report", "also write the deviation report as <name>.report.txt and <name>.report.json, and print it")
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .option("-l, --lang <lang>", "language of the agreement: en, zh or en+zh", parseLang, "en" as LangOption)
    .option("--us-dates", "dates US style, as for draft")
    .option("--layout <layout>", `bilingual layout, as for draft: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first, as for draft", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id, as for draft")
    .option("--numbering <style>", "numbering style or profile id, as for draft")
    .option("--force", "redline even when the deal's checks find errors")
    .option("--json", 'print { "ok", "problems", "outputs", "report" } on stdout instead of text')
    .action(async (deal: string, opts: RedlineFlags & { json?: boolean }) => {
      const ctx = context(opts.json === true);
      const { runRedline } = await import("./commands/redline.js");
      state.code = await runRedline(deal, opts, ctx);
    });

  cmd
    .command("check")
    .description("Check a deal sheet against the rules (docs/checks.md) and print the problems by severity. Exit 1 when there are errors.")
    .argument("<deal>", "deal sheet (.yaml, .yml or .json), or - to read it from standard input (JSON or YAML)")
    .option("--json", 'print { "ok", "problems": [{ "id", "severity", "message", "path", "hint", "file", "line", "column", "clause" }] } on stdout')
    .option("-l, --lang <lang>", "language(s) of the agreement: en, zh or en+zh", parseLang, "en" as LangOption)
    .option("-p, --pack <dir>", "an extra clause pack folder whose rules and clauses are used too (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .option("--layout <layout>", `bilingual layout, as for draft: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first, as for draft (default: the prevailing language, else en)", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id, as for draft")
    .option("--numbering <style>", "numbering style or profile id, as for draft")
    .option("--us-dates", "dates US style, as for draft")
    .action(async (deal: string, opts: DocumentFlags & { json?: boolean }) => {
      const ctx = context(opts.json === true);
      const { runCheck } = await import("./commands/check.js");
      state.code = await runCheck(deal, opts, ctx);
    });

  cmd
    .command("compare")
    .description(
      "Compare a DOCX that came back from the other side with the agreement drafted from the deal: per clause, the changes made without tracked changes and the tracked changes left in. Writes nothing into the file. Exit 0 when the comparison ran, whatever it found.",
    )
    .argument("<returned>", "the returned DOCX (a copy of one clausewright drafted)")
    .requiredOption("-d, --deal <deal>", "the deal sheet the file was drafted from (.yaml, .yml or .json), or - for standard input")
    .option("-p, --pack <dir>", "a clause pack folder the file was drafted with (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; as for draft)", collect, [])
    .option("-r, --report <file>", "also write the report as JSON to this file (atomically)")
    .option("--json", 'print { "ok", "problems", "outputs", "comparison" } on stdout instead of text')
    .action(async (file: string, opts: CompareFlags & { json?: boolean }) => {
      const ctx = context(opts.json === true);
      const { runCompare } = await import("./commands/compare.js");
      state.code = await runCompare(file, opts, ctx);
    });

  cmd
    .command("preview")
    .description(
      "Serve a live preview of the agreement on 127.0.0.1 (prints the address, opens nothing): the agreement as HTML with the check and pack problems beside their clauses, redrawn when the deal sheet or a pack file is saved. Runs until Ctrl-C.",
    )
    .argument("<deal>", "deal sheet (.yaml, .yml or .json); watched for changes")
    .option("-p, --pack <dir>", "a clause pack folder, layered over the built-in one and watched (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; as for draft)", collect, [])
    .option("-l, --lang <lang>", "language of the agreement: en, zh or en+zh", parseLang, "en" as LangOption)
    .option("--layout <layout>", `bilingual layout, as for draft: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first, as for draft", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id, as for draft")
    .option("--numbering <style>", "numbering style or profile id, as for draft")
    .option("--us-dates", "dates US style, as for draft")
    .option("--port <n>", "port on 127.0.0.1 (default 4700, or any free port when it is taken; 0: any free port)", parsePort)
    .action(async (deal: string, opts: PreviewFlags) => {
      const ctx = context();
      const { runPreview } = await import("./commands/preview.js");
      state.code = await runPreview(deal, opts, ctx);
    });

  cmd
    .command("schema")
    .description("Print the JSON Schema of the deal sheet (derived from the zod schema), with the fields of any --pack.")
    .option("-p, --pack <dir>", "a clause pack folder whose fields to include (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .action(async (opts: { pack: string[]; allowRuleOverride: string[] }) => {
      const ctx = context();
      const { runSchema } = await import("./commands/catalog.js");
      state.code = await runSchema(opts, ctx);
    });

  const pack = cmd.command("pack").description("Check and test a clause pack folder.");
  pack
    .command("check")
    .description("Report every problem of a pack at once, as file:line:column CODE message. Exit 1 on errors.")
    .argument("<dir>", "pack folder")
    .option("--json", 'print { "ok", "problems" } on stdout instead of text')
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .action(async (dir: string, opts: { json?: boolean; allowRuleOverride: string[] }) => {
      const ctx = context(opts.json === true);
      const { runPackCheck } = await import("./commands/pack.js");
      state.code = await runPackCheck(dir, ctx, opts.allowRuleOverride);
    });
  pack
    .command("test")
    .description("Render the pack's clauses with its fixtures and compare with snapshots/<lang>.md; --update rewrites them.")
    .argument("<dir>", "pack folder")
    .option("-u, --update", "rewrite the snapshots (atomically)")
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .action(async (dir: string, opts: { update?: boolean; allowRuleOverride: string[] }) => {
      const ctx = context();
      const { runPackTest } = await import("./commands/pack.js");
      state.code = await runPackTest(dir, opts, ctx);
    });

  cmd
    .command("mcp")
    .description(
      "Run a Model Context Protocol server on standard input/output for AI agents: tools to list clauses, get the deal schema, check, draft and redline deals. Packs, font and the folders it may write to are fixed here, never chosen by the agent. Runs until the client closes the connection.",
    )
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; as for draft)", collect, [])
    .option("--out-root <dir>", "an existing folder the tools may write into, with its subfolders (repeatable; without one, files only come back as resources)", collect, [])
    .option("--font <file>", "TTF/OTF/TTC font for Chinese text in PDFs, as for draft")
    .option("--no-write", "never write files: drafts always come back as resources")
    .action(async (opts: McpFlags) => {
      const ctx = context();
      const { runMcp } = await import("./commands/mcp.js");
      state.code = await runMcp(opts, ctx, io.stdio ?? { input: process.stdin, output: process.stdout });
    });

  cmd
    .command("clauses")
    .description("List the clause catalogue: id, category, titles, variants and the deal variables each clause reads.")
    .option("--json", "print a JSON array instead of a table")
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .option("--allow-rule-override <id>", "let a --pack replace this safety rule (repeatable; recorded in the assembly record; docs/security.md)", collect, [])
    .action(async (opts: { json?: boolean; pack: string[]; allowRuleOverride: string[] }) => {
      const ctx = context(opts.json === true);
      const { runClauses } = await import("./commands/catalog.js");
      state.code = await runClauses(opts, ctx);
    });

  return cmd;
}

/**
 * Runs the CLI with `argv` (the arguments after the program name) and returns
 * the exit code: 0 success, 1 problems (an invalid deal or pack, check errors,
 * a file that cannot be read or written), 2 usage, 3 a bug. It never exits
 * the process and touches the outside world only through `io`, so tests can
 * call it in-process; paths are resolved against `io.cwd`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state: RunState = { code: EXIT.ok, json: false };
  const cmd = program(io, state);
  try {
    await cmd.parseAsync([...argv], { from: "user" });
    return state.code;
  } catch (err) {
    // --help and --version end here too, with exit code 0; commander has printed the message.
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (ClausewrightError.is(err)) {
      reportFailure({ stdout: io.stdout, stderr: io.stderr, json: state.json }, err.problems);
      return EXIT.invalid;
    }
    io.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.internal;
  }
}
