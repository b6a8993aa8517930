import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { DraftLang } from "../src/draft.js";
import { redline } from "../src/redline/redline.js";
import { renderDocx } from "../src/render/docx/index.js";
import { LO_REDLINE_TOOLS, loRedlines, type LoRedlines } from "./helpers/libreoffice.js";
import { exampleDeal, redlinePairs, type DealData } from "./helpers/redline-pairs.js";
import { hasTool, itWithTools } from "./helpers/tools.js";

// The proof: LibreOffice's own Accept All turns the redline into the new draft, and its own
// Reject All into the base draft, word for word; and it counts the changes the report counts.

/** The example deals against the standard terms, each in its own language. */
const EXAMPLES: readonly (readonly [string, DraftLang])[] = [
  ["bilingual-crm", "en+zh"],
  ["cn-crm-standard", "zh"],
  ["england-saas", "en"],
  ["eu-gdpr-icc", "en"],
  ["ireland-eu-saas", "en"],
  ["prc-domestic-cietac", "zh"],
  ["shanghai-singapore-shiac", "en+zh"],
  ["singapore-saas", "en"],
  ["us-crm-enterprise", "en"],
  ["us-delaware-gdpr-ccpa", "en"],
  ["us-healthcare-hipaa", "en"],
  ["us-newyork-saas", "en"],
];

interface Case {
  readonly name: string;
  readonly redline: string;
  readonly base: string;
  readonly next: string;
  readonly changes: number;
}

const dir = mkdtempSync(join(tmpdir(), "cw-redline-lo-"));
const cases: Case[] = [];
const redlines = new Map<string, LoRedlines>();
const texts = new Map<string, string>();

/** Writes a DOCX once per distinct content; equal drafts share one file and one LibreOffice load. */
function file(bytes: Uint8Array, plain: Map<string, string>): string {
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const path = join(dir, `${hash}.docx`);
  if (!plain.has(path)) {
    writeFileSync(path, bytes);
    plain.set(path, hash);
  }
  return path;
}

beforeAll(async () => {
  if (!LO_REDLINE_TOOLS.every(hasTool)) return;
  const plain = new Map<string, string>();
  const inputs: { name: string; base: DealData | "standard"; next: DealData; lang: DraftLang }[] = [
    ...redlinePairs().map((p) => ({ name: p.name, base: p.base, next: p.next, lang: p.lang })),
    ...EXAMPLES.map(([d, lang]) => ({ name: `${d} ${lang} against standard`, base: "standard" as const, next: exampleDeal(d), lang })),
  ];
  for (const input of inputs) {
    const r = await redline(input.base, input.next, { formats: ["docx"], lang: input.lang, force: true });
    const path = join(dir, `redline-${cases.length}.docx`);
    writeFileSync(path, r.docx ?? new Uint8Array());
    cases.push({
      name: input.name,
      redline: path,
      base: file(await renderDocx(r.base.model), plain),
      next: file(await renderDocx(r.next.model), plain),
      changes: r.report.changes,
    });
  }
  for (const r of loRedlines(cases.map((c) => c.redline))) redlines.set(r.file, r);
  for (const r of loRedlines([...plain.keys()], { onlyText: true })) texts.set(r.file, r.original ?? "");
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("redline DOCX in LibreOffice", () => {
  itWithTools(LO_REDLINE_TOOLS, "accept all gives the new draft, reject all the base draft, and the counts agree", () => {
    expect(cases.length).toBe(27);
    const failures: string[] = [];
    for (const c of cases) {
      const lo = redlines.get(c.redline);
      if (!lo?.loaded) {
        failures.push(`${c.name}: not loaded (${lo?.error})`);
        continue;
      }
      if (lo.accepted !== texts.get(c.next)) failures.push(`${c.name}: accept all ≠ new draft${firstDifference(lo.accepted, texts.get(c.next))}`);
      if (lo.rejected !== texts.get(c.base)) failures.push(`${c.name}: reject all ≠ base draft${firstDifference(lo.rejected, texts.get(c.base))}`);
      if (lo.redlines !== c.changes) failures.push(`${c.name}: LibreOffice counts ${lo.redlines} changes, the report ${c.changes}`);
      if (lo.left?.accepted !== 0 || lo.left?.rejected !== 0) failures.push(`${c.name}: changes left after accept/reject ${JSON.stringify(lo.left)}`);
    }
    expect(failures).toEqual([]);
    // Every case has changes to prove anything with.
    expect(cases.filter((c) => c.changes === 0).map((c) => c.name)).toEqual([]);
  });
});

/** Where two texts first differ, with a little context, for a readable failure. */
function firstDifference(a: string | undefined, b: string | undefined): string {
  const x = (a ?? "").split("\n");
  const y = (b ?? "").split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return ` at line ${i + 1}: ${JSON.stringify(x[i]?.slice(0, 160))} vs ${JSON.stringify(y[i]?.slice(0, 160))}`;
  }
  return "";
}
