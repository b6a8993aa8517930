// Benchmark: speed and memory, each figure printed beside its target (met / missed).
//
// - In one process: ms per agreement for DOCX, PDF and Markdown through the whole pipeline
//   (validate, check, assemble, render) against the same document built directly with `docx` and
//   `pdfkit` (no templates, no model) in the same run. Targets: DOCX and PDF ≤ 1.1× direct.
// - CLI cold start, as ratios to a bare `node -e 0` measured in the same run (absolute times on
//   shared machines drift): --version and --help ≤ 1.5×; an English DOCX+PDF+MD draft ≤ 5×; a
//   Chinese PDF ≤ 7×. Peak RSS of those drafts: English ≤ 120 MB, Chinese PDF ≤ 150 MB.
// - 1,000 drafts in one (child) process: RSS after the last within 10 % of RSS after the 100th.
// - Hostile input (issue 15): a 20,000-character word without spaces costs the PDF at most 1 s more
//   than the same document without it; a pack whose template nests loops over 40 fee lines
//   (2.5 M iterations) stops at the template budget within 5 s.
// - Redline (issue 16): the English example against the standard terms, DOCX with tracked changes,
//   ≤ 2.5× one DOCX draft of it in the same run.
// - This process's own peak RSS ≤ 250 MB.
// Then the sections in their own modules (SECTIONS below), each in child processes of its own:
// - batch (issue 17, bench/batch.mjs): 1,000 deals with `clausewright batch --jobs 2` ≥ 1.8× the
//   throughput of --jobs 1 (all three formats, the command's default; each format alone for its time); every output byte-identical to `draft()` alone; 10,000
//   Markdown + DOCX drafts through draftBatch with peak memory within 10 % from the 1,000th deal.
// - queue (issue 17, bench/queue.mjs): per agreement through BullMQ ≤ 1.25× draftBatch, one thread each.
// Run with `npm run bench` (builds first). BENCH_ITER, BENCH_COLD and BENCH_DRAFTS shrink a run;
// BENCH_ONLY=<section>[,<section>…] runs only those ("core" is this file's own figures).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as docx from "docx";
import PDFDocument from "pdfkit";
import * as fontkit from "fontkit";
import { defaultCatalog, defaultFonts, draft, parsePack, readDealFile, redline, renderPdf } from "../dist/node.js";
import { batchBench } from "./batch.mjs";
import { queueBench } from "./queue.mjs";

// The sections after this file's own ("core"), in the order they run.
const SECTIONS = { batch: batchBench, queue: queueBench };
const only = process.env.BENCH_ONLY?.split(",")
  .map((s) => s.trim())
  .filter(Boolean);
for (const name of only ?? []) if (name !== "core" && !(name in SECTIONS)) throw new Error(`BENCH_ONLY: no section "${name}" (core, ${Object.keys(SECTIONS).join(", ")})`);
async function runSections() {
  for (const [name, run] of Object.entries(SECTIONS)) if (!only || only.includes(name)) await run();
}
if (only && !only.includes("core")) {
  await runSections();
  process.exit(0);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const ITER = Number(process.env.BENCH_ITER ?? 40);
const COLD = Number(process.env.BENCH_COLD ?? 7);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 1000);
const WARMUP = 5;
const MB = 1024 * 1024;

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

async function time(fn) {
  // Each case starts from a collected heap (npm run bench passes --expose-gc), so one case's garbage
  // does not count against the next case's time or this process's peak RSS.
  globalThis.gc?.();
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

const verdict = (ok, target) => `${target} ${ok ? "met" : "MISSED"}`;

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
      children.push(
        new docx.Paragraph({
          heading: it.type === "h1" ? docx.HeadingLevel.HEADING_1 : docx.HeadingLevel.HEADING_2,
          pageBreakBefore: !!it.pageBreak,
          children: it.anchor ? [new docx.Bookmark({ id: it.anchor, children: [new docx.TextRun(it.text)] })] : [new docx.TextRun(it.text)],
        }),
      );
    } else if (it.type === "p") {
      const lead = it.prefix ? [new docx.TextRun({ text: `${it.prefix}\t`, bold: true })] : [];
      children.push(new docx.Paragraph({ alignment: docx.AlignmentType.JUSTIFIED, children: [...lead, ...inline(it.runs)] }));
    } else if (it.type === "li") {
      children.push(
        new docx.Paragraph({ numbering: { reference: it.bullet ? "bullets" : "legal", level: it.depth, instance: it.list }, alignment: docx.AlignmentType.JUSTIFIED, children: inline(it.runs) }),
      );
    } else if (it.type === "table") {
      const total = it.widths.reduce((a, b) => a + b, 0);
      const widths = it.widths.map((w) => Math.round((w / total) * 9000));
      const row = (cells, header) =>
        new docx.TableRow({
          tableHeader: header,
          cantSplit: true,
          children: cells.map(
            (c, i) =>
              new docx.TableCell({
                width: { size: widths[i], type: docx.WidthType.DXA },
                ...(header ? { shading: { type: docx.ShadingType.CLEAR, fill: "E5E7EB", color: "auto" } } : {}),
                children: [new docx.Paragraph({ children: inline(c, header ? { bold: true } : {}) })],
              }),
          ),
        });
      children.push(
        new docx.Table({
          width: { size: 9000, type: docx.WidthType.DXA },
          columnWidths: widths,
          layout: docx.TableLayoutType.FIXED,
          rows: [row(it.header, true), ...it.rows.map((r) => row(r, false))],
        }),
      );
      children.push(new docx.Paragraph({ children: [] }));
    } else if (it.type === "pb") {
      children.push(new docx.Paragraph({ children: [new docx.PageBreak()] }));
    } else if (it.type === "toc") {
      children.push(new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [new docx.TextRun({ text: it.heading, bold: true })] }));
      children.push(
        new docx.TableOfContents(it.heading, { hyperlink: true, headingStyleRange: "1-1", beginDirty: false, cachedEntries: it.entries.map((e) => ({ title: e.title, level: 1, href: e.href })) }),
      );
    } else if (it.type === "sig") {
      children.push(
        new docx.Table({
          width: { size: 9000, type: docx.WidthType.DXA },
          columnWidths: [4500, 4500],
          rows: [
            new docx.TableRow({
              cantSplit: true,
              children: it.parties.map(
                (p) =>
                  new docx.TableCell({
                    width: { size: 4500, type: docx.WidthType.DXA },
                    children: [
                      new docx.Paragraph({ children: [new docx.TextRun({ text: p.role, bold: true })] }),
                      new docx.Paragraph({ children: [new docx.TextRun({ text: p.name, bold: true })] }),
                      ...p.lines.map((l) => new docx.Paragraph(`${l.label}: ${l.value ?? "________________"}`)),
                    ],
                  }),
              ),
            }),
          ],
        }),
      );
    }
  }
  const level = (i, format, text) => ({ level: i, format, text, alignment: docx.AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (i + 1), hanging: 360 } } } });
  const doc = new docx.Document({
    title: meta.title,
    subject: meta.subject,
    creator: meta.producer,
    keywords: meta.reference,
    description: meta.parties.join("; "),
    customProperties: [
      { name: "Reference", value: meta.reference },
      { name: "clausewright.record", value: meta.record ?? "" },
    ],
    features: { updateFields: false },
    styles: {
      default: {
        document: { run: { font: "Noto Serif", size: 21 } },
        heading1: { run: { bold: true, size: 25 }, paragraph: { keepNext: true, keepLines: true } },
        heading2: { run: { bold: true, size: 22 }, paragraph: { keepNext: true, keepLines: true } },
      },
    },
    numbering: {
      config: [
        { reference: "legal", levels: [level(0, docx.LevelFormat.LOWER_LETTER, "(%1)"), level(1, docx.LevelFormat.LOWER_ROMAN, "(%2)"), level(2, docx.LevelFormat.UPPER_LETTER, "(%3)")] },
        { reference: "bullets", levels: [level(0, docx.LevelFormat.BULLET, "•"), level(1, docx.LevelFormat.BULLET, "•")] },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
        headers: {
          default: new docx.Header({ children: [new docx.Paragraph({ alignment: docx.AlignmentType.RIGHT, children: [new docx.TextRun({ text: `${meta.title} · ${meta.reference}`, size: 16 })] })] }),
        },
        footers: {
          default: new docx.Footer({
            children: [
              new docx.Paragraph({
                alignment: docx.AlignmentType.CENTER,
                children: [new docx.TextRun({ size: 16, children: ["Page ", docx.PageNumber.CURRENT, " of ", docx.PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
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
      rs.forEach((r, i) =>
        doc
          .font(face(r))
          .fontSize(10.5)
          .text(r.text, { indent, continued: i < rs.length - 1, align: "left" }),
      );
      doc.moveDown(0.4);
    };
    for (const it of items) {
      if (it.type === "h1" || it.type === "h2") {
        if (it.pageBreak) doc.addPage();
        doc
          .font("B")
          .fontSize(it.type === "h1" ? 13 : 11)
          .text(it.text)
          .moveDown(0.3);
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
      doc
        .font("R")
        .fontSize(8)
        .text(`Page ${i + 1} of ${range.count}`, 72, doc.page.height - 40, { lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}

// ---- run -----------------------------------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), "cw-bench-"));

// Cold start first, while this process is small and the machine is as quiet as it gets here.
// Each child reports its own peak RSS (a --require hook), so no external `time` tool is needed.
const rssHook = join(work, "rss-hook.cjs");
writeFileSync(rssHook, `process.on("exit", () => require("fs").writeFileSync(process.env.CW_BENCH_RSS, String(process.resourceUsage().maxRSS * 1024)));`);
function cold(args) {
  const times = [];
  const rss = [];
  for (let i = 0; i < COLD; i++) {
    const rssFile = join(work, `rss-${i}`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ["--require", rssHook, ...args], { encoding: "utf8", cwd: root, env: { ...process.env, CW_BENCH_RSS: rssFile } });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
    rss.push(Number(readFileSync(rssFile, "utf8")));
  }
  return { ms: stats(times).median, rss: Math.max(...rss) };
}
const cli = `${root}bin/clausewright.js`;
const out = join(work, "out");
const node = cold(["-e", "0"]);
const coldCases = [
  { what: "--version", r: cold([cli, "--version"]), ratio: 1.5 },
  { what: "--help", r: cold([cli, "--help"]), ratio: 1.5 },
  { what: "draft en docx+pdf+md", r: cold([cli, "draft", `${root}examples/deals/us-crm-enterprise.yaml`, "--out", out, "--format", "docx,pdf,md"]), ratio: 5, rssMb: 120 },
  { what: "draft zh pdf", r: cold([cli, "draft", `${root}examples/deals/cn-crm-standard.yaml`, "--lang", "zh", "--out", out, "--format", "pdf"]), ratio: 7, rssMb: 150 },
];

const deal = await readDealFile(`${root}examples/deals/us-crm-enterprise.yaml`);
const fonts = defaultFonts();
// The catalogue every draft without packs uses (built once per process, templates compiled on first use).
const catalog = defaultCatalog();
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
  mkdirSync(`${root}.vitest-tmp`, { recursive: true });
  writeFileSync(`${root}.vitest-tmp/direct.docx`, await directDocx(flat));
  writeFileSync(`${root}.vitest-tmp/direct.pdf`, await directPdf(flat, parsedOnce));
}

// Ours and the baseline alternate case by case, so a burst of load on the machine hits both.
const ours = {};
const base = {};
ours.docx = await time(() => draft(deal, { catalog, formats: ["docx"] }));
base.docx = await time(() => directDocx(flat));
ours.pdf = await time(() => draft(deal, { catalog, fonts, formats: ["pdf"] }));
base.pdf = await time(() => directPdf(flat, parsedOnce));
ours.md = await time(() => draft(deal, { catalog, formats: ["md"] }));
ours["pdf (zh)"] = await time(() => draft(zhDeal, { catalog, fonts, lang: "zh", formats: ["pdf"] }));
// Issue 16: a redline of the English example against the standard terms, as a DOCX with tracked
// changes (two drafts, the alignment, the render), against one DOCX draft in the same run.
ours["redline docx"] = await time(() => redline("standard", deal, { catalog, formats: ["docx"] }));
base["pdf (zh)"] = await time(() => directPdf(zhFlat, zhParsedOnce));

const rows = [];
for (const f of ["docx", "pdf", "md", "pdf (zh)", "redline docx"]) {
  // The redline is measured against our own DOCX draft: ≤ 2.5× (two drafts and a diff for one).
  const b = f === "redline docx" ? ours.docx : base[f];
  const ratio = b ? ours[f].median / b.median : undefined;
  const target = f === "docx" || f === "pdf" ? 1.1 : f === "redline docx" ? 2.5 : undefined;
  rows.push({
    format: f,
    "ours median ms": ours[f].median.toFixed(1),
    "ours p95 ms": ours[f].p95.toFixed(1),
    "baseline median ms": b ? `${b.median.toFixed(1)}${f === "redline docx" ? " (our docx)" : ""}` : "-",
    ratio: ratio === undefined ? "-" : `${ratio.toFixed(2)}×`,
    target: target === undefined || ratio === undefined ? "-" : verdict(ratio <= target, `≤ ${target}×`),
  });
}

// 1,000 drafts in a fresh process (so this one stays small): varied deals, Markdown every time,
// DOCX every 10th and PDF every 50th, so every cache a draft touches sees new keys.
const soak = spawnSync(
  process.execPath,
  [
    "--expose-gc",
    "--input-type=module",
    "-e",
    `
  import { draft, defaultFonts, readDealFile } from ${JSON.stringify(`${root}dist/node.js`)};
  const names = ["us-crm-enterprise", "eu-gdpr-icc", "cn-crm-standard", "england-saas", "singapore-saas"];
  const deals = await Promise.all(names.map((n) => readDealFile(${JSON.stringify(`${root}examples/deals/`)} + n + ".yaml")));
  const fonts = defaultFonts();
  const rss = {};
  for (let i = 1; i <= ${DRAFTS}; i++) {
    const base = deals[i % deals.length];
    const deal = { ...base, agreement: { ...base.agreement, reference: "BENCH-" + i }, customer: { ...base.customer, legalName: base.customer.legalName + " " + i } };
    const formats = i % 50 === 0 ? ["md", "pdf"] : i % 10 === 0 ? ["md", "docx"] : ["md"];
    await draft(deal, { formats, fonts, lang: i % 3 === 0 && base.law.governingLaw === "prc" ? "zh" : "en" });
    if (i === 100 || i === ${DRAFTS}) { globalThis.gc(); const u = process.memoryUsage(); rss[i] = u.rss; rss["heap" + i] = u.heapUsed; }
  }
  console.log(JSON.stringify(rss));
`,
  ],
  { encoding: "utf8", cwd: root, maxBuffer: 16 * MB },
);
if (soak.status !== 0) throw new Error(soak.stderr);
const soakRss = JSON.parse(soak.stdout.trim().split("\n").pop());
const rss100 = soakRss[100] ?? soakRss[Math.min(100, DRAFTS)];
const rssLast = soakRss[DRAFTS];
rmSync(work, { recursive: true, force: true });

console.log(`clausewright benchmark — example agreement (${probe.model.clauses.length} clauses), ${ITER} renders per case after ${WARMUP} warm-up, Node ${process.version}`);
console.log("\nIn one process, against the same document built directly with docx / pdfkit:");
console.table(rows);
console.log(`\nCLI cold start (median of ${COLD} new processes), against node -e 0 = ${node.ms.toFixed(0)} ms:`);
console.table(
  coldCases.map(({ what, r, ratio, rssMb }) => ({
    command: what,
    "median ms": r.ms.toFixed(0),
    ratio: `${(r.ms / node.ms).toFixed(2)}×`,
    "time target": verdict(r.ms / node.ms <= ratio, `≤ ${ratio}×`),
    "peak RSS MB": (r.rss / MB).toFixed(0),
    "RSS target": rssMb ? verdict(r.rss / MB <= rssMb, `≤ ${rssMb} MB`) : "-",
  })),
);
const growth = rssLast / rss100 - 1;
console.log(
  `\n${DRAFTS} drafts in one process: RSS after the 100th ${(rss100 / MB).toFixed(0)} MB, after the last ${(rssLast / MB).toFixed(0)} MB (${(growth * 100).toFixed(1)} %) — ${verdict(growth <= 0.1, "≤ 10 % growth")}`,
);
// What a leak through caches would grow: the JavaScript heap in use after a full collection. RSS
// also holds what V8 and the allocator keep for reuse, which need not shrink after a collection.
const heap100 = soakRss[`heap${Math.min(100, DRAFTS)}`];
const heapLast = soakRss[`heap${DRAFTS}`];
console.log(
  `  JavaScript heap in use after a full GC: ${(heap100 / MB).toFixed(1)} MB after the 100th, ${(heapLast / MB).toFixed(1)} MB after the last (${((heapLast / heap100 - 1) * 100).toFixed(1)} %)`,
);
// Hostile input: layout linear in a word's length, and a template budget that stops a hostile pack.
{
  const withWord = structuredClone(probe.model);
  let placed = false;
  const plant = (node) => {
    if (placed || node === null || typeof node !== "object") return;
    if (node.type === "text" && typeof node.text === "string" && node.text.length > 20) {
      node.text = `${node.text} ${"A".repeat(20_000)}`;
      placed = true;
      return;
    }
    for (const v of Object.values(node)) plant(v);
  };
  plant(withWord);
  const few = async (fn) => {
    const samples = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await fn();
      if (i > 0) samples.push(performance.now() - t0);
    }
    return stats(samples);
  };
  const plain = await few(() => renderPdf(probe.model, { fonts }));
  const long = await few(() => renderPdf(withWord, { fonts }));
  const extra = long.median - plain.median;
  console.log(`\nPDF with a 20,000-character word: ${long.median.toFixed(0)} ms, ${extra.toFixed(0)} ms more than without — ${verdict(placed && extra <= 1000, "≤ 1,000 ms more")}`);
  const loops = parsePack({
    "pack.yaml": "name: hostile\nversion: 1.0.0\nengine: '>=0.1.0'\nlanguages: [en]\nplace:\n  - { clause: loops, after: liability }\n",
    "clauses/loops/clause.yaml": "id: loops\ncategory: liability\ntitle: { en: Loops }\nreads: [fees.lines, customer.legalName]\n",
    "clauses/loops/en.hbs": `${"{{#each @root.fees.lines}}".repeat(4)}{{@root.customer.legalName}}${"{{/each}}".repeat(4)}\n`,
  }).pack;
  const many = structuredClone(deal);
  many.fees.lines = Array.from({ length: 40 }, () => deal.fees.lines[0]);
  const started = performance.now();
  const code = await draft(many, { formats: ["md"], packs: [loops], force: true }).then(
    () => "drafted",
    (err) => err.problems?.[0]?.code ?? String(err),
  );
  const stopped = performance.now() - started;
  console.log(`hostile pack (4 nested loops over 40 fee lines): ${code} after ${stopped.toFixed(0)} ms — ${verdict(code === "TEMPLATE_BUDGET_EXCEEDED" && stopped <= 5000, "stopped ≤ 5,000 ms")}`);
}
const own = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS of this benchmark process: ${own.toFixed(0)} MB — ${verdict(own <= 250, "≤ 250 MB")}`);

await runSections();
