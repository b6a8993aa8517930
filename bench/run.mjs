// Benchmark: ms per agreement for DOCX, PDF and Markdown through the whole
// pipeline (validate, assemble, render), against the same document built
// directly with `docx` and `pdfkit` (no templates, no model) in the same run;
// CLI cold start; peak RSS. Run with `npm run bench` (builds first).
//
// Targets: ours ≤ 1.3× the direct baseline for DOCX and for PDF.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as docx from "docx";
import PDFDocument from "pdfkit";
import * as fontkit from "fontkit";
import { createCatalog, builtinPack, defaultFonts, draft, readDealFile } from "../dist/node.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const ITER = Number(process.env.BENCH_ITER ?? 40);
const WARMUP = 5;

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

// ---- the direct baselines: the same text, built by hand ------------------------------------

/** Flattens the model once (outside the timing) into the literal content a hand-written script would hold. */
function flatten(model) {
  const items = [];
  let lists = 0;
  const runs = (rs) => rs.map((r) => ({ text: r.text, bold: !!r.bold, italic: !!r.italic, ...(r.type === "ref" ? { link: r.target.replace(/-/g, "_") } : {}) }));
  const blocks = (bs, prefix) => {
    for (const b of bs) {
      if (b.kind === "paragraph") items.push({ type: "p", runs: runs(b.runs), role: b.role, prefix });
      else if (b.kind === "table") items.push({ type: "table", widths: b.columns.map((c) => c.width), header: b.columns.map((c) => runs(c.header)), rows: b.rows.map((r) => r.cells.map(runs)) });
      else if (b.kind === "pageBreak") items.push({ type: "pb" });
      else if (b.kind === "contents") items.push({ type: "toc", heading: b.heading, entries: b.entries.map((e) => ({ title: `${e.label} ${e.title}`, href: e.anchor.replace(/-/g, "_") })) });
      else {
        const list = ++lists;
        const walk = (l, depth) => {
          for (const it of l.items) {
            items.push({ type: "li", label: it.label, runs: runs(it.runs), depth, list, bullet: l.style === "bullet" });
            if (it.children) walk(it.children, depth + 1);
          }
        };
        walk(b, 0);
      }
      prefix = undefined;
    }
  };
  blocks(model.front);
  const clause = (c, pageBreak) => {
    items.push({ type: "h1", text: `${c.label} ${c.title}`, pageBreak, anchor: c.anchor.replace(/-/g, "_") });
    blocks(c.blocks);
    for (const s of c.subclauses) {
      if (s.title) {
        items.push({ type: "h2", text: `${s.number} ${s.title}`, anchor: s.anchor.replace(/-/g, "_") });
        blocks(s.blocks);
      } else blocks(s.blocks, s.number);
    }
  };
  for (const c of model.clauses) clause(c, false);
  items.push({ type: "h1", text: model.signatures.heading, pageBreak: true });
  items.push({ type: "p", runs: runs(model.signatures.intro) });
  items.push({ type: "sig", parties: model.signatures.parties });
  for (const c of model.schedules) clause(c, true);
  return { meta: model.meta, items };
}

// A hand-written script producing the same document as ours: heading styles kept with the next
// paragraph, bookmarks on headings and internal links for references, Word list numbering, shaded
// table headers with widths, a signature table, header and footer, a TOC with its entries, and
// document properties. No templates, no model.
async function directDocx({ meta, items }) {
  const runOf = (r, extra = {}) => new docx.TextRun({ text: r.text, ...(r.bold || extra.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...extra });
  const inline = (rs, extra) => rs.map((r) => (r.link ? new docx.InternalHyperlink({ anchor: r.link, children: [runOf(r, { ...extra, style: "Hyperlink" })] }) : runOf(r, extra)));
  const children = [];
  for (const it of items) {
    if (it.type === "h1" || it.type === "h2") {
      children.push(new docx.Paragraph({ heading: it.type === "h1" ? docx.HeadingLevel.HEADING_1 : docx.HeadingLevel.HEADING_2, pageBreakBefore: !!it.pageBreak, children: it.anchor ? [new docx.Bookmark({ id: it.anchor, children: [new docx.TextRun(it.text)] })] : [new docx.TextRun(it.text)] }));
    } else if (it.type === "p") {
      const lead = it.prefix ? [new docx.TextRun({ text: `${it.prefix}\t`, bold: true })] : [];
      children.push(new docx.Paragraph({ alignment: docx.AlignmentType.JUSTIFIED, children: [...lead, ...inline(it.runs)] }));
    } else if (it.type === "li") {
      children.push(new docx.Paragraph({ numbering: { reference: it.bullet ? "bullets" : "legal", level: it.depth, instance: it.list }, alignment: docx.AlignmentType.JUSTIFIED, children: inline(it.runs) }));
    } else if (it.type === "table") {
      const total = it.widths.reduce((a, b) => a + b, 0);
      const widths = it.widths.map((w) => Math.round((w / total) * 9000));
      const row = (cells, header) =>
        new docx.TableRow({
          tableHeader: header,
          cantSplit: true,
          children: cells.map((c, i) => new docx.TableCell({ width: { size: widths[i], type: docx.WidthType.DXA }, ...(header ? { shading: { type: docx.ShadingType.CLEAR, fill: "E5E7EB", color: "auto" } } : {}), children: [new docx.Paragraph({ children: inline(c, header ? { bold: true } : {}) })] })),
        });
      children.push(new docx.Table({ width: { size: 9000, type: docx.WidthType.DXA }, columnWidths: widths, layout: docx.TableLayoutType.FIXED, rows: [row(it.header, true), ...it.rows.map((r) => row(r, false))] }));
      children.push(new docx.Paragraph({ children: [] }));
    } else if (it.type === "pb") {
      children.push(new docx.Paragraph({ children: [new docx.PageBreak()] }));
    } else if (it.type === "toc") {
      children.push(new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [new docx.TextRun({ text: it.heading, bold: true })] }));
      children.push(new docx.TableOfContents(it.heading, { hyperlink: true, headingStyleRange: "1-1", beginDirty: false, cachedEntries: it.entries.map((e) => ({ title: e.title, level: 1, href: e.href })) }));
    } else if (it.type === "sig") {
      children.push(new docx.Table({ width: { size: 9000, type: docx.WidthType.DXA }, columnWidths: [4500, 4500], rows: [new docx.TableRow({ cantSplit: true, children: it.parties.map((p) => new docx.TableCell({ width: { size: 4500, type: docx.WidthType.DXA }, children: [new docx.Paragraph({ children: [new docx.TextRun({ text: p.role, bold: true })] }), new docx.Paragraph({ children: [new docx.TextRun({ text: p.name, bold: true })] }), ...p.lines.map((l) => new docx.Paragraph(`${l.label}: ${l.value ?? "________________"}`))] })) })] }));
    }
  }
  const level = (i, format, text) => ({ level: i, format, text, alignment: docx.AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (i + 1), hanging: 360 } } } });
  const doc = new docx.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.producer,
    keywords: meta.reference,
    description: meta.parties.join("; "),
    customProperties: [{ name: "Reference", value: meta.reference }, { name: "clausewright.record", value: meta.record ?? "" }],
    features: { updateFields: false },
    styles: {
      default: { document: { run: { font: "Noto Serif", size: 21 } }, heading1: { run: { bold: true, size: 25 }, paragraph: { keepNext: true, keepLines: true } }, heading2: { run: { bold: true, size: 22 }, paragraph: { keepNext: true, keepLines: true } } },
    },
    numbering: {
      config: [
        { reference: "legal", levels: [level(0, docx.LevelFormat.LOWER_LETTER, "(%1)"), level(1, docx.LevelFormat.LOWER_ROMAN, "(%2)"), level(2, docx.LevelFormat.UPPER_LETTER, "(%3)")] },
        { reference: "bullets", levels: [level(0, docx.LevelFormat.BULLET, "•"), level(1, docx.LevelFormat.BULLET, "•")] },
      ],
    },
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
      headers: { default: new docx.Header({ children: [new docx.Paragraph({ alignment: docx.AlignmentType.RIGHT, children: [new docx.TextRun({ text: `${meta.title} · ${meta.reference}`, size: 16 })] })] }) },
      footers: { default: new docx.Footer({ children: [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [new docx.TextRun({ size: 16, children: ["Page ", docx.PageNumber.CURRENT, " of ", docx.PageNumber.TOTAL_PAGES] })] })] }) },
      children,
    }],
  });
  return docx.Packer.toBuffer(doc);
}

function directPdf({ meta, items }, fonts) {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4", margin: 72, bufferPages: true, font: fonts.regular, info: { Title: meta.title, CreationDate: new Date(meta.createdAt) } });
    const chunks = [];
    doc.on("data", (c) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.registerFont("R", fonts.regular);
    doc.registerFont("B", fonts.bold);
    doc.registerFont("I", fonts.italic);
    doc.registerFont("BI", fonts.boldItalic);
    doc.font("R");
    const face = (r) => (r.bold && r.italic ? "BI" : r.bold ? "B" : r.italic ? "I" : "R");
    const para = (rs, indent = 0) => {
      rs.forEach((r, i) => doc.font(face(r)).fontSize(10.5).text(r.text, { indent, continued: i < rs.length - 1, align: "left" }));
      doc.moveDown(0.4);
    };
    for (const it of items) {
      if (it.type === "h1" || it.type === "h2") {
        if (it.pageBreak) doc.addPage();
        doc.font("B").fontSize(it.type === "h1" ? 13 : 11).text(it.text).moveDown(0.3);
        doc.outline.addItem(it.text);
      } else if (it.type === "pb") doc.addPage();
      else if (it.type === "toc") {
        doc.font("B").fontSize(12.5).text(it.heading, { align: "center" });
        for (const e of it.entries) doc.font("R").fontSize(10.5).text(e);
      } else if (it.type === "p") para(it.prefix ? [{ text: `${it.prefix} `, bold: true }, ...it.runs] : it.runs);
      else if (it.type === "li") para([{ text: `${it.label} ` }, ...it.runs], 20 * (it.depth + 1));
      else if (it.type === "table") {
        const total = it.widths.reduce((a, b) => a + b, 0);
        const width = doc.page.width - 144;
        for (const row of [it.header, ...it.rows]) {
          const y = doc.y;
          let x = 72;
          let h = 0;
          row.forEach((cell, i) => {
            const w = (it.widths[i] / total) * width;
            const text = cell.map((r) => r.text).join("");
            doc.font("R").fontSize(9.5);
            h = Math.max(h, doc.heightOfString(text, { width: w - 8 }));
            doc.text(text, x + 4, y + 3, { width: w - 8 });
            doc.rect(x, y, w, 0).stroke();
            x += w;
          });
          doc.x = 72;
          doc.y = y + h + 6;
        }
        doc.moveDown(0.5);
      } else if (it.type === "sig") {
        for (const p of it.parties) {
          doc.font("B").text(p.role).font("R").text(p.name);
          for (const l of p.lines) doc.text(`${l.label}: ${l.value ?? "________________"}`);
          doc.moveDown();
        }
      }
    }
    const range = doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("R").fontSize(8).text(`Page ${i + 1} of ${range.count}`, 72, doc.page.height - 40, { lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}

// ---- run -----------------------------------------------------------------------------------------

const deal = await readDealFile(`${root}examples/deals/us-crm-enterprise.yaml`);
const fonts = defaultFonts();
const catalog = createCatalog([builtinPack("crm")]);
const probe = await draft(deal, { catalog, fonts, formats: ["md"] });
// The baseline gets the same advantage we have: each font parsed once, reused for every document.
const parsedOnce = Object.fromEntries(["regular", "bold", "italic", "boldItalic"].map((k) => [k, fontkit.create(Buffer.from(fonts[k]))]));
const flat = flatten(probe.model);

// The Chinese agreement: ours picks Noto Serif SC for every run with Chinese text; the baseline
// sets everything in Noto Serif SC (it covers Latin too), parsed once like ours.
const zhDeal = await readDealFile(`${root}examples/deals/cn-crm-standard.yaml`);
const zhProbe = await draft(zhDeal, { catalog, lang: "zh", formats: ["md"] });
const sc = { regular: fontkit.create(Buffer.from(fonts.cjk.regular)), bold: fontkit.create(Buffer.from(fonts.cjk.bold)) };
const zhParsedOnce = { regular: sc.regular, bold: sc.bold, italic: sc.regular, boldItalic: sc.bold };
const zhFlat = flatten(zhProbe.model);

// BENCH_WRITE=1 writes the baseline files, to check they are the same document (open them in LibreOffice).
if (process.env.BENCH_WRITE) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  mkdirSync(`${root}.vitest-tmp`, { recursive: true });
  writeFileSync(`${root}.vitest-tmp/direct.docx`, await directDocx(flat));
  writeFileSync(`${root}.vitest-tmp/direct.pdf`, await directPdf(flat, parsedOnce));
}

const rows = [];
const ours = {
  docx: await time(() => draft(deal, { catalog, formats: ["docx"] })),
  pdf: await time(() => draft(deal, { catalog, fonts, formats: ["pdf"] })),
  md: await time(() => draft(deal, { catalog, formats: ["md"] })),
  "pdf (zh)": await time(() => draft(zhDeal, { catalog, fonts, lang: "zh", formats: ["pdf"] })),
};
const base = {
  docx: await time(() => directDocx(flat)),
  pdf: await time(() => directPdf(flat, parsedOnce)),
  "pdf (zh)": await time(() => directPdf(zhFlat, zhParsedOnce)),
};

for (const f of ["docx", "pdf", "md", "pdf (zh)"]) {
  const b = base[f];
  rows.push({
    format: f,
    "ours median ms": ours[f].median.toFixed(1),
    "ours p95 ms": ours[f].p95.toFixed(1),
    "direct median ms": b ? b.median.toFixed(1) : "-",
    "direct p95 ms": b ? b.p95.toFixed(1) : "-",
    ratio: b ? (ours[f].median / b.median).toFixed(2) : "-",
    target: b ? (ours[f].median / b.median <= 1.3 ? "≤1.3× met" : "≤1.3× MISSED") : "-",
  });
}

const cold = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`${root}dist/cli.js`, "draft", `${root}examples/deals/us-crm-enterprise.yaml`, "--out", `${root}.vitest-tmp/bench-out`, "--format", "docx,pdf,md"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  cold.push(performance.now() - t0);
}
const coldStats = stats(cold);

console.log(`clausewright benchmark — example agreement (${probe.model.clauses.length} clauses), ${ITER} renders per case after ${WARMUP} warm-up, Node ${process.version}`);
console.table(rows);
console.log(`CLI cold start (draft docx+pdf+md, new process): median ${coldStats.median.toFixed(0)} ms, p95 ${coldStats.p95.toFixed(0)} ms`);
console.log(`peak RSS of this benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
