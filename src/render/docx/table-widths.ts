import type { Run, Table } from "../../model/types.js";
import { isCjkCode, units } from "../pdf/line-break.js";
import { columnWidths, type ColumnNeed } from "../table-widths.js";

/** Capitals and the wide signs: about 0.7 em. */
const WIDE = new Set([..."ABCDEFGHIJKLMNOPQRSTUVWXYZ@%&"].map((c) => c.charCodeAt(0)));
/** Narrow letters, digits and punctuation: about 0.3 em. */
const NARROW = new Set([..."il.,;:'|!()[]1"].map((c) => c.charCodeAt(0)));

/**
 * Estimated advance of a character (a code point) in ems: Word measures with
 * the reader's fonts, which we do not have, so the DOCX sizes columns from
 * typical advances (a Chinese character is a full em; Latin text in a serif
 * averages a little over half an em, capitals and bold more).
 */
function advance(cp: number, bold: boolean): number {
  if (isCjkCode(cp)) return 1;
  if (cp === 0x20) return 0.25;
  const base = WIDE.has(cp) ? 0.7 : NARROW.has(cp) ? 0.3 : 0.52;
  return bold ? base * 1.08 : base;
}

/** Width of text[start, end) in ems, summed left to right (the same sums, to the last bit, as before). */
function textWidth(text: string, start: number, end: number, bold: boolean): number {
  let w = 0;
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i) ?? 0;
    w += advance(cp, bold);
    i += cp > 0xffff ? 2 : 1;
  }
  return w;
}

const WHITESPACE = /\s/;

/**
 * A cell's widest unbreakable unit and its widest unwrapped line, in ems (the same break rules as
 * the PDF). Linear: units and lines each partition the text, and no piece is copied.
 */
function cellNeed(runs: readonly Run[], bold: boolean): ColumnNeed {
  const text = runs.map((r) => r.text).join("");
  const strong = bold || runs.some((r) => r.bold === true);
  let min = 0;
  for (const u of units(text)) {
    // Without its trailing whitespace, as String#trimEnd would take it off.
    let end = u.end;
    while (end > u.start && WHITESPACE.test(text.charAt(end - 1))) end--;
    min = Math.max(min, textWidth(text, u.start, end, strong));
  }
  let max = 0;
  let line = 0;
  for (let nl = text.indexOf("\n"); ; nl = text.indexOf("\n", line)) {
    max = Math.max(max, textWidth(text, line, nl < 0 ? text.length : nl, strong));
    if (nl < 0) break;
    line = nl + 1;
  }
  return { min, max: Math.max(min, max) };
}

/**
 * Column widths in twips for a table `width` twips wide, sized to the content
 * as the PDF's are (see `columnWidths`): Word's fixed layout then keeps them,
 * where equal widths would cut "Customer" or an email address in a narrow
 * column. `em` is the table text's size in twips, `padding` a cell's left
 * plus right margin.
 */
export function docxColumnWidths(t: Table, width: number, em: number, padding: number): number[] {
  const needs = t.columns.map((c, i): ColumnNeed => {
    let min = 0;
    let max = 0;
    for (const n of [cellNeed(c.header, true), ...t.rows.map((r) => cellNeed(r.cells[i] ?? [], r.emphasis === true))]) {
      min = Math.max(min, n.min);
      max = Math.max(max, n.max);
    }
    return { min: min * em + padding, max: max * em + padding };
  });
  // Whole twips that add up to the table's width exactly.
  const widths = columnWidths(needs, width).map((w) => Math.floor(w));
  const last = widths.length - 1;
  if (last >= 0) widths[last] = (widths[last] ?? 0) + width - widths.reduce((a, b) => a + b, 0);
  return widths;
}
