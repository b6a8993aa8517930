// examples/api.mjs — run it with `node examples/api.mjs` after `npm run build`
import { mkdirSync, writeFileSync } from "node:fs";
import { draft, ClausewrightError, formatProblem } from "clausewright";
import { defaultFonts, readDealFile } from "clausewright/node";

const deal = await readDealFile("examples/deals/us-crm-enterprise.yaml");
try {
  const result = await draft(deal, { formats: ["docx", "pdf", "md"], fonts: defaultFonts() });
  mkdirSync("out", { recursive: true });
  writeFileSync("out/api-example.docx", result.docx);
  writeFileSync("out/api-example.pdf", result.pdf);
  console.log(result.assembly.clauses.map((c) => `${c.number || "-"} ${c.title} [${c.variant}]`).join("\n"));
} catch (err) {
  if (ClausewrightError.is(err)) err.problems.forEach((p) => console.error(formatProblem(p)));
  else throw err;
}
