import type { Run, Table } from "../../model/types.js";
import { isCjk, units } from "../pdf/line-break.js";
import { columnWidths, type ColumnNeed } from "../table-widths.js";

/**
 * Estimated advance of a character in ems: Word measures with the reader's
 * fonts, which we do not have, so the DOCX sizes columns from typical
 * advances (a Chinese character is a full em; Latin text in a serif averages
 * a little over half an em, capitals and bold more).
 */
function advance(ch: string, bold: boolean): number {
  if (isCjk(ch)) return 1;
  if (ch === " ") return 0.25;
  const base = /[A-Z@%&MW]/.test(ch) ? 0.7 : /[il.,;:'|!()[\]1]/.test(ch) ? 0.3 : 0.52;
  return bold ? base * 1.08 : base;
}

function textWidth(text: string, bold: boolean): number {
  let w = 0;
  for (const ch of text) w += advance(ch, bold);
  return w;
}

/** A cell's widest unbreakable unit and its widest unwrapped line, in ems (the same break rules as the PDF). */
function cellNeed(runs: readonly Run[], bold: boolean): ColumnNeed {
  const text = runs.map((r) => r.text).join("");
  const strong = bold || runs.some((r) => r.bold === true);
  let min = 0;
  for (const u of units(text)) min = Math.max(min, textWidth(text.slice(u.start, u.end).trimEnd(), strong));
  const max = text.split("\n").reduce((m, line) => Math.max(m, textWidth(line, strong)), 0);
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
