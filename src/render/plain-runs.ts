import type { Run } from "../model/types.js";

/**
 * Runs with the defined-term boundaries taken out: a term keeps a run of its own in the model, so
 * HTML can mark it up, but DOCX and PDF draw it as its emphasis says, and one run per stretch of the
 * same look keeps their files as they were (one `<w:r>`, one PDF text span, so a lawyer's search
 * and a compare of the returned file find the sentence whole).
 */
export function withoutTermRuns(rs: readonly Run[]): readonly Run[] {
  if (!rs.some((r) => r.type === "text" && r.term !== undefined)) return rs;
  const out: Run[] = [];
  for (const r of rs) {
    const plain: Run = r.type === "text" && r.term !== undefined ? stripTerm(r) : r;
    const last = out[out.length - 1];
    if (last && last.type === "text" && plain.type === "text" && last.bold === plain.bold && last.italic === plain.italic && last.change === plain.change) {
      out[out.length - 1] = { ...last, text: last.text + plain.text };
    } else out.push(plain);
  }
  return out;
}

function stripTerm(r: Extract<Run, { type: "text" }>): Run {
  const { term: _term, definition: _definition, ...rest } = r;
  return rest;
}
