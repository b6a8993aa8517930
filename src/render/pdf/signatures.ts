import type { Run, SignatureParty, SignaturePage } from "../../model/types.js";
import { LAYOUT, type PdfWriter } from "./writer.js";

/** Height left free above a signing line for the handwritten signature or date. */
const SIGNING_ROOM = 26;

/** Runs of `text`, or in a redline `marked` (the text with its tracked changes) after `prefix`. */
function marked(text: string, marked: readonly Run[] | undefined, prefix = ""): readonly Run[] {
  return marked === undefined ? [{ type: "text", text: `${prefix}${text}` }] : prefix === "" ? marked : [{ type: "text", text: prefix }, ...marked];
}

/** A party's name, with a redline's changes. */
const nameOf = (p: SignatureParty): readonly Run[] => marked(p.name, p.nameRuns);

/**
 * The paragraphs of the lead-in: a line break (between the two languages of a bilingual lead-in)
 * starts a new one. A redline may have merged the break into the text around it, so runs are cut at it.
 */
function introParagraphs(intro: readonly Run[]): Run[][] {
  const paragraphs: Run[][] = [[]];
  for (const r of intro) {
    const pieces = r.text.split("\n");
    pieces.forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      if (pieces.length === 1) paragraphs[paragraphs.length - 1]?.push(r);
      else if (piece !== "") paragraphs[paragraphs.length - 1]?.push({ ...r, text: piece });
    });
  }
  return paragraphs;
}

/**
 * The signature page: a new page, a lead-in, one column per party with lines to sign on. Every
 * text goes through {@link PdfWriter.runs}, whose line breaker is linear in the text: pdfkit's own
 * wrapping measures the rest of an unbreakable word again after every line it cuts from it, so a
 * long name without spaces took time and memory growing with the square of its length.
 */
export function signaturePage(w: PdfWriter, page: SignaturePage): void {
  const doc = w.doc;
  if (page.noFurtherText) {
    w.where = "the end of the body";
    w.ensure(w.lineHeight() + 8);
    doc.y += 8;
    w.runs([{ type: "text", text: page.noFurtherText }], { x: w.margin.left, width: w.contentWidth, align: "center" });
  }
  w.where = "the signature page";
  doc.addPage();
  const sep = page.labelSeparator ?? ": ";
  const left = w.margin.left;
  w.runs([{ type: "text", text: page.heading }], { x: left, width: w.contentWidth, size: 12.5, bold: true });
  doc.outline.addItem(page.heading);
  doc.y += 6;
  // A line break (between the two languages of a bilingual lead-in) starts a new paragraph,
  // each set in its own language.
  introParagraphs(page.intro).forEach((p, i) => {
    if (i > 0) doc.y += LAYOUT.paragraphGap;
    w.runs(p, { x: left, width: w.contentWidth, body: true });
  });
  doc.y += 28;
  const gap = 24;
  const n = Math.max(1, page.parties.length);
  const colWidth = (w.contentWidth - gap * (n - 1)) / n;
  const top = doc.y;
  let lowest = top;
  // Signature lines start at the same height in every column, even when one name takes two lines.
  const head = page.parties.reduce((h, p) => Math.max(h, w.heightOf([{ type: "text", text: p.role }], colWidth, LAYOUT.body, true) + w.heightOf(nameOf(p), colWidth, LAYOUT.body, true)), 0);
  page.parties.forEach((p, i) => {
    const x = left + i * (colWidth + gap);
    // A change bar goes in the outer margin beside its party's column: the right one for a column past the first.
    const changeBar = i === 0 ? "left" : "right";
    doc.y = top;
    if (p.roleWithName) {
      w.runs(marked(p.name, p.nameRuns, `${p.role}${sep}`), { x, width: colWidth, bold: true, changeBar });
    } else {
      w.runs([{ type: "text", text: p.role }], { x, width: colWidth, bold: true, changeBar });
      w.runs(nameOf(p), { x, width: colWidth, bold: true, changeBar });
    }
    doc.y = Math.max(doc.y, top + head) + 18;
    for (const line of p.lines) {
      const label = `${line.label}${sep.trimEnd()}`;
      // A redline's value: the new one, or the old one struck through where the new draft has none
      // (the blank or the line to sign on follows it then, as the new draft has them).
      const valueRuns = line.valueRuns?.some((r) => r.text !== "") === true ? line.valueRuns : undefined;
      if (line.value || valueRuns) {
        w.runs(marked(line.value ?? "", valueRuns, `${label} `), { x, width: colWidth, changeBar });
        doc.y += 10;
      }
      if (line.value) continue;
      if (line.blank) {
        // A pre-printed blank to fill in by hand ("日期：____年____月____日").
        doc.y += 22;
        w.runs([{ type: "text", text: `${line.label}${sep}${line.blank}` }], { x, width: colWidth });
        doc.y += 10;
      } else {
        // A line to sign on: the label (both languages on a bilingual page, wrapped when long), room for the
        // signature, and a rule the full width of the column, so a long label never shortens the line.
        doc.y += 22;
        w.runs([{ type: "text", text: label }], { x, width: colWidth });
        doc.y += SIGNING_ROOM;
        doc
          .lineWidth(0.6)
          .strokeColor("#374151")
          .moveTo(x, doc.y)
          .lineTo(x + colWidth, doc.y)
          .stroke();
        doc.y += 10;
      }
    }
    lowest = Math.max(lowest, doc.y);
  });
  doc.x = left;
  doc.y = lowest;
}
