import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { assembleBilingual, combineBilingual } from "../src/assemble/bilingual.js";
import { assemble } from "../src/assemble/build.js";
import { BUILTIN_PACK_FILES } from "../src/catalog/builtin/packs.generated.js";
import { createCatalog } from "../src/catalog/catalog.js";
import { parsePack } from "../src/catalog/parse-pack.js";
import type { PackFiles } from "../src/catalog/types.js";
import { validateDeal } from "../src/deal/parse.js";
import type { DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import type { Block, Clause, ContentBlock, DocumentModel, Run } from "../src/model/types.js";
import { defaultFonts } from "../src/node/fonts.js";
import { renderMarkdown } from "../src/render/markdown/index.js";
import { exampleDeal } from "./fixtures/deals.js";
import { runCli } from "./helpers/cli.js";
import { readDealFile } from "../src/node/deal-file.js";
import { docxTextsViaLibreOffice, itWithTools, pdfText, tempDir } from "./helpers/tools.js";
import { problemsOf } from "./helpers/problems.js";

function readDir(dir: string): PackFiles {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const f = join(d, n);
      if (statSync(f).isDirectory()) walk(f);
      else out[relative(dir, f)] = readFileSync(f, "utf8");
    }
  };
  walk(dir);
  return out;
}

const duoFiles = readDir(new URL("./fixtures/packs/duo", import.meta.url).pathname);

function duoCatalog(files: PackFiles = duoFiles) {
  const { pack, problems } = parsePack(files);
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return createCatalog([pack!]);
}

function bilingualDeal(prevailing: "en" | "zh" | "equal" | null = "zh"): DealInput & Record<string, unknown> {
  const d = exampleDeal();
  const agreement = d.agreement as Record<string, unknown>;
  if (prevailing) agreement.prevailingLanguage = prevailing;
  else delete agreement.prevailingLanguage;
  return d;
}

const fonts = defaultFonts();

const textOf = (runs: readonly Run[]): string => runs.map((r) => r.text).join("");

function contentText(b: ContentBlock): string {
  if (b.kind === "paragraph") return textOf(b.runs);
  if (b.kind === "list") return b.items.map((i) => textOf(i.runs)).join(" | ");
  return b.rows.map((r) => r.cells.map(textOf).join(" ")).join(" | ");
}

/** Every anchor a model defines, counting repeats, and every reference target. */
function anchorsAndRefs(m: DocumentModel): { anchors: string[]; refs: { target: string; text: string }[]; contents: string[] } {
  const anchors: string[] = [];
  const refs: { target: string; text: string }[] = [];
  const contents: string[] = [];
  const runs = (rs: readonly Run[]): void => {
    for (const r of rs) if (r.type === "ref") refs.push({ target: r.target, text: r.text });
  };
  const content = (b: ContentBlock): void => {
    if (b.kind === "paragraph") {
      if (b.anchor) anchors.push(b.anchor);
      runs(b.runs);
    } else if (b.kind === "list") b.items.forEach((i) => runs(i.runs));
    else b.rows.forEach((r) => r.cells.forEach(runs));
  };
  const blocks = (bs: readonly Block[]): void => {
    for (const b of bs) {
      if (b.kind === "parallel") b.cells.forEach(content);
      else if (b.kind === "contents") contents.push(...b.entries.map((e) => e.anchor));
      else if (b.kind !== "pageBreak") content(b);
    }
  };
  const clauses = (cs: readonly Clause[]): void => {
    for (const c of cs) {
      anchors.push(c.anchor);
      blocks(c.blocks);
      for (const s of c.subclauses) {
        // In a parallel layout an untitled sub-clause's anchor sits on its first paragraph.
        if (!(s.alt && s.title === undefined)) anchors.push(s.anchor);
        blocks(s.blocks);
      }
    }
  };
  blocks(m.front);
  clauses(m.clauses);
  if (m.continuation) {
    blocks(m.continuation.front);
    clauses(m.continuation.clauses);
  }
  clauses(m.schedules);
  return { anchors, refs, contents };
}

describe("combining two languages", () => {
  // English prevails, so English comes first: these tests are about the layouts' mechanics, English on the left / first.
  const deal = validateDeal(bilingualDeal("en"));

  it("refuses copies that do not align, naming the clause and what differs", () => {
    // A pack load refuses such a clause already; the combine step checks again, for models built any other way.
    const catalog = duoCatalog();
    const en = assemble(catalog, deal, { lang: "en", langs: ["en", "zh"] }).model;
    const zh = assemble(catalog, deal, { lang: "zh", langs: ["en", "zh"] }).model;
    const extra = { kind: "paragraph", role: "body", runs: [{ type: "text", text: "另有一段。" }] } as const;
    const skewed = {
      ...zh,
      clauses: zh.clauses.map((c) => (c.id === "alpha" ? { ...c, subclauses: c.subclauses.map((s, i) => (i === 0 ? { ...s, blocks: [s.blocks[0]!, extra, ...s.blocks.slice(1)] } : s)) } : c)),
    };
    const problems = problemsOf(() => combineBilingual(en, skewed, "parallel"));
    expect(problems).toEqual([
      expect.objectContaining({ code: "BILINGUAL_MISALIGNED", clause: "alpha", message: 'Clause "alpha", sub-clause 1.1: 2 block(s) in en but 3 in zh, so the languages cannot be aligned' }),
    ]);
  });

  it("refuses copies with different clauses or sub-clauses", () => {
    const catalog = duoCatalog();
    const en = assemble(catalog, deal, { lang: "en", langs: ["en", "zh"] }).model;
    const zh = assemble(catalog, deal, { lang: "zh", langs: ["en", "zh"] }).model;
    const fewer = { ...zh, clauses: zh.clauses.filter((c) => c.id !== "gamma") };
    expect(problemsOf(() => combineBilingual(en, fewer, "sequential"))[0]).toMatchObject({ code: "BILINGUAL_MISALIGNED", message: expect.stringContaining("zh [alpha, bilang]") });
    const noSub = { ...zh, clauses: zh.clauses.map((c) => (c.id === "gamma" ? { ...c, subclauses: [] } : c)) };
    expect(problemsOf(() => combineBilingual(en, noSub, "parallel"))).toEqual([expect.objectContaining({ clause: "gamma", message: 'Clause "gamma" has 1 sub-clause(s) in en but 0 in zh' })]);
  });

  it("requires agreement.prevailingLanguage for a bilingual draft", () => {
    const problems = problemsOf(() => assembleBilingual(duoCatalog(), validateDeal(bilingualDeal(null))));
    expect(problems).toEqual([expect.objectContaining({ code: "DEAL_PREVAILING_LANGUAGE_REQUIRED", path: ["agreement", "prevailingLanguage"] })]);
  });

  it("tells templates whether the document is bilingual (document.bilingual, document.langs)", () => {
    const catalog = duoCatalog();
    expect(assemble(catalog, deal, { lang: "en" }).model.clauses.map((c) => c.id)).toEqual(["alpha", "gamma"]);
    const { model } = assembleBilingual(catalog, deal, { layout: "interleaved" });
    const bilang = model.clauses.find((c) => c.id === "bilang");
    expect(bilang?.blocks.map((b) => (b.kind === "paragraph" ? textOf(b.runs) : b.kind))).toEqual(["This document is in en zh .", "本文件语言:en zh 。"]);
  });

  it("parallel: every block a two-cell unit, headings beside each other, numbers per language", () => {
    const { model } = assembleBilingual(duoCatalog(), deal, { layout: "parallel" });
    expect(model.meta.bilingual).toEqual({ langs: ["en", "zh"], layout: "parallel" });
    const alpha = model.clauses[0]!;
    expect([alpha.label, alpha.title, alpha.alt]).toEqual(["1.", "Alpha Services", { lang: "zh", label: "第一条", title: "服务范围" }]);
    const all = [...alpha.blocks, ...alpha.subclauses.flatMap((s) => s.blocks)];
    expect(all.every((b) => b.kind === "parallel")).toBe(true);
    const units = all.map((b) => (b.kind === "parallel" ? b.cells.map(contentText) : []));
    expect(units[0]).toEqual(["Alpha intro, see Section 2.1 (Cap).", "服务范围说明,参见第二条第1款。"]);
    expect(units[2]).toEqual(["accounts (base) | sales (base) | marketing (optional) | analytics (valueAdded)", "accounts(base) | sales(base) | marketing(optional) | analytics(valueAdded)"]);
    expect(alpha.subclauses[0]?.alt).toEqual({ lang: "zh", label: "1.1", title: "第一部分" });
    // The untitled sub-clause 1.2: its number leads both cells and its anchor is on the left one.
    const second = alpha.subclauses[1]!.blocks[0]!;
    expect(second.kind === "parallel" && second.cells.map((c) => (c.kind === "paragraph" ? [c.number, c.anchor] : []))).toEqual([
      ["1.2", "cw-alpha-second"],
      ["1.2", undefined],
    ]);
    const list = all[2]!;
    expect(list.kind === "parallel" && list.cells.map((c) => (c.kind === "list" ? c.items.map((i) => i.label) : []))).toEqual([
      ["(a)", "(b)", "(c)", "(d)"],
      ["（一）", "（二）", "（三）", "（四）"],
    ]);
    const { anchors, refs, contents } = anchorsAndRefs(model);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const c of contents) expect(anchors).toContain(c);
    for (const r of refs) expect(anchors).toContain(r.target);
  });

  it("parallel keeps a table wider than two columns full width, one language after the other", () => {
    const catalog = duoCatalog();
    const widen = (m: DocumentModel): DocumentModel => ({
      ...m,
      clauses: m.clauses.map((c) => ({
        ...c,
        subclauses: c.subclauses.map((s) => ({
          ...s,
          blocks: s.blocks.map((b) =>
            b.kind === "table"
              ? {
                  ...b,
                  columns: [...b.columns, { header: [{ type: "text", text: "%" }], width: 1, align: "right" }],
                  rows: b.rows.map((r) => ({ ...r, cells: [...r.cells, [{ type: "text", text: "1" }]] })),
                }
              : b,
          ),
        })),
      })),
    });
    const en = widen(assemble(catalog, deal, { lang: "en", langs: ["en", "zh"] }).model);
    const zh = widen(assemble(catalog, deal, { lang: "zh", langs: ["en", "zh"] }).model);
    const cap = combineBilingual(en, zh, "parallel").clauses.find((c) => c.id === "gamma")!.subclauses[0]!;
    expect(cap.blocks.map((b) => (b.kind === "table" ? `table ${textOf(b.columns[0]!.header)}` : b.kind))).toEqual(["parallel", "table Item", "table 项目"]);
  });

  it("parallel with Chinese first puts Chinese on the left", () => {
    const { model } = assembleBilingual(duoCatalog(), deal, { layout: "parallel", langs: ["zh", "en"] });
    expect([model.clauses[0]?.label, model.clauses[0]?.title, model.clauses[0]?.alt?.title]).toEqual(["第一条", "服务范围", "Alpha Services"]);
    const b = model.clauses[0]!.blocks[0]!;
    expect(b.kind === "parallel" && b.langs).toEqual(["zh", "en"]);
  });

  it("sequential: the English body, a page break, the Chinese body with its own anchors; references stay in their language", () => {
    const { model } = assembleBilingual(duoCatalog(), deal, { layout: "sequential" });
    expect(model.clauses.map((c) => `${c.label} ${c.title}`)).toEqual(["1. Alpha Services", "2. Liability Cap", "3. Languages"]);
    const cont = model.continuation!;
    expect(cont.lang).toBe("zh");
    expect(cont.front[0]).toEqual({ kind: "pageBreak" });
    expect(cont.clauses.map((c) => `${c.label} ${c.title}`)).toEqual(["第一条 服务范围", "第二条 责任限制", "第三条 语言"]);
    expect(cont.clauses.map((c) => c.anchor)).toEqual(["cw-alpha-zh", "cw-gamma-zh", "cw-bilang-zh"]);
    const { anchors, refs, contents } = anchorsAndRefs(model);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const c of contents) expect(anchors).toContain(c);
    expect(refs).toEqual([
      { target: "cw-gamma-cap", text: "Section 2.1 (Cap)" },
      { target: "cw-alpha-first", text: "Section 1.1 (First Part)" },
      { target: "cw-gamma-cap-zh", text: "第二条第1款" },
      { target: "cw-alpha-first-zh", text: "第一条第1款" },
      { target: "cw-alpha-first", text: "Section 1.1 (First Part)" },
      { target: "cw-gamma", text: "Section 2 (Liability Cap)" },
      { target: "cw-alpha-first-zh", text: "第一条第1款" },
      { target: "cw-gamma-zh", text: "第二条（责任限制）" },
    ]);
    for (const r of refs) expect(anchors).toContain(r.target);
  });

  it("interleaved: each block then its translation, each language with its own heading and numbers, one set of anchors", () => {
    const { model } = assembleBilingual(duoCatalog(), deal, { layout: "interleaved" });
    const alpha = model.clauses[0]!;
    expect([alpha.label, alpha.title, alpha.alt]).toEqual(["1.", "Alpha Services", { lang: "zh", label: "第一条", title: "服务范围", below: true }]);
    expect(alpha.subclauses.map((s) => [s.number, s.title, s.alt?.label, s.alt?.title])).toEqual([
      ["1.1", "First Part", "1.1", "第一部分"],
      ["1.2", undefined, "1.2", undefined],
    ]);
    expect(alpha.blocks.map((b) => (b.kind === "paragraph" ? textOf(b.runs) : b.kind))).toEqual(["Alpha intro, see Section 2.1 (Cap).", "服务范围说明,参见第二条第1款。"]);
    expect(alpha.subclauses[0]!.blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "list", "list"]);
    // The untitled sub-clause 1.2: each language's paragraph carries its own number; the English one the anchor.
    expect(alpha.subclauses[1]!.blocks.slice(0, 2).map((b) => (b.kind === "paragraph" ? [b.number, b.anchor] : []))).toEqual([
      ["1.2", "cw-alpha-second"],
      ["1.2", undefined],
    ]);
    // The Chinese lists keep their own labels.
    const lists = alpha.subclauses[0]!.blocks.filter((b) => b.kind === "list");
    expect(lists.map((l) => (l.kind === "list" ? l.items[0]?.label : ""))).toEqual(["(a)", "（一）"]);
    const { anchors, refs, contents } = anchorsAndRefs(model);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const c of contents) expect(anchors).toContain(c);
    for (const r of refs) expect(anchors).toContain(r.target);
  });

  it("schedules pair like clauses: side by side in parallel, both copies (own anchors) in sequential", () => {
    const par = assembleBilingual(duoCatalog(), deal, { layout: "parallel" }).model;
    expect(par.schedules.map((s) => [s.label, s.title, s.alt?.label, s.alt?.title])).toEqual([["Schedule 1 —", "Service Levels", "附件一", "服务等级"]]);
    const units = par.schedules[0]!.subclauses.map((s) => s.blocks[0]).map((b) => (b?.kind === "parallel" ? b.cells.map(contentText) : []));
    expect(units[0]).toEqual(["The availability target is 99.9%. See Section 1.1 (First Part).", "可用性目标为99.9%。参见第一条第1款。"]);
    const contents = par.front.find((b) => b.kind === "contents");
    expect(contents?.kind === "contents" && [contents.heading, contents.entries.map((e) => `${e.label} ${e.title}`)]).toEqual([
      "Contents / 目录",
      ["1. Alpha Services / 第一条 服务范围", "2. Liability Cap / 第二条 责任限制", "3. Languages / 第三条 语言", "Schedule 1 — Service Levels / 附件一 服务等级"],
    ]);
    const seq = assembleBilingual(duoCatalog(), deal, { layout: "sequential" }).model;
    expect(seq.schedules.map((s) => `${s.label} ${s.title} #${s.anchor}`)).toEqual(["Schedule 1 — Service Levels #cw-annex", "附件一 服务等级 #cw-annex-zh"]);
    const { anchors, refs, contents: links } = anchorsAndRefs(seq);
    expect(new Set(anchors).size).toBe(anchors.length);
    for (const t of [...refs.map((r) => r.target), ...links]) expect(anchors).toContain(t);
    expect(refs.filter((r) => r.text.startsWith("第")).every((r) => r.target.endsWith("-zh"))).toBe(true);
  });

  it("every layout has a bilingual title block and signature page", () => {
    for (const layout of ["parallel", "sequential", "interleaved"] as const) {
      const { model } = assembleBilingual(duoCatalog(), deal, { layout });
      expect(model.signatures.intro.map((r) => r.text)).toEqual(["Signed by the Parties.", "\n", "双方签署如下。"]);
      expect(model.front.slice(0, 2).map((b) => (b.kind === "paragraph" ? b.role : b.kind))).toEqual(["title", "subtitle"]);
    }
  });

  it("Markdown writes a parallel document interleaved, with both headings", () => {
    const { model } = assembleBilingual(duoCatalog(), deal, { layout: "parallel" });
    const md = renderMarkdown(model);
    expect(md).toContain("## 1. Alpha Services / 第一条 服务范围");
    expect(md).toContain("Alpha intro, see [Section 2.1 (Cap)](#cw-gamma-cap).\n\n服务范围说明,参见[第二条第1款](#cw-gamma-cap)。");
    expect(md).toContain('<a id="cw-alpha-second"></a>**1.2** An untitled sub-clause');
  });
});

it("a bilingual signature block pairs the lines to sign on and keeps the pre-filled ones once", () => {
  const en = { heading: "Signatures", intro: [], parties: [{ role: "CUSTOMER", name: "Acme Ltd", lines: [{ label: "Signature" }, { label: "Name", value: "Ann" }, { label: "Date" }] }] };
  const zh = { heading: "签署页", intro: [], parties: [{ role: "甲方（盖章）", name: "阿克米有限公司", lines: [{ label: "法定代表人或授权代表（签字）" }, { label: "日期" }] }] };
  const base = { meta: { lang: "en" as const, title: "T", subject: "S", reference: "R", parties: [], createdAt: "2026-01-01T00:00:00Z", producer: "p" }, front: [], clauses: [], schedules: [] };
  const m = combineBilingual({ ...base, signatures: en }, { ...base, meta: { ...base.meta, lang: "zh" }, signatures: zh }, "parallel");
  expect(m.signatures).toEqual({
    heading: "Signatures / 签署页",
    intro: [],
    parties: [
      { role: "CUSTOMER / 甲方（盖章）", name: "Acme Ltd\n阿克米有限公司", lines: [{ label: "Signature / 法定代表人或授权代表（签字）" }, { label: "Name", value: "Ann" }, { label: "Date / 日期" }] },
    ],
  });
  // Pre-filled lines pair up too, each label in both languages and a value shown once when both copies agree.
  const zh2 = { ...zh, parties: [{ ...zh.parties[0]!, lines: [{ label: "法定代表人或授权代表（签字）" }, { label: "姓名", value: "Ann" }, { label: "日期" }] }] };
  const m2 = combineBilingual({ ...base, signatures: en }, { ...base, meta: { ...base.meta, lang: "zh" }, signatures: zh2 }, "parallel");
  expect(m2.signatures.parties[0]?.lines).toEqual([{ label: "Signature / 法定代表人或授权代表（签字）" }, { label: "Name / 姓名", value: "Ann" }, { label: "Date / 日期" }]);
});

describe("the language clause of the CRM pack", () => {
  // The clause's own files from the built-in pack, in a pack of their own, so both languages are exercised.
  const crm = BUILTIN_PACK_FILES.crm!;
  const files: Record<string, string> = {
    "pack.yaml": "name: lang\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en, zh]\nagreements:\n  - id: lang\n    title: { en: Lang, zh: 语言 }\n    clauses: [language]\n",
  };
  for (const [k, v] of Object.entries(crm)) if (k.startsWith("clauses/language/")) files[k] = v;
  const catalog = createCatalog([parsePack(files).pack!]);
  const texts = (d: DealInput, lang: "en" | "zh", langs: ("en" | "zh")[] = ["en", "zh"]): string[] =>
    assemble(catalog, validateDeal(d), { lang, langs }).model.clauses.flatMap((c) =>
      c.subclauses.map((s) => `${s.title}: ${s.blocks.map((b) => (b.kind === "paragraph" ? textOf(b.runs) : "")).join(" ")}`),
    );

  it("is left out of a one-language document", () => {
    expect(assemble(catalog, validateDeal(bilingualDeal()), { lang: "en" }).model.clauses).toEqual([]);
  });

  it("says which text prevails, per agreement.prevailingLanguage", () => {
    expect(texts(bilingualDeal("zh"), "en")[0]).toContain("the Chinese text prevails");
    expect(texts(bilingualDeal("zh"), "zh")[0]).toContain("以中文文本为准");
    expect(texts(bilingualDeal("en"), "en")[0]).toContain("the English text prevails");
    expect(texts(bilingualDeal("en"), "zh")[0]).toContain("以英文文本为准");
    expect(texts(bilingualDeal("equal"), "en")[0]).toContain("both texts are equally authentic");
    expect(texts(bilingualDeal("equal"), "zh")[0]).toContain("两种文本具有同等效力");
  });

  it("states the arbitration language separately when the forum is arbitration", () => {
    expect(texts(bilingualDeal("zh"), "en")).toHaveLength(exampleDeal().law && (exampleDeal().law as { forum: { type: string } }).forum.type === "arbitration" ? 2 : 1);
    const d = bilingualDeal("zh");
    (d.law as Record<string, unknown>).forum = { type: "arbitration", institution: "CIETAC", seat: { en: "Beijing", zh: "北京" }, language: "en" };
    expect(texts(d, "en")[1]).toBe("Language of Arbitration: Whichever text prevails, the language of any arbitration under this Agreement is English.");
    expect(texts(d, "zh")[1]).toBe("仲裁语言: 无论以何种文本为准，依本合同进行的任何仲裁均以英文为仲裁语言。");
  });
});

describe("bilingual output files", () => {
  const catalog = duoCatalog();
  // English prevails, so English comes first (left).
  const run = (layout: "parallel" | "sequential" | "interleaved") => draft(bilingualDeal("en"), { catalog, agreement: "duo", lang: "en+zh", layout, fonts });

  it("DOCX parallel is a borderless two-column table per clause, with both headings", async () => {
    const { docx } = await run("parallel");
    const xml = strFromU8(unzipSync(docx!)["word/document.xml"]!);
    const tables = xml.split("<w:tbl>").slice(1);
    const clauseTable = tables.find((t) => t.includes("第一条 服务范围"));
    expect(clauseTable).toBeDefined();
    expect(clauseTable!.match(/<w:gridCol /g)?.length).toBe(2);
    expect(clauseTable).toMatch(/<w:insideV w:val="none"/);
    // The heading row: Heading 1 in both cells, never split, the left one bookmarked.
    const firstRow = clauseTable!.split("<w:tr>")[1] ?? clauseTable!.split("<w:tr ")[1]!;
    expect(firstRow).toContain("<w:cantSplit/>");
    expect(firstRow.match(/<w:pStyle w:val="Heading1"\/>/g)?.length).toBe(2);
    expect(firstRow).toContain('w:name="cw_alpha"');
  });

  it("options that need two languages are refused with one", async () => {
    await expect(draft(bilingualDeal(), { catalog, agreement: "duo", lang: "en", layout: "parallel", formats: ["md"] })).rejects.toMatchObject({ problems: [{ code: "OPTION_NOT_BILINGUAL" }] });
  });

  itWithTools(
    ["soffice"],
    "LibreOffice opens every bilingual layout and reads both languages' headings",
    async () => {
      const layouts = ["parallel", "sequential"] as const;
      const texts = docxTextsViaLibreOffice(await Promise.all(layouts.map(async (l) => (await run(l)).docx!)));
      for (const text of texts) {
        expect(text).toContain("1. Alpha Services");
        expect(text).toContain("第一条 服务范围");
        expect(text).toContain("服务范围说明,参见第二条第1款。");
      }
    },
    240_000,
  );

  itWithTools(["pdftotext", "pdffonts", "pdftoppm"], "the parallel PDF has both languages side by side and embeds the Chinese font", async () => {
    const { pdf } = await run("parallel");
    const text = pdfText(pdf!);
    expect(text).toMatch(/1\. Alpha Services +第一条 服务范围/);
    expect(text).toMatch(/Alpha intro, see Section 2\.1 \(Cap\)\. +服务范围说明,参见第二条第1款。/);
    expect(text).toMatch(/2\.1 Cap +2\.1 上限/);
    const dir = tempDir();
    try {
      const f = join(dir, "a.pdf");
      writeFileSync(f, pdf!);
      const fontsOut = execFileSync("pdffonts", [f], { encoding: "utf8" });
      expect(fontsOut).toMatch(/\+NotoSerifSC-Regular +CID TrueType +Identity-H +yes +yes/);
      expect(fontsOut).toMatch(/\+NotoSerif-Regular /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itWithTools(["pdftotext"], "the sequential PDF has the Chinese copy after the English one; the interleaved one alternates", async () => {
    const seq = pdfText((await run("sequential")).pdf!, false);
    expect(seq.indexOf("3. Languages")).toBeGreaterThan(-1);
    expect(seq.indexOf("第一条 服务范围")).toBeGreaterThan(seq.indexOf("3. Languages"));
    const inter = pdfText((await run("interleaved")).pdf!, false);
    expect(inter).toContain("1. Alpha Services\n第一条 服务范围");
    expect(inter.indexOf("服务范围说明")).toBeLessThan(inter.indexOf("1.1 First Part"));
  });

  itWithTools(["pdftotext"], "a unit taller than a page continues over the pages after it, in both columns", async () => {
    const d = bilingualDeal("en");
    const services = d.services as { modules: { code: string; name: string; tier: string }[] };
    services.modules = [...services.modules, ...Array.from({ length: 66 }, (_, i) => ({ code: `m${i + 5}`, name: `Module ${i + 5}`, tier: "base" }))];
    const { pdf } = await draft(d, { catalog, agreement: "duo", lang: "en+zh", fonts, formats: ["pdf"] });
    const pages = pdfText(pdf!).split("\f");
    const pageWith = (re: RegExp): number => pages.findIndex((p) => re.test(p));
    // Each line has an item in both columns, side by side, on every page the list runs over.
    const first = pageWith(/\(a\) +accounts \(base\) +（一） +accounts\(base\)/);
    const middle = pageWith(/\(ar\) +m44 \(base\) +（四十四） +m44\(base\)/);
    const last = pageWith(/\(br\) +m70 \(base\) +（七十） +m70\(base\)/);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(middle).toBeGreaterThan(first);
    expect(last).toBeGreaterThan(middle);
  });
});

describe("the CLI's language options", () => {
  it("refuses a bilingual draft without agreement.prevailingLanguage, writing nothing", async () => {
    const out = tempDir();
    // The checks flag it first (rule B1); forced past them, assembly still cannot write the language clause.
    const r = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--lang", "en+zh", "--format", "md"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error CHECK_B1 at agreement.prevailingLanguage");
    const forced = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--lang", "en+zh", "--format", "md", "--force"]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain("error DEAL_PREVAILING_LANGUAGE_REQUIRED at agreement.prevailingLanguage");
    expect(readdirSync(out)).toEqual([]);
  });

  it("refuses --layout without two languages, and an unknown language", async () => {
    const out = tempDir();
    const layout = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--layout", "sequential", "--format", "md"]);
    expect(layout.code).toBe(1);
    expect(layout.stderr).toContain("OPTION_NOT_BILINGUAL");
    const lang = await runCli(["draft", "examples/deals/us-crm-enterprise.yaml", "--out", out, "--lang", "fr"]);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('languages are en, zh or en+zh (got "fr")');
  });
});

describe("the bilingual example agreement (built-in CRM pack)", () => {
  const run = async (layout: "parallel" | "sequential" | "interleaved") => draft(await readDealFile("examples/deals/bilingual-crm.yaml"), { lang: "en+zh", layout, fonts });

  it("has the language clause in both languages, Chinese prevailing (so Chinese on the left), arbitration language stated", async () => {
    const { model } = await run("parallel");
    const language = model.clauses.find((c) => c.id === "language")!;
    expect([language.title, language.alt?.title]).toEqual(["合同文字", "Language"]);
    const units = language.subclauses.map((s) => s.blocks[0]).map((b) => (b?.kind === "parallel" ? b.cells.map(contentText) : []));
    expect(units[0]?.[0]).toContain("以中文文本为准");
    expect(units[0]?.[1]).toContain("the Chinese text prevails");
    expect(units[1]).toEqual(["无论以何种文本为准，依本合同进行的任何仲裁均以中文为仲裁语言。", "Whichever text prevails, the language of any arbitration under this Agreement is Chinese."]);
    // After the general clause; under PRC law only the Art. 496 notice on terms limiting liability follows it.
    expect(model.clauses.at(-2)?.id).toBe("language");
    expect(model.clauses.at(-1)?.id).toBe("limitation-notice");
  });

  itWithTools(["pdftotext", "pdffonts"], "its parallel PDF has both languages' headings side by side and embeds Noto Serif SC", async () => {
    const { pdf } = await run("parallel");
    const text = pdfText(pdf!);
    // Chinese prevails, so the Chinese column is on the left.
    expect(text).toMatch(/第一条 定义与解释 +1\. Definitions and Interpretation/);
    expect(text).toContain("甲方");
    const dir = tempDir();
    try {
      writeFileSync(join(dir, "a.pdf"), pdf!);
      expect(execFileSync("pdffonts", [join(dir, "a.pdf")], { encoding: "utf8" })).toMatch(/\+NotoSerifSC-Regular +CID TrueType +Identity-H +yes +yes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  itWithTools(
    ["soffice"],
    "LibreOffice converts its DOCX in every layout, with the Chinese headings",
    async () => {
      const layouts = ["parallel", "sequential", "interleaved"] as const;
      const texts = docxTextsViaLibreOffice(await Promise.all(layouts.map(async (l) => (await run(l)).docx!)));
      for (const text of texts) {
        expect(text).toContain("第一条");
        expect(text).toContain("Definitions and Interpretation");
        expect(text).toContain("合同文字");
      }
    },
    300_000,
  );
});
