import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, sha256 } from "../src/record/record.js";
import { compareDocx, formatCompareReport, redline, standardDeal, validateDeal, type ClauseComparison, type CompareReport, type Deal, type RedlineResult } from "../src/index.js";
import { readDealFile } from "../src/node/deal-file.js";
import { ROOT } from "./helpers/cli.js";

// A redline we sent, returned by the other side: our own tracked changes (by "clausewright", at
// the redline's dates) are our proposal, read as accepted; what the other side did, tracked or
// not, is reported. The test edits word/document.xml as text (known strings of our own output).

const ENGLAND = join(ROOT, "examples/deals/england-saas.yaml");
const JANE = 'w:author="Jane Doe" w:date="2027-02-10T09:00:00Z"';

/** A copy of a DOCX with each `[old, new]` applied to word/document.xml; each `old` must occur exactly once. */
function edited(docx: Uint8Array, edits: readonly (readonly [string | RegExp, string])[]): Uint8Array {
  const files = unzipSync(docx);
  let xml = strFromU8(files["word/document.xml"] ?? new Uint8Array());
  for (const [from, to] of edits) {
    const count = typeof from === "string" ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, "g")) ?? []).length;
    if (count !== 1) throw new Error(`"${String(from)}" occurs ${count} times`);
    xml = xml.replace(from, () => to);
  }
  return zipSync({ ...(files as Zippable), "word/document.xml": strToU8(xml) });
}

function part(report: CompareReport, id: string): ClauseComparison {
  const found = report.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no part ${id}`);
  return found;
}

const changedParts = (report: CompareReport): [string, string | null, number, number][] =>
  report.clauses.filter((c) => c.status !== "unchanged").map((c) => [c.status, c.id, c.untracked.length, c.tracked.length]);

let england: Deal;
let sent: RedlineResult;
let docx: Uint8Array;

beforeAll(async () => {
  england = await readDealFile(ENGLAND);
  sent = await redline("standard", england, { formats: ["docx"] });
  if (!sent.docx) throw new Error("no DOCX");
  docx = sent.docx;
});

describe("a redline's record", () => {
  it("names the author, the dates its tracked changes carry and the base deal; the rest is the new draft's record", () => {
    const record = JSON.parse(sent.model.meta.record ?? "{}");
    expect(record.redline).toEqual({
      author: "clausewright",
      dates: ["2027-02-01T00:00:00.000Z", "2027-02-01T00:02:00.000Z"],
      baseDealSha256: sha256(canonicalJson(validateDeal(standardDeal(england)))),
    });
    expect(record.redline.baseDealSha256).toBe(sent.base.record.dealSha256);
    const { redline: _r, ...rest } = record;
    expect(rest).toEqual(JSON.parse(JSON.stringify(sent.next.record)));
    // The dates the DOCX renderer writes are exactly the record's (src/render/docx/blocks.ts keeps its own copy of the 2 minutes).
    const xml = strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
    const dates = new Set([...xml.matchAll(/w:date="([^"]+)"/g)].map((m) => m[1]));
    expect([...dates].sort()).toEqual(record.redline.dates);
  });
});

describe("compareDocx on a returned redline", () => {
  it("reports nothing on our unmodified redline, and all of our tracked changes pending", async () => {
    const report = await compareDocx(docx, england);
    expect(report.counts).toEqual({ unchanged: 38, changed: 0, added: 0, removed: 0, untracked: 0, tracked: 0 });
    expect(report.authors).toEqual([]);
    // Pending counts our tracked changes as the report groups tracked changes (a run of one kind, author and date);
    // for this redline that is also LibreOffice's count, `meta.redline.changes`.
    expect(report.redline).toEqual({ author: "clausewright", pending: 71 });
    expect(sent.model.meta.redline?.changes).toBe(71);
    expect(formatCompareReport(report)).toBe(
      "A redline by clausewright, compared with its tracked changes accepted: 71 of them still pending (neither accepted nor rejected).\n" +
        "No changes: the file says what the deal drafts.\n" +
        "38 parts: 38 unchanged, 0 changed, 0 added, 0 removed; 0 changes without tracked changes, 0 tracked changes left in.\n",
    );
  });

  it("finds an untracked edit in a sub-clause of a clause that has our tracked changes", async () => {
    const returned = edited(docx, [["in the twelve (12) months before", "in the six (6) months before"]]);
    const report = await compareDocx(returned, england);
    expect(changedParts(report)).toEqual([["changed", "liability", 2, 0]]);
    expect(part(report, "liability").untracked).toEqual([
      { kind: "replace", old: "twelve", new: "six", subclause: "20.2", before: "the Customer under this Agreement in the ", after: " (12) months before the event that first" },
      { kind: "replace", old: "12", new: "6", subclause: "20.2", before: "Customer under this Agreement in the twelve (", after: ") months before the event that first gave" },
    ]);
    expect(report.redline).toEqual({ author: "clausewright", pending: 71 });
  });

  it("reports the other side's tracked changes as tracked, by their author", async () => {
    const returned = edited(docx, [
      [
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr><w:bookmarkStart w:name="cw_force_majeure_effect"',
        `<w:p><w:pPr><w:rPr><w:ins w:id="903" ${JANE}/></w:rPr></w:pPr><w:ins w:id="904" ${JANE}><w:r><w:t>Strikes are force majeure.</w:t></w:r></w:ins></w:p><w:p><w:pPr><w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr><w:bookmarkStart w:name="cw_force_majeure_effect"`,
      ],
    ]);
    const report = await compareDocx(returned, england);
    expect(changedParts(report)).toEqual([["changed", "force-majeure", 0, 1]]);
    expect(part(report, "force-majeure").tracked).toEqual([{ kind: "insert", author: "Jane Doe", date: "2027-02-10T09:00:00Z", text: "Strikes are force majeure.", subclause: "21.1" }]);
    expect(report.authors).toEqual(["Jane Doe"]);
    expect(report.redline).toEqual({ author: "clausewright", pending: 71 });
  });

  it("reports one of our changes rejected without tracking as an untracked edit, and fewer pending", async () => {
    // The key-terms table: our 99.9 → 99.5 put back to 99.9 as plain text.
    const returned = edited(docx, [
      [
        /<w:del w:id="\d+" w:author="clausewright" w:date="[^"]+"><w:r><w:delText xml:space="preserve">99\.9<\/w:delText><\/w:r><\/w:del><w:ins w:id="\d+" w:author="clausewright" w:date="[^"]+"><w:r><w:t xml:space="preserve">99\.5<\/w:t><\/w:r><\/w:ins><w:r><w:t xml:space="preserve">% per calendar month/,
        '<w:r><w:t xml:space="preserve">99.9% per calendar month',
      ],
    ]);
    const report = await compareDocx(returned, england);
    expect(changedParts(report)).toEqual([["changed", "front", 1, 0]]);
    expect(part(report, "front").untracked).toMatchObject([{ kind: "replace", old: "99.5", new: "99.9" }]);
    // A replacement is two tracked changes (a deletion and an insertion), as LibreOffice counts them.
    expect(report.redline).toEqual({ author: "clausewright", pending: 69 });
  });
});
