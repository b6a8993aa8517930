import { Command, CommanderError, InvalidArgumentError } from "commander";
import { readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { checkDeal } from "../check/check-deal.js";
import { parseLangs, type LangOption } from "../check/engine.js";
import type { CheckProblem } from "../check/types.js";
import { draft, FORMATS, type DraftLang, type DraftOptions, type Format } from "../draft.js";
import { locate } from "../deal/locate.js";
import { BILINGUAL_LAYOUTS, type BilingualLayout } from "../model/types.js";
import { dealJsonSchema } from "../deal/json-schema.js";
import { ClausewrightError } from "../errors/error.js";
import { formatPath, formatProblem, type Problem, type Severity } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { defaultFonts, fontsWithChineseFont } from "../node/fonts.js";
import { readDealSheet } from "../node/deal-file.js";
import { loadPackDir } from "../node/pack-dir.js";
import { checkPackDir, formatPackProblem } from "../node/pack-check.js";
import { testPackDir } from "../node/pack-test.js";
import { existsSync, statSync } from "node:fs";
import { resolveCatalog } from "../catalog/builtin.js";
import { formatClauseTable, listClauses } from "../catalog/listing.js";
import { writeFilesAtomic } from "../node/write.js";
import { VERSION } from "../version.js";

/** Exit codes, documented in the README. */
const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 3 } as const;

function parseFormats(value: string): Format[] {
  const list = value.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((f) => !FORMATS.includes(f as Format));
  if (bad.length > 0 || list.length === 0) throw new InvalidArgumentError(`formats are ${FORMATS.join(", ")} (got "${value}")`);
  return [...new Set(list)] as Format[];
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

/** One problem of `check --json`: the documented shape (docs/checks.md). */
interface JsonProblem {
  readonly id: string;
  readonly severity: Severity;
  readonly message: { readonly en: string; readonly zh: string };
  readonly path: string | null;
  readonly hint: { readonly en: string; readonly zh: string } | null;
}

function jsonOfCheck(p: CheckProblem): JsonProblem {
  return { id: p.id, severity: p.severity, message: p.message, path: formatPath(p.path) || null, hint: p.hint };
}

/** A validation problem (not from a rule) in the same shape; its id is its code. */
function jsonOfProblem(p: Problem): JsonProblem {
  return {
    id: p.code,
    severity: p.severity,
    message: { en: p.message, zh: p.messageZh ?? p.message },
    path: formatPath(p.path) || null,
    hint: p.hint ? { en: p.hint, zh: p.hint } : null,
  };
}

type Locator = (path: readonly (string | number)[]) => { file: string; line?: number; column?: number };

/** Finds where data paths sit in a deal file, for `file:line:column` in messages. */
async function dealLocator(file: string): Promise<Locator> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return () => ({ file });
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return (path) => {
    const pos = path.length > 0 ? locate(doc, lines, path) : undefined;
    return pos ? { file, line: pos.line, column: pos.column } : { file };
  };
}

/** Check problems (which know only their data path) with the deal file position added. */
function located(problems: readonly Problem[], where: Locator): Problem[] {
  return problems.map((p) => (p.code.startsWith("CHECK_") && p.file === undefined && p.path?.length ? { ...p, ...where(p.path) } : p));
}

const HEADINGS: Readonly<Record<Severity, string>> = { error: "Errors", warning: "Warnings", info: "Info" };

/** The human form of `check`: problems grouped by severity, each with its rule id, path, message and hint. */
function formatCheck(problems: readonly CheckProblem[], langs: readonly Lang[], where: Locator): string {
  if (problems.length === 0) return "No problems found.\n";
  let out = "";
  for (const severity of ["error", "warning", "info"] as const) {
    const group = problems.filter((p) => p.severity === severity);
    if (group.length === 0) continue;
    out += `${HEADINGS[severity]} (${group.length}):\n`;
    for (const p of group) {
      const path = formatPath(p.path);
      const at = where(p.path);
      out += `  ${p.id}${path ? ` at ${path}` : ""} (${at.file}${at.line !== undefined ? `:${at.line}:${at.column ?? 1}` : ""})${p.clause ? ` [clause ${p.clause}]` : ""}\n`;
      if (langs.includes("en") || !langs.includes("zh")) out += `    ${p.message.en}\n`;
      if (langs.includes("zh")) out += `    ${p.message.zh}\n`;
      out += `    hint: ${langs.includes("en") || !langs.includes("zh") ? p.hint.en : p.hint.zh}\n`;
    }
  }
  const count = (s: Severity): number => problems.filter((p) => p.severity === s).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  out += `${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${count("info")} info\n`;
  return out;
}

/** The flags `draft` and `check` share that decide the document, as API options. */
function documentOptions(opts: { layout?: BilingualLayout; primary?: Lang; agreement?: string; numbering?: string; usDates?: boolean }): Pick<DraftOptions, "layout" | "primary" | "agreement" | "numbering" | "dateStyle"> {
  return {
    ...(opts.layout ? { layout: opts.layout } : {}),
    ...(opts.primary ? { primary: opts.primary } : {}),
    ...(opts.agreement ? { agreement: opts.agreement } : {}),
    ...(opts.numbering ? { numbering: opts.numbering } : {}),
    ...(opts.usDates ? { dateStyle: "en-US" as const } : {}),
  };
}

function program(state: { code: number }): Command {
  const cmd = new Command("clausewright")
    .description("Draft service agreements (DOCX, PDF, Markdown) from a typed clause catalogue.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cmd
    .command("draft")
    .description("Draft the agreement for a deal sheet and write it to a folder. Writes nothing when the deal is invalid.")
    .argument("<deal>", "deal sheet (.yaml, .yml or .json)")
    .requiredOption("-o, --out <dir>", "output folder (created when missing)")
    .option("-f, --format <list>", `comma-separated formats: ${FORMATS.join(",")}`, parseFormats, [...FORMATS])
    .option("-n, --name <basename>", "file name without extension (default: the deal file's name)")
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
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
    .action(async (dealPath: string, opts: { out: string; format: Format[]; name?: string; pack: string[]; lang: LangOption; font?: string; fontBold?: string; usDates?: boolean; record?: boolean; force?: boolean; layout?: BilingualLayout; primary?: Lang; agreement?: string; numbering?: string }) => {
      const packs = await Promise.all(opts.pack.map((dir) => loadPackDir(dir)));
      // The catalogue first: its schema validates the packs' deal fields.
      const catalog = resolveCatalog({ packs });
      const { deal, warnings: parseWarnings } = await readDealSheet(dealPath, catalog);
      // Printed first: a value cut short by a comment is what the agreement will say.
      for (const w of parseWarnings) process.stderr.write(`${formatProblem(w)}\n`);
      const where = await dealLocator(dealPath);
      const result = await draft(deal, {
        formats: opts.format,
        catalog,
        lang: opts.lang as DraftLang,
        ...(opts.force ? { force: true } : {}),
        ...(opts.format.includes("pdf") ? { fonts: opts.font ? fontsWithChineseFont(opts.font, opts.fontBold) : defaultFonts() } : {}),
        ...documentOptions(opts),
      }).catch((err: unknown) => {
        if (!ClausewrightError.is(err)) throw err;
        const [first, ...rest] = located(err.problems, where);
        throw first ? new ClausewrightError([first, ...rest]) : err;
      });
      const name = opts.name ?? basename(dealPath, extname(dealPath));
      const files: { path: string; data: Uint8Array | string }[] = [];
      if (result.docx) files.push({ path: join(opts.out, `${name}.docx`), data: result.docx });
      if (result.pdf) files.push({ path: join(opts.out, `${name}.pdf`), data: result.pdf });
      if (result.markdown !== undefined) files.push({ path: join(opts.out, `${name}.md`), data: result.markdown });
      if (opts.record) files.push({ path: join(opts.out, `${name}.json`), data: `${JSON.stringify(result.record, null, 2)}\n` });
      for (const w of located(result.warnings, where)) process.stderr.write(`${formatProblem(w)}\n`);
      await writeFilesAtomic(files);
      for (const f of files) process.stdout.write(`wrote ${f.path}\n`);
      const forced = result.warnings.filter((w) => w.severity === "error" && w.code.startsWith("CHECK_")).length;
      if (forced > 0) process.stderr.write(`Drafted despite ${forced} check error(s) because of --force; the assembly record says so.\n`);
    });

  cmd
    .command("check")
    .description("Check a deal sheet against the rules (docs/checks.md) and print the problems by severity. Exit 1 when there are errors.")
    .argument("<deal>", "deal sheet (.yaml, .yml or .json)")
    .option("--json", 'print { "problems": [{ "id", "severity", "message", "path", "hint" }] } on stdout')
    .option("-l, --lang <lang>", "language(s) of the agreement: en, zh or en+zh", parseLang, "en" as LangOption)
    .option("-p, --pack <dir>", "an extra clause pack folder whose rules and clauses are used too (repeatable)", collect, [])
    .option("--layout <layout>", `bilingual layout, as for draft: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first, as for draft (default: the prevailing language, else en)", choice<Lang>(["en", "zh"], "--primary"))
    .option("--agreement <id>", "agreement layout id, as for draft")
    .option("--numbering <style>", "numbering style or profile id, as for draft")
    .option("--us-dates", "dates US style, as for draft")
    .action(async (dealPath: string, opts: { json?: boolean; lang: LangOption; pack: string[]; layout?: BilingualLayout; primary?: Lang; agreement?: string; numbering?: string; usDates?: boolean }) => {
      const langs = parseLangs(opts.lang) ?? ["en"];
      try {
        const packs = await Promise.all(opts.pack.map((dir) => loadPackDir(dir)));
        // The catalogue's schema validates the packs' deal fields.
        const catalog = resolveCatalog({ packs });
        const { deal, warnings: parseWarnings } = await readDealSheet(dealPath, catalog);
        // The same document options as draft, so the check judges the document draft would write.
        const result = checkDeal(deal, { lang: opts.lang, catalog, ...documentOptions(opts) });
        if (opts.json) {
          // The deal sheet's own warnings are problems like the others (id = code), after the errors.
          const problems = [...result.errors.map(jsonOfCheck), ...parseWarnings.map(jsonOfProblem), ...result.problems.filter((p) => p.severity !== "error").map(jsonOfCheck)];
          process.stdout.write(`${JSON.stringify({ problems }, null, 2)}\n`);
        } else {
          for (const w of parseWarnings) process.stderr.write(`${formatProblem(w)}\n`);
          process.stdout.write(formatCheck(result.problems, langs, await dealLocator(dealPath)));
        }
        state.code = result.ok ? EXIT.ok : EXIT.invalid;
      } catch (err) {
        if (!ClausewrightError.is(err)) throw err;
        // An invalid deal (or pack) is a finding too: report it in the same place and shape.
        if (opts.json) process.stdout.write(`${JSON.stringify({ problems: err.problems.map(jsonOfProblem) }, null, 2)}\n`);
        else for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
        state.code = EXIT.invalid;
      }
    });

  cmd
    .command("schema")
    .description("Print the JSON Schema of the deal sheet (derived from the zod schema), with the fields of any --pack.")
    .option("-p, --pack <dir>", "a clause pack folder whose fields to include (repeatable)", collect, [])
    .action(async (opts: { pack: string[] }) => {
      const packs = await Promise.all(opts.pack.map((dir) => loadPackDir(dir)));
      const catalog = packs.length ? resolveCatalog({ packs }) : undefined;
      process.stdout.write(`${JSON.stringify(dealJsonSchema(catalog), null, 2)}\n`);
    });

  const pack = cmd.command("pack").description("Check and test a clause pack folder.");
  pack
    .command("check")
    .description("Report every problem of a pack at once, as file:line:column CODE message. Exit 1 on errors.")
    .argument("<dir>", "pack folder")
    .action(async (dir: string) => {
      requireDir(dir);
      const { problems } = await checkPackDir(dir);
      for (const p of problems) process.stdout.write(`${formatPackProblem(p)}\n`);
      const errors = problems.filter((p) => p.severity === "error").length;
      process.stdout.write(errors ? `${errors} error(s), ${problems.length - errors} warning(s)\n` : `ok: ${dir} (${problems.length} warning(s))\n`);
      if (errors) throw new PackFailed();
    });
  pack
    .command("test")
    .description("Render the pack's clauses with its fixtures and compare with snapshots/<lang>.md; --update rewrites them.")
    .argument("<dir>", "pack folder")
    .option("-u, --update", "rewrite the snapshots (atomically)")
    .action(async (dir: string, opts: { update?: boolean }) => {
      requireDir(dir);
      const result = await testPackDir(dir, { update: opts.update === true });
      for (const p of result.problems) process.stdout.write(`${formatPackProblem(p)}\n`);
      let failed = result.problems.length > 0;
      for (const s of result.snapshots) {
        process.stdout.write(`${s.status} ${dir}/${s.file}${s.note ? `: ${s.note}` : ""}\n`);
        if (s.diff) process.stdout.write(s.diff);
        if (s.status === "mismatch" || s.status === "missing") failed = true;
      }
      if (failed) {
        if (result.snapshots.some((s) => s.diff)) process.stdout.write("Review the diff; if the new wording is intended, run with --update.\n");
        throw new PackFailed();
      }
    });

  cmd
    .command("clauses")
    .description("List the clause catalogue: id, category, titles, variants and the deal variables each clause reads.")
    .option("--json", "print a JSON array instead of a table")
    .option("-p, --pack <dir>", "an extra clause pack folder, layered over the built-in one (repeatable)", collect, [])
    .action(async (opts: { json?: boolean; pack: string[] }) => {
      const packs = await Promise.all(opts.pack.map((dir) => loadPackDir(dir)));
      const list = listClauses(resolveCatalog({ packs }));
      process.stdout.write(opts.json ? `${JSON.stringify(list, null, 2)}\n` : formatClauseTable(list));
    });

  return cmd;
}

/** A pack command found errors it has already printed. */
class PackFailed extends Error {}

/** A pack folder argument that does not exist is a usage error (exit 2). */
function requireDir(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CommanderError(2, "clausewright.packDir", `error: pack folder ${dir} does not exist\n`);
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function run(argv: readonly string[]): Promise<number> {
  const state = { code: EXIT.ok as number };
  const cmd = program(state);
  try {
    await cmd.parseAsync([...argv], { from: "user" });
    return state.code;
  } catch (err) {
    if (err instanceof PackFailed) return EXIT.invalid;
    if (err instanceof CommanderError) {
      if (err.code === "clausewright.packDir") process.stderr.write(err.message);
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (ClausewrightError.is(err)) {
      for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`${err.problems.length} problem(s); nothing was written.\n`);
      if (err.problems.some((p) => p.code.startsWith("CHECK_"))) {
        process.stderr.write("The checks found errors (see docs/checks.md): fix the deal, or pass --force to draft anyway (recorded in the assembly record).\n");
      }
      return EXIT.invalid;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.internal;
  }
}

const code = await run(process.argv.slice(2));
process.exitCode = code;
