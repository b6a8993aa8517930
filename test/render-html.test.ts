/**
 * HTML output (issue 18): one self-contained page from the document model. Read back with a DOM
 * (linkedom) and checked for what a reader, a screen reader and a browser rely on: headings with
 * the computed numbers, working links, defined terms, languages, tables with header rows, no
 * request leaving the file, data never turning into markup, and the same bytes every time.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parseHTML } from "linkedom";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import type { DocumentModel, Run } from "../src/model/types.js";
import { redline } from "../src/redline/redline.js";
import { renderHtml, termId } from "../src/render/html/index.js";

const example = (name: string): DealInput => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as DealInput;
const dom = (html: string) => parseHTML(html).document;
const text = (el: { textContent: string | null } | null | undefined): string => (el?.textContent ?? "").replace(/\s+/g, " ").trim();

/** Every `href="#x"` of a page has an element with id x; ids are unique. */
function brokenLinks(html: string): string[] {
  const doc = dom(html);
  const ids = [...doc.querySelectorAll("[id]")].map((e) => e.getAttribute("id") ?? "");
  expect(new Set(ids).size).toBe(ids.length);
  const known = new Set(ids);
  return [...doc.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "").filter((h) => !h.startsWith("#") || !known.has(decodeURIComponent(h.slice(1))));
}

describe("renderHtml on the English example (England)", () => {
  let html = "";
  let model: DocumentModel;
  beforeAll(async () => {
    const r = await draft(example("england-saas"), { formats: ["html"] });
    html = r.html;
    model = r.model;
  });

  it("is one page whose headings carry the computed numbers: h1 the title, h2 each clause, h3 each titled sub-clause", () => {
    const doc = dom(html);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect([...doc.querySelectorAll("h1")].map(text)).toEqual(["CRM Cloud Services Agreement"]);
    const h2 = [...doc.querySelectorAll("section.clause > h2")].map(text);
    expect(h2).toEqual(model.clauses.map((c) => `${c.label} ${c.title}`));
    expect(h2[0]).toBe("1. Definitions and Interpretation");
    const titled = model.clauses.flatMap((c) => c.subclauses.filter((s) => s.title).map((s) => `${s.number} ${s.title}`));
    expect([...doc.querySelectorAll("section.clause > h3")].map(text)).toEqual(titled);
    expect([...doc.querySelectorAll("section.schedule > h2")].map(text)).toEqual(model.schedules.map((s) => `${s.label} ${s.title}`));
  });

  it("links every cross-reference and contents entry to an element of the page", () => {
    const doc = dom(html);
    expect(brokenLinks(html)).toEqual([]);
    const contents = [...doc.querySelectorAll("nav.contents a")];
    expect(contents.length).toBe(model.clauses.length + model.schedules.length);
    expect(contents[0]?.getAttribute("href")).toBe(`#${model.clauses[0]?.anchor}`);
    expect(doc.querySelectorAll("a.ref").length).toBeGreaterThan(20);
  });

  it("marks each defined term where it is defined (dfn) and links its uses there", () => {
    const doc = dom(html);
    const dfns = [...doc.querySelectorAll("dfn")];
    expect(dfns.map((d) => d.getAttribute("id"))).toContain(termId("Customer Data"));
    expect(text(doc.getElementById(termId("Customer Data")))).toBe('"Customer Data"');
    const uses = [...doc.querySelectorAll("a.term")];
    expect(uses.length).toBeGreaterThan(50);
    expect(uses.every((a) => doc.getElementById((a.getAttribute("href") ?? "").slice(1))?.tagName === "DFN")).toBe(true);
  });

  it("writes tables with a header row of column headers", () => {
    const doc = dom(html);
    const tables = [...doc.querySelectorAll("table")];
    expect(tables.length).toBeGreaterThan(2);
    for (const t of tables) {
      expect(t.querySelectorAll("thead th[scope=col]").length).toBeGreaterThan(0);
      expect(t.querySelectorAll("tbody tr").length).toBeGreaterThan(0);
    }
    expect([...(tables[0]?.querySelectorAll("th") ?? [])].map(text)).toEqual(["Key term", "Agreed"]);
  });

  it("writes lettered lists as ordered lists with the computed labels", () => {
    const doc = dom(html);
    const first = doc.querySelector("ol.lettered");
    expect([...(first?.querySelectorAll(":scope > li > .label") ?? [])].map(text)).toEqual(["(a)", "(b)"]);
    const labels = [...doc.querySelectorAll("ol.lettered > li > .label")].map(text);
    expect(labels.length).toBeGreaterThan(40);
    expect(labels.every((l) => /^\([a-z]{1,2}\)$/.test(l))).toBe(true);
  });

  it("requests nothing: no script to run, no external URL, a policy forbidding requests, print CSS with A4 pages and page numbers", () => {
    const doc = dom(html);
    expect([...doc.querySelectorAll("script")].map((s) => s.getAttribute("type"))).toEqual(["application/json"]);
    expect(doc.querySelectorAll("[src], link, iframe, object, embed, img").length).toBe(0);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content")).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(html).toContain('@page{size:A4;margin:25mm 20mm;@bottom-center{content:"Page " counter(page) " of " counter(pages)');
    // The assembly record, as data, the same JSON the DOCX and PDF embed.
    expect(JSON.parse(doc.getElementById("clausewright-record")?.textContent ?? "")).toEqual(JSON.parse(model.meta.record ?? ""));
  });

  it("gives the same bytes for the same deal", async () => {
    const again = await draft(example("england-saas"), { formats: ["html"] });
    expect(again.html).toBe(html);
  });
});

describe("renderHtml in Chinese and bilingual", () => {
  it("Chinese: lang zh-CN, 第N条 headings, a Chinese page footer, Letter paper only under US law", async () => {
    const r = await draft(example("cn-crm-standard"), { formats: ["html"], lang: "zh" });
    const doc = dom(r.html);
    expect(doc.documentElement.getAttribute("lang")).toBe("zh-CN");
    expect(text(doc.querySelector("section.clause > h2"))).toBe("第一条 定义与解释");
    expect(r.html).toContain('content:"第" counter(page) "页，共" counter(pages) "页"');
    expect(brokenLinks(r.html)).toEqual([]);
    const us = await draft(example("us-newyork-saas"), { formats: ["html"] });
    expect(us.html).toContain("@page{size:letter;");
  });

  it("parallel: a two-column grid per unit, each column with its language; headings side by side; a one-column rule for narrow screens", async () => {
    const r = await draft(example("bilingual-crm"), { formats: ["html"], lang: "en+zh", primary: "en" });
    const doc = dom(r.html);
    expect(doc.documentElement.getAttribute("lang")).toBe("en");
    const units = [...doc.querySelectorAll("div.parallel")];
    expect(units.length).toBeGreaterThan(100);
    expect(units.every((u) => u.children.length === 2 && u.children[1]?.getAttribute("lang") === "zh-CN" && !u.children[0]?.hasAttribute("lang"))).toBe(true);
    const h2 = doc.querySelector("section.clause > h2.pair");
    expect(h2?.children[1]?.getAttribute("lang")).toBe("zh-CN");
    expect(text(h2)).toBe("1. Definitions and Interpretation 第一条 定义与解释");
    expect(r.html).toContain("@media (max-width:48em){.parallel,.pair{grid-template-columns:1fr}");
    expect(brokenLinks(r.html)).toEqual([]);
    // Both languages' definitions are marked, and each use links to its own language's.
    const dfnLangs = new Set([...doc.querySelectorAll("dfn")].map((d) => d.closest("[lang]")?.getAttribute("lang")));
    expect(dfnLangs).toEqual(new Set(["en", "zh-CN"]));
  });

  it("interleaved and sequential: every block or copy says its language", async () => {
    const inter = await draft(example("bilingual-crm"), { formats: ["html"], lang: "en+zh", layout: "interleaved", primary: "en" });
    const doc = dom(inter.html);
    const zhParas = [...doc.querySelectorAll('section.clause p[lang="zh-CN"]')];
    expect(zhParas.length).toBeGreaterThan(50);
    expect(zhParas.every((p) => /\p{Script=Han}/u.test(text(p)))).toBe(true);
    expect(doc.querySelector("section.clause > h2.below > span[lang=zh-CN]")).not.toBeNull();
    const seq = await draft(example("bilingual-crm"), { formats: ["html"], lang: "en+zh", layout: "sequential", primary: "en" });
    const sdoc = dom(seq.html);
    expect(sdoc.querySelector("div.continuation")?.getAttribute("lang")).toBe("zh-CN");
    expect(brokenLinks(seq.html)).toEqual([]);
  });
});

describe("renderHtml: data is never markup", () => {
  it("a customer named <script>alert(1)</script> is text, in the page and in its title", async () => {
    const deal = example("england-saas") as DealInput & { customer: { legalName: string } };
    const evil = '<script>alert(1)</script> & "Co" <img src=x onerror=alert(2)>';
    deal.customer.legalName = evil;
    const r = await draft(deal, { formats: ["html"], force: true });
    const doc = dom(r.html);
    expect([...doc.querySelectorAll("script")].length).toBe(1);
    expect(doc.querySelectorAll("img").length).toBe(0);
    expect(text(doc.body)).toContain(evil);
    // The record holds the name too: `</script>` in it cannot end the JSON early.
    expect(r.html).not.toContain("</script> &");
    expect(JSON.parse(doc.getElementById("clausewright-record")?.textContent ?? "")).toEqual(JSON.parse(r.model.meta.record ?? ""));
  });

  it("any text in any run, heading or cell reads back as the same characters (property)", () => {
    const base = (value: string): DocumentModel => {
      const run: Run = { type: "text", text: value };
      return {
        meta: { lang: "en", title: value, subject: "s", reference: value, parties: [value], createdAt: "2026-01-01T00:00:00Z", producer: "p" },
        front: [{ kind: "paragraph", role: "title", runs: [run] }],
        clauses: [
          {
            id: "c",
            anchor: "c",
            number: "1",
            label: "1.",
            title: value,
            blocks: [
              { kind: "paragraph", role: "body", runs: [run, { type: "ref", target: "c", text: value }] },
              { kind: "table", columns: [{ header: [run], width: 1, align: "left" }], rows: [{ cells: [[run]] }] },
            ],
            subclauses: [],
          },
        ],
        signatures: { heading: "Signed", intro: [], parties: [{ role: "R", name: value, lines: [{ label: "By", value }] }] },
        schedules: [],
      };
    };
    // What HTML cannot hold (C0 controls, U+FFFE/FFFF) is dropped; line ends become <br>.
    const visible = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, "");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (value) => {
        const html = renderHtml(base(value));
        const doc = dom(html);
        expect(doc.querySelectorAll("script, img, iframe, [onerror], [onclick], style ~ style").length).toBe(0);
        const cell = doc.querySelector("td");
        expect((cell?.textContent ?? "").replace(/\r\n?|\n/g, "")).toBe(visible(value).replace(/\r\n?|\n/g, ""));
        expect(doc.querySelector("title")?.textContent).toBe(visible(value === "" ? "" : `${value} — ${value}`));
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe("renderHtml on a redline", () => {
  it("shows insertions as <ins> and deletions as <del>, with the legend first", async () => {
    const base = example("england-saas") as DealInput & { fees: { annualFee?: unknown } };
    const next = example("england-saas") as DealInput & { customer: { legalName: string } };
    next.customer.legalName = "Thameside Care Group Limited";
    const r = await redline(base, next, { formats: ["html"], force: true });
    const doc = dom(r.html ?? "");
    expect(text(doc.querySelector("p.legend"))).toMatch(/^Redline: insertions underlined, deletions struck through — \d+ changes?$/);
    expect([...doc.querySelectorAll("ins")].map(text)).toContain("Care Group");
    expect(doc.querySelectorAll("del").length).toBeGreaterThan(0);
  });
});
