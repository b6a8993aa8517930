/**
 * The PDF's Chinese typesetting, read back from the files as poppler lays them
 * out: line-breaking rules (禁则), justified Chinese body text, headings never
 * left at the bottom of a page, contents entries that do not print over each
 * other, and the Chinese footer. Drafts go through the public API.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { draft, type DraftResult } from "../src/draft.js";
import type { Block, DocumentModel, Run } from "../src/model/types.js";
import { readDealFile } from "../src/node/deal-file.js";
import { defaultFonts } from "../src/node/fonts.js";
import { noEnd, noStart } from "../src/render/pdf/line-break.js";
import { lineFragments, setText, type Metrics } from "../src/render/pdf/typeset.js";
import { hasTool, itWithTools, pdfText, tempDir } from "./helpers/tools.js";

const fonts = defaultFonts();

/** A word or a line as poppler's -bbox-layout reports it. */
interface Box {
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly text: string;
}
interface Page {
  readonly height: number;
  readonly lines: readonly Box[];
  readonly words: readonly Box[];
}

const decode = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const attrs = (tag: string): { xMin: number; yMin: number; xMax: number; yMax: number } => {
  const n = (k: string): number => Number(new RegExp(`${k}="([\\d.]+)"`).exec(tag)?.[1]);
  return { xMin: n("xMin"), yMin: n("yMin"), xMax: n("xMax"), yMax: n("yMax") };
};

/** Pages with their lines (one per column: poppler splits the columns of a parallel page) and words. */
function bboxPages(pdf: Uint8Array): Page[] {
  const dir = tempDir();
  try {
    const f = join(dir, "a.pdf");
    writeFileSync(f, pdf);
    const html = execFileSync("pdftotext", ["-bbox-layout", f, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((p) => {
      const lines: Box[] = [];
      const words: Box[] = [];
      for (const l of (p[2] ?? "").matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
        const ws = [...(l[2] ?? "").matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({ ...attrs(w[1] ?? ""), text: decode(w[2] ?? "") }));
        words.push(...ws);
        lines.push({ ...attrs(l[1] ?? ""), text: ws.map((w) => w.text).join(" ") });
      }
      return { height: Number(p[1]), lines, words };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page header and footer sit in the margins. */
const bodyLines = (p: Page): Box[] => p.lines.filter((l) => l.yMin > 60 && l.yMax < p.height - 60);

/** The left edge of the right column of a parallel page (A4, 64 pt margins, 18 pt gutter). */
const RIGHT_COLUMN = 64 + (595.28 - 128 - 18) / 2 + 9;
const columnOf = (l: Box): 0 | 1 => (l.xMin >= RIGHT_COLUMN ? 1 : 0);

/** Lines that break a rule: a closing mark first, an opening mark last. */
function ruleBreaks(lines: readonly string[]): string[] {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .filter((l) => noStart([...l][0] ?? "") || noEnd([...l].pop() ?? ""));
}

/** Every clause, sub-clause and schedule heading of a model, in both languages, without spaces. */
function headings(model: DocumentModel): Set<string> {
  const out = new Set<string>();
  const squash = (s: string): string => s.replace(/\s+/g, "");
  const clauses = [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules];
  for (const c of clauses) {
    out.add(squash(`${c.label} ${c.title}`));
    if (c.alt) out.add(squash(`${c.alt.label} ${c.alt.title ?? ""}`));
    for (const s of c.subclauses) {
      if (s.title) out.add(squash(`${s.number} ${s.title}`));
      if (s.alt?.title) out.add(squash(`${s.alt.label} ${s.alt.title}`));
    }
  }
  return out;
}

const contentsHeading = (model: DocumentModel): string | undefined => {
  const c = model.front.find((b: Block) => b.kind === "contents");
  return c?.kind === "contents" ? c.heading : undefined;
};

/** Pages (1-based) whose last body line in a column is a heading, or the last line of a wrapped one. */
function strandedHeadings(result: DraftResult<never>): string[] {
  const hs = headings(result.model);
  const toc = contentsHeading(result.model);
  const out: string[] = [];
  let inContents = false;
  bboxPages(result.pdf!).forEach((page, i) => {
    const lines = bodyLines(page);
    // The contents list every heading; its entries are not headings. The contents may run on to the
    // next page, which then holds only entries (a heading and its page number).
    const opensContents = toc !== undefined && lines.some((l) => l.text.replace(/\s+/g, "") === toc.replace(/\s+/g, ""));
    const continuesContents = inContents && lines.every((l) => /^\d+$/.test(l.text.trim()) || hs.has(l.text.replace(/\s+/g, "").replace(/\d+$/, "")));
    inContents = opensContents || continuesContents;
    if (inContents) return;
    for (const col of [0, 1] as const) {
      const inCol = lines.filter((l) => columnOf(l) === col).sort((a, b) => a.yMin - b.yMin);
      const last = inCol[inCol.length - 1];
      if (!last) continue;
      const t = last.text.replace(/\s+/g, "");
      const prev = (inCol[inCol.length - 2]?.text ?? "").replace(/\s+/g, "");
      if (hs.has(t) || hs.has(prev + t)) out.push(`page ${i + 1}: ${last.text}`);
    }
  });
  return out;
}

/** Pairs of words on a page whose boxes overlap (text printed over text). */
function overprints(result: DraftResult<never>): string[] {
  const out: string[] = [];
  bboxPages(result.pdf!).forEach((page, i) => {
    const ws = page.words;
    for (let a = 0; a < ws.length; a++) {
      for (let b = a + 1; b < ws.length; b++) {
        const p = ws[a]!;
        const q = ws[b]!;
        const x = Math.min(p.xMax, q.xMax) - Math.max(p.xMin, q.xMin);
        const y = Math.min(p.yMax, q.yMax) - Math.max(p.yMin, q.yMin);
        if (x > 0.5 && y > 0.5) out.push(`page ${i + 1}: "${p.text}" over "${q.text}"`);
      }
    }
  });
  return out;
}

const drafts = new Map<string, Promise<DraftResult<never>>>();
/** Drafts an example deal once per test file (PDF only). */
function example(name: string, lang: "en" | "zh" | "en+zh", layout?: "parallel" | "interleaved"): Promise<DraftResult<never>> {
  const key = `${name}|${lang}|${layout ?? ""}`;
  let p = drafts.get(key);
  if (!p) {
    p = readDealFile(`examples/deals/${name}.yaml`).then((deal) => draft(deal, { lang, fonts, formats: ["pdf"], ...(layout ? { layout } : {}) }));
    drafts.set(key, p);
  }
  return p;
}

const TOOLS = ["pdftotext"];
const LONG = 60_000;

describe("Chinese line breaking in the PDF (禁则)", () => {
  beforeAll(() => {
    // Start the drafts together; each test awaits its own.
    if (hasTool("pdftotext") || process.env.CI === "true") {
      void example("cn-crm-standard", "zh");
      void example("prc-domestic-cietac", "zh");
      void example("bilingual-crm", "en+zh", "parallel");
      void example("shanghai-singapore-shiac", "en+zh", "interleaved");
    }
  });

  for (const name of ["cn-crm-standard", "prc-domestic-cietac"]) {
    itWithTools(
      TOOLS,
      `${name} (Chinese): no line starts with a closing mark or ends with an opening one`,
      async () => {
        const { pdf } = await example(name, "zh");
        const lines = pdfText(pdf!).split("\n");
        expect(ruleBreaks(lines)).toEqual([]);
        // The same, line by line as poppler groups the words.
        expect(ruleBreaks(bboxPages(pdf!).flatMap((p) => bodyLines(p).map((l) => l.text)))).toEqual([]);
      },
      LONG,
    );
  }

  for (const [name, layout] of [
    ["bilingual-crm", "parallel"],
    ["shanghai-singapore-shiac", "interleaved"],
  ] as const) {
    itWithTools(
      TOOLS,
      `${name} (${layout}): no line of either column starts with a closing mark or ends with an opening one`,
      async () => {
        const { pdf } = await example(name, "en+zh", layout);
        // -bbox-layout gives each column's lines apart, where -layout would join them.
        expect(ruleBreaks(bboxPages(pdf!).flatMap((p) => bodyLines(p).map((l) => l.text)))).toEqual([]);
      },
      LONG,
    );
  }
});

describe("Chinese justification (两端对齐)", () => {
  /** Share of a column's body lines (longer than half the column) that end at its right edge. */
  const flushShare = (pages: readonly Page[], right: number, pick: (l: Box) => boolean): number => {
    const lines = pages.flatMap(bodyLines).filter(pick);
    const long = lines.filter((l) => l.xMax - l.xMin > (right - l.xMin) / 2 && l.text.length > 6);
    return long.filter((l) => Math.abs(l.xMax - right) < 0.6).length / Math.max(1, long.length);
  };
  const cjk = (l: Box): boolean => /[\u4E00-\u9FFF]/.test(l.text);
  const latin = (l: Box): boolean => !cjk(l) && /[a-z]{3}/.test(l.text);

  itWithTools(
    TOOLS,
    "a Chinese agreement's body lines run to the right margin",
    async () => {
      const pages = bboxPages((await example("cn-crm-standard", "zh")).pdf!);
      // Every full line ends at the margin; last lines of paragraphs, list items and table cells stop short
      // (about half of the long lines here; ragged, as before, under a tenth reach it).
      expect(flushShare(pages, 595.28 - 64, cjk)).toBeGreaterThan(0.4);
    },
    LONG,
  );

  itWithTools(
    TOOLS,
    "in the parallel layout the Chinese column is justified and the English one stays ragged",
    async () => {
      const pages = bboxPages((await example("bilingual-crm", "en+zh", "parallel")).pdf!);
      const columnRight = 64 + (595.28 - 128 - 18) / 2;
      // Chinese prevails in this deal, so the Chinese column is the left one.
      expect(flushShare(pages, columnRight, (l) => columnOf(l) === 0 && cjk(l))).toBeGreaterThan(0.6);
      expect(flushShare(pages, 595.28 - 64, (l) => columnOf(l) === 1 && latin(l))).toBeLessThan(0.1);
    },
    LONG,
  );

  itWithTools(
    TOOLS,
    "an English agreement stays ragged-right",
    async () => {
      const pages = bboxPages((await example("us-crm-enterprise", "en")).pdf!);
      expect(flushShare(pages, 595.28 - 64, latin)).toBeLessThan(0.1);
    },
    LONG,
  );

  it("gaps go between characters, never inside a Latin word, and fill the line exactly", () => {
    // Monospace metrics: a Chinese character 10 wide, anything else 5; one line height.
    const font = {} as never;
    const m: Metrics = {
      fontOf: () => font,
      width: (_f, _s, t) => [...t].reduce((w, ch) => w + (/[\u4E00-\u9FFF，。]/.test(ch) ? 10 : 5), 0),
      vertical: () => ({ advance: 12, ascender: 9 }),
    };
    const runs: Run[] = [
      { type: "text", text: "甲方应以CSV格式" },
      { type: "ref", target: "c-9", text: "第九条" },
      { type: "text", text: "导出数据，乙方应当协助。" },
    ];
    const set = setText(m, runs, { width: 100, size: 10, bold: false, color: "#000", linkColor: "#00f" });
    const first = set.lines[0]!;
    expect(set.text.slice(first.start, first.end)).toBe("甲方应以CSV格式第九");
    const frags = lineFragments(m, set, first, 100, true);
    // "CSV" is drawn whole without extra spacing; the Chinese characters share the slack.
    expect(frags.find((f) => f.text.includes("S"))).toMatchObject({ text: "CSV", spacing: 0 });
    const last = frags[frags.length - 1]!;
    expect(last.x + m.width(font, 10, last.text) + last.spacing * ([...last.text].length - 1)).toBeCloseTo(100, 6);
    // The link keeps its own fragments (and colour); the line's last character takes no spacing after it.
    expect(last).toMatchObject({ text: "九", spacing: 0, span: { goTo: "c-9" } });
    // Not justified: the same line, ragged, from x = 0 with no spacing.
    const ragged = lineFragments(m, set, first, 100, false);
    expect(ragged.every((f) => f.spacing === 0)).toBe(true);
    expect(ragged.map((f) => f.text).join("")).toBe("甲方应以CSV格式第九");
    // The last line of the paragraph is never stretched.
    const end = set.lines[set.lines.length - 1]!;
    expect(lineFragments(m, set, end, 100, true).every((f) => f.spacing === 0)).toBe(true);
  });
});

describe("headings and contents in the PDF", () => {
  const cases = [
    ["cn-crm-standard", "zh", undefined],
    ["prc-domestic-cietac", "zh", undefined],
    ["bilingual-crm", "en+zh", "parallel"],
    ["shanghai-singapore-shiac", "en+zh", "interleaved"],
    ["us-crm-enterprise", "en", undefined],
  ] as const;
  for (const [name, lang, layout] of cases) {
    itWithTools(
      TOOLS,
      `${name} (${layout ?? lang}): no page ends with a heading`,
      async () => {
        expect(strandedHeadings(await example(name, lang, layout))).toEqual([]);
      },
      LONG,
    );
  }

  for (const [name, layout] of [
    ["bilingual-crm", "parallel"],
    ["shanghai-singapore-shiac", "interleaved"],
  ] as const) {
    itWithTools(
      TOOLS,
      `${name} (${layout}): a wrapped contents entry pushes the next one down; no text prints over text`,
      async () => {
        const result = await example(name, "en+zh", layout);
        expect(overprints(result)).toEqual([]);
      },
      LONG,
    );
  }

  itWithTools(
    TOOLS,
    "the Chinese footer reads 第1页，共N页 with a full-width comma",
    async () => {
      const pages = pdfText((await example("cn-crm-standard", "zh")).pdf!, false)
        .split("\f")
        .filter((p) => p.trim() !== "");
      expect(pages[0]).toContain(`第1页，共${pages.length}页`);
      expect(pages[pages.length - 1]).toContain(`第${pages.length}页，共${pages.length}页`);
      expect(pages.join("")).not.toMatch(/第\d+页,/);
    },
    LONG,
  );

  it(
    "a Chinese PDF is byte-identical across drafts",
    async () => {
      const deal = await readDealFile("examples/deals/cn-crm-standard.yaml");
      const a = await draft(deal, { lang: "zh", fonts, formats: ["pdf"] });
      const b = await draft(deal, { lang: "zh", fonts, formats: ["pdf"] });
      expect(Buffer.from(a.pdf!).equals(Buffer.from(b.pdf!))).toBe(true);
    },
    LONG,
  );
});
