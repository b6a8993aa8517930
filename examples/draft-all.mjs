// Drafts every deal sheet in examples/deals/ to out/ as DOCX, PDF and Markdown.
// Run with `npm run example` (which builds first). It uses the public API,
// exactly as an application would.
import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinPack, ClausewrightError, createCatalog, defaultFonts, draft, formatDeviationReport, formatProblem, loadPackDir, readDealFile, redline, writeFilesAtomic } from "../dist/node.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const outDir = process.argv[2] ?? "out";
const fonts = defaultFonts();
// Deals drafted with extra clause packs (folders under examples/), layered over the built-in pack.
// They live in pack-deals/, so tools that draft deals/ with the built-in catalogue skip them.
const PACKS = { "us-healthcare-pack": ["packs/healthcare"] };
// Deals drafted in another language than English, and how (default: English).
const LANGUAGES = {
  "cn-crm-standard": { lang: "zh" },
  "prc-domestic-cietac": { lang: "zh" },
  "bilingual-crm": { lang: "en+zh", layout: "parallel" },
  "shanghai-singapore-shiac": { lang: "en+zh", layout: "interleaved" },
};

let failed = 0;
const dealFiles = async (dir) =>
  (await readdir(join(here, dir)))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(here, dir, f));
for (const path of [...(await dealFiles("deals")), ...(await dealFiles("pack-deals"))]) {
  const file = basename(path);
  const name = basename(file, extname(file));
  try {
    const packs = await Promise.all((PACKS[name] ?? []).map((dir) => loadPackDir(join(here, dir))));
    const catalog = packs.length ? createCatalog([builtinPack("crm"), ...packs]) : undefined;
    // Warnings about the deal sheet's text (a # that cut a value short) are printed, as the CLI does.
    const deal = await readDealFile(path, catalog, { onWarning: (w) => console.warn(`${file}: ${formatProblem(w)}`) });
    const result = await draft(deal, { formats: ["docx", "pdf", "md", "html"], fonts, ...(LANGUAGES[name] ?? {}), ...(catalog ? { catalog } : {}) });
    await writeFilesAtomic([
      { path: join(outDir, `${name}.docx`), data: result.docx },
      { path: join(outDir, `${name}.pdf`), data: result.pdf },
      { path: join(outDir, `${name}.md`), data: result.markdown },
      { path: join(outDir, `${name}.html`), data: result.html },
    ]);
    const clauses = result.model.clauses.length;
    console.log(`${name}: ${clauses} clauses -> ${outDir}/${name}.{docx,pdf,md,html}`);
  } catch (err) {
    failed++;
    if (ClausewrightError.is(err)) for (const p of err.problems) console.error(`${file}: ${formatProblem(p)}`);
    else console.error(err);
  }
}
// A redline: the English example against the built-in pack's standard terms (docs/redline.md).
try {
  const deal = await readDealFile(join(here, "deals", "england-saas.yaml"));
  const r = await redline("standard", deal, { formats: ["docx", "pdf", "md", "html"], fonts, author: "clausewright example" });
  const report = formatDeviationReport(r.report);
  await writeFilesAtomic([
    { path: join(outDir, "england-saas-redline.docx"), data: r.docx },
    { path: join(outDir, "england-saas-redline.pdf"), data: r.pdf },
    { path: join(outDir, "england-saas-redline.md"), data: r.markdown },
    { path: join(outDir, "england-saas-redline.html"), data: r.html },
    { path: join(outDir, "england-saas-redline.report.txt"), data: report },
  ]);
  console.log(`england-saas against the standard terms: ${r.report.changes} tracked changes -> ${outDir}/england-saas-redline.{docx,pdf,md,html,report.txt}`);
} catch (err) {
  failed++;
  if (ClausewrightError.is(err)) for (const p of err.problems) console.error(`redline: ${formatProblem(p)}`);
  else console.error(err);
}
process.exitCode = failed ? 1 : 0;
