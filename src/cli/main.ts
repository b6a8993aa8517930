import { Command, CommanderError, InvalidArgumentError } from "commander";
import { basename, extname, join } from "node:path";
import { draft, DRAFT_LANGS, FORMATS, type DraftLang, type Format } from "../draft.js";
import { BILINGUAL_LAYOUTS, type BilingualLayout, type Lang } from "../model/types.js";
import { withChineseFonts } from "../node/cjk-fonts.js";
import { dealJsonSchema } from "../deal/json-schema.js";
import { ClausewrightError } from "../errors/error.js";
import { formatProblem } from "../errors/problem.js";
import { defaultFonts } from "../node/fonts.js";
import { readDealFile } from "../node/deal-file.js";
import { loadPackDir } from "../node/pack-dir.js";
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

function program(): Command {
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
    .option("--us-dates", "write dates US style (December 1, 2026)")
    .option("-l, --lang <lang>", `language: ${DRAFT_LANGS.join(" | ")} (en+zh is bilingual)`, choice(DRAFT_LANGS, "--lang"))
    .option("--layout <layout>", `bilingual layout: ${BILINGUAL_LAYOUTS.join(" | ")} (default parallel)`, choice(BILINGUAL_LAYOUTS, "--layout"))
    .option("--primary <lang>", "bilingual: the language that comes first / on the left (default en)", choice<Lang>(["en", "zh"], "--primary"))
    .option("--record", "also write the assembly record as <name>.json")
    .action(async (dealPath: string, opts: { out: string; format: Format[]; name?: string; pack: string[]; usDates?: boolean; record?: boolean; lang?: DraftLang; layout?: BilingualLayout; primary?: Lang }) => {
      const deal = await readDealFile(dealPath);
      const packs = await Promise.all(opts.pack.map((dir) => loadPackDir(dir)));
      const result = await draft(deal, {
        formats: opts.format,
        packs,
        ...(opts.format.includes("pdf") ? { fonts: opts.lang === "zh" || opts.lang === "en+zh" ? withChineseFonts(defaultFonts()) : defaultFonts() } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
        ...(opts.layout ? { layout: opts.layout } : {}),
        ...(opts.primary ? { primary: opts.primary } : {}),
        ...(opts.usDates ? { dateStyle: "en-US" as const } : {}),
      });
      const name = opts.name ?? basename(dealPath, extname(dealPath));
      const files: { path: string; data: Uint8Array | string }[] = [];
      if (result.docx) files.push({ path: join(opts.out, `${name}.docx`), data: result.docx });
      if (result.pdf) files.push({ path: join(opts.out, `${name}.pdf`), data: result.pdf });
      if (result.markdown !== undefined) files.push({ path: join(opts.out, `${name}.md`), data: result.markdown });
      if (opts.record) files.push({ path: join(opts.out, `${name}.json`), data: `${JSON.stringify(result.record, null, 2)}\n` });
      for (const w of result.warnings) process.stderr.write(`${formatProblem(w)}\n`);
      await writeFilesAtomic(files);
      for (const f of files) process.stdout.write(`wrote ${f.path}\n`);
    });

  cmd
    .command("schema")
    .description("Print the JSON Schema of the deal sheet (derived from the zod schema).")
    .action(() => {
      process.stdout.write(`${JSON.stringify(dealJsonSchema(), null, 2)}\n`);
    });

  return cmd;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function run(argv: readonly string[]): Promise<number> {
  const cmd = program();
  try {
    await cmd.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (ClausewrightError.is(err)) {
      for (const p of err.problems) process.stderr.write(`${formatProblem(p)}\n`);
      process.stderr.write(`${err.problems.length} problem(s); nothing was written.\n`);
      return EXIT.invalid;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.internal;
  }
}

const code = await run(process.argv.slice(2));
process.exitCode = code;
