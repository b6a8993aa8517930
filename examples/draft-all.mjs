// Drafts every deal sheet in examples/deals/ to out/ as DOCX, PDF and Markdown.
// Run with `npm run example` (which builds first). It uses the public API,
// exactly as an application would.
import { readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ClausewrightError, defaultFonts, draft, formatProblem, readDealFile, writeFilesAtomic } from "../dist/node.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const outDir = process.argv[2] ?? "out";
const dealsDir = join(here, "deals");
const fonts = defaultFonts();
// Deals drafted in another language than English, and how (default: English).
const LANGUAGES = {
  "cn-crm-standard": { lang: "zh" },
  "prc-domestic-cietac": { lang: "zh" },
  "bilingual-crm": { lang: "en+zh", layout: "parallel" },
};

let failed = 0;
for (const file of (await readdir(dealsDir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
  const name = basename(file, extname(file));
  try {
    const deal = await readDealFile(join(dealsDir, file));
    const result = await draft(deal, { fonts, ...(LANGUAGES[name] ?? {}) });
    await writeFilesAtomic([
      { path: join(outDir, `${name}.docx`), data: result.docx },
      { path: join(outDir, `${name}.pdf`), data: result.pdf },
      { path: join(outDir, `${name}.md`), data: result.markdown },
    ]);
    const clauses = result.model.clauses.length;
    console.log(`${name}: ${clauses} clauses -> ${outDir}/${name}.{docx,pdf,md}`);
  } catch (err) {
    failed++;
    if (ClausewrightError.is(err)) for (const p of err.problems) console.error(`${file}: ${formatProblem(p)}`);
    else console.error(err);
  }
}
process.exitCode = failed ? 1 : 0;
