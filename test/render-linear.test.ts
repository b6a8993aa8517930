/**
 * Layout is linear in the length of the text, and nothing in the renderers spreads a data-sized
 * array into a call. No test here reads the clock: work is counted (characters handed to the
 * shaper, widths measured) and bounded by a multiple of the input's length.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import type * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { formatClauseTable, type ClauseListing } from "../src/catalog/listing.js";
import type { DocumentModel, Run, Table } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { estimateHeadingPages } from "../src/render/docx/page-estimate.js";
import { docxColumnWidths } from "../src/render/docx/table-widths.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { parsedCjkFonts, parsedFonts } from "../src/render/pdf/fonts.js";
import { renderPdf } from "../src/render/pdf/index.js";
import { breakLines, isCjk, LONG_UNIT, noEnd, noStart, units } from "../src/render/pdf/line-break.js";
import { LAYOUT_CACHE_BYTES, textCacheBytes, WIDTH_CACHE_BYTES } from "../src/render/pdf/writer.js";

const t = (text: string, extra: { bold?: boolean } = {}): Run => ({ type: "text", text, ...extra });

/** `n` characters repeating `unit`. */
const repeat = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

const LATIN = "Abcdefghij";
const CJK = "甲乙丙丁戊己庚辛壬癸";
const MIXED = "Ab甲c乙Dd丙,";

/** A monospace measure (a Chinese character 1, anything else ½) that counts its work: calls, and code units measured. */
function countingMeasure(text: string): { measure: (s: number, e: number) => number; work: { calls: number; units: number } } {
  // Widths of text[0, i) by UTF-16 offset, so a measure costs the same however long the piece.
  const sums = new Float64Array(text.length + 1);
  for (let i = 0; i < text.length; i++) sums[i + 1] = (sums[i] ?? 0) + (isCjk(text.charAt(i)) ? 1 : 0.5);
  const work = { calls: 0, units: 0 };
  const measure = (s: number, e: number): number => {
    work.calls++;
    work.units += e - s;
    return (sums[e] ?? 0) - (sums[s] ?? 0);
  };
  return { measure, work };
}

/** `units` as it was (one-character strings and regular expressions), to check the faster one against. */
function referenceUnits(text: string): { start: number; end: number }[] {
  const chars = [...text];
  const at: number[] = [];
  let i = 0;
  for (const ch of chars) {
    at.push(i);
    i += ch.length;
  }
  const space = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\u00A0" || ch === "\u3000";
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let open = "";
  for (let k = 1; k < chars.length; k++) {
    const before = chars[k - 2] ?? "";
    const a = chars[k - 1] ?? "";
    const b = chars[k] ?? "";
    if (!space(a)) open = a;
    const may =
      a === "\n" ||
      (!(space(b) || b === "\n") &&
        !noStart(b) &&
        !noEnd(open) &&
        !(["…", "—", "⋯"].includes(a) && a === b) &&
        (space(a) || isCjk(a) || isCjk(b) || (a === "-" && /\p{L}/u.test(before) && /\p{L}/u.test(b))));
    if (may) {
      out.push({ start, end: at[k] ?? text.length });
      start = at[k] ?? text.length;
    }
  }
  if (text.length > 0) out.push({ start, end: text.length });
  return out;
}

describe("PDF line breaking is linear", () => {
  it.each([
    ["Latin", LATIN],
    ["Chinese", CJK],
    ["mixed", MIXED],
  ])("a 200,000-character %s run without spaces: each character measured a bounded number of times, lines that fit", (name, unit) => {
    const n = 200_000;
    const text = repeat(unit, n);
    const width = 40;
    const { measure, work } = countingMeasure(text);
    const lines = breakLines(text, width, measure);
    const { measure: plain } = countingMeasure(text);
    // The lines partition the text and fit; cut from one unbreakable run, each is full: the next character would not fit.
    let joined = "";
    const bad: string[] = [];
    lines.forEach((l, i) => {
      joined += text.slice(l.start, l.end);
      if (l.width > width + 1e-3 || Math.abs(l.width - plain(l.start, l.contentEnd)) > 1e-6) bad.push(`line ${i} is ${l.width} wide`);
      const next = lines[i + 1];
      if (name === "Latin" && next && l.width + plain(next.start, next.start + 1) <= width) bad.push(`line ${i} could take one more character`);
    });
    expect(joined === text).toBe(true);
    expect(bad).toEqual([]);
    expect(lines.length).toBeGreaterThanOrEqual(Math.ceil(plain(0, n) / width));
    // Linear: each character is measured at most twice (its unit, then itself). Shaping the rest
    // of the run again after every line cut from it, as pdfkit's wrapper does, would be n² / line.
    expect(work.units).toBeLessThanOrEqual(2 * n);
    expect(work.calls).toBeLessThanOrEqual(2 * n);
  });

  it("a unit longer than LONG_UNIT is never handed to the measure whole", () => {
    const text = `${repeat(LATIN, 5_000)} tail`;
    let longest = 0;
    breakLines(text, 1e9, (s, e) => {
      longest = Math.max(longest, e - s);
      return (e - s) / 2;
    });
    expect(longest).toBeLessThanOrEqual(LONG_UNIT + 1);
  });

  it("property: the one-pass units are the units of the rules as written before", () => {
    const piece = fc.constantFrom(..."aZ-甲乙，。、（）(),.…—⋯ \t\u00A0\u3000\n5é", "\u{20000}", "\uD800", "\uDC00", "non-", "……");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(piece, { maxLength: 30 }).map((xs) => xs.join("")),
          fc.string({ unit: fc.integer({ min: 0, max: 0x3ffff }).map((c) => String.fromCodePoint(c)), maxLength: 30 }),
        ),
        (text) => {
          expect(units(text)).toEqual(referenceUnits(text));
        },
      ),
      { numRuns: 500, seed: 15 },
    );
  });
});

/** Counts the characters fontkit shapes for the given fonts while `fn` runs. */
async function shapedCharacters(fonts: readonly fontkit.Font[], fn: () => Promise<unknown>): Promise<number> {
  let shaped = 0;
  const restore: (() => void)[] = [];
  for (const font of new Set(fonts)) {
    const own = Object.getOwnPropertyDescriptor(font, "layout");
    const original = font.layout;
    Object.defineProperty(font, "layout", {
      configurable: true,
      writable: true,
      value(this: fontkit.Font, text: string, ...rest: unknown[]) {
        shaped += text.length;
        return (original as (...a: unknown[]) => unknown).call(this, text, ...rest);
      },
    });
    restore.push(() => (own ? Object.defineProperty(font, "layout", own) : delete (font as { layout?: unknown }).layout));
  }
  try {
    await fn();
  } finally {
    for (const r of restore) r();
  }
  return shaped;
}

/**
 * A document with long texts without spaces everywhere one can go: `latin` in the title (the page
 * header) and every text of the signature page, `mixed` in a paragraph, `cjk` in a table cell.
 */
function longTextModel(latin: string, cjk: string, mixed: string): DocumentModel {
  return {
    meta: { lang: "en", title: latin, subject: "S", reference: "R-1", parties: ["A", "B"], createdAt: "2026-12-01T00:00:00.000Z", producer: "test" },
    front: [
      { kind: "contents", heading: "Contents", entries: [{ label: "1.", title: "End", anchor: "cl-end" }] },
      { kind: "paragraph", role: "body", runs: [t("This Agreement is made between "), t(mixed, { bold: true }), t(" and Northwind.")] },
      {
        kind: "table",
        columns: [
          { header: [t("Party")], width: 1, align: "left" },
          { header: [t("Name")], width: 2, align: "left" },
        ],
        rows: [{ cells: [[t("Customer")], [t(cjk)]] }],
      },
    ],
    clauses: [{ id: "end", anchor: "cl-end", number: "1", label: "1.", title: "End", blocks: [], subclauses: [] }],
    signatures: {
      heading: "Signatures",
      intro: [t("Signed by the parties.")],
      noFurtherText: latin,
      parties: [
        {
          role: "CUSTOMER",
          name: latin,
          lines: [
            { kind: "name", label: "Name", value: latin },
            { kind: "signature", label: "Signature" },
          ],
        },
        { role: "PROVIDER", name: "Northwind", lines: [{ kind: "signature", label: "Signature" }] },
      ],
    },
    schedules: [],
  };
}

describe("PDF rendering is linear in the length of a text without spaces", () => {
  it("20,000 characters (Latin, Chinese, mixed) in the header, a paragraph, a table cell and the signature page", async () => {
    const n = 20_000;
    const fonts = defaultFonts();
    const latin = parsedFonts(fonts);
    const cjk = parsedCjkFonts(fonts);
    const all = [latin.regular, latin.bold, latin.italic, latin.boldItalic, ...(cjk ? [cjk.regular, cjk.bold] : [])];
    let pdf: Uint8Array | undefined;
    const shaped = await shapedCharacters(all, async () => {
      pdf = await renderPdf(longTextModel(repeat(LATIN, n), repeat(CJK, n), repeat(MIXED, n)), { fonts });
    });
    expect(
      Buffer.from(pdf ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    // The texts appear in 7 places, each set about twice (measured, then drawn): linear is some
    // 14n characters shaped. pdfkit's own wrapping, which the signature page and the page header
    // used, shaped the rest of the name again for every line: n² / 35 for each, some 11 million here.
    expect(shaped).toBeLessThan(30 * n);
    for (const font of all) {
      const bytes = textCacheBytes(font);
      expect(bytes.widths).toBeLessThanOrEqual(WIDTH_CACHE_BYTES);
      expect(bytes.layouts).toBeLessThanOrEqual(LAYOUT_CACHE_BYTES);
    }
  });
});

describe("no data-sized array is spread into a call (130,000 items overflow the stack)", () => {
  it("no push(...xs), Math.max(...xs) or Math.min(...xs) in the renderers and the clause listing", () => {
    const root = fileURLToPath(new URL("../src/", import.meta.url));
    const files = [
      ...readdirSync(join(root, "render"), { recursive: true, encoding: "utf8" }).map((f) => join(root, "render", f)),
      join(root, "catalog", "listing.ts"),
      join(root, "assemble", "build.ts"),
      join(root, "assemble", "compute.ts"),
    ].filter((f) => f.endsWith(".ts"));
    const spread = /\.(push|unshift)\(\s*\.\.\.|Math\.(max|min)\([^()]*\.\.\.|String\.fromCharCode\(\s*\.\.\./;
    const hits = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ line: line.trim(), at: `${relative(root, f)}:${i + 1}` }))
        .filter(({ line }) => !line.startsWith("//") && !line.startsWith("*") && spread.test(line))
        .map(({ at, line }) => `${at}: ${line}`),
    );
    expect(hits).toEqual([]);
  });

  const N = 200_000;
  const table: Table = {
    kind: "table",
    columns: [
      { header: [t("Item")], width: 3, align: "left" },
      { header: [t("Quantity")], width: 1, align: "right" },
      { header: [t("Amount")], width: 1, align: "right" },
    ],
    rows: Array.from({ length: N }, (_, i) => ({ cells: [[t(`Line ${i}`)], [t("1")], [t("USD 1.00")]] })),
  };

  it("a table of 200,000 rows: Markdown and DOCX column widths", () => {
    const md = renderMarkdown({
      meta: { lang: "en", title: "T", subject: "S", reference: "R-1", parties: ["A", "B"], createdAt: "2026-12-01T00:00:00.000Z", producer: "test" },
      front: [table],
      clauses: [],
      signatures: { heading: "Signatures", intro: [], parties: [] },
      schedules: [],
    });
    expect(md.includes("| Line 199999 | 1 | USD 1.00 |")).toBe(true);
    const widths = docxColumnWidths(table, 9000, 200, 200);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9000);
  });

  it("a clause listing of 200,000 rows", () => {
    const list: ClauseListing[] = Array.from({ length: N }, (_, i) => ({ id: `c${i}`, category: "general", titles: { en: "T" }, variants: ["default"], variables: [], pack: "p" }));
    const lines = formatClauseTable(list).split("\n");
    expect(lines[1]).toBe("c0       general   default   T           ");
    expect(lines).toHaveLength(N + 2);
  });
});

describe("DOCX page estimate and Markdown take 200,000 characters without spaces", () => {
  it("Latin, Chinese and mixed", () => {
    const n = 200_000;
    const m = longTextModel(repeat(LATIN, n), repeat(CJK, n), repeat(MIXED, n));
    // The paragraph and the table cell wrap over pages: the clause after them starts pages later.
    expect(estimateHeadingPages(m).get("cl-end")).toBeGreaterThan(50);
    const md = renderMarkdown(m);
    expect([LATIN, CJK, MIXED].every((u) => md.includes(repeat(u, n)))).toBe(true);
  });
});
