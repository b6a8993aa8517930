import type { ClauseComparison, CompareReport, RevisionKind, TextEdit, TrackedChange } from "./report.js";

/**
 * The words of the text report, as data. The report is in English; what it quotes is the
 * document's own text, so a Chinese or bilingual agreement is quoted in its own language(s).
 */
export const COMPARE_LABELS = {
  front: "front matter",
  signatures: "signature page",
  clause: "clause",
  schedule: "schedule",
  added: "added clause",
  removed: "removed",
  moved: "moved",
  after: "after",
  start: "at the start",
  templateChanged: "(its template changed since the file was drafted: a difference may be ours)",
  edit: { insert: "inserted", delete: "deleted", replace: "replaced" },
  with: "with",
  in: "in",
  paragraph: "paragraph",
  here: "[here]",
  untracked: (n: number): string => `${n} change${n === 1 ? "" : "s"} without tracked changes`,
  tracked: (n: number): string => `${n} tracked change${n === 1 ? "" : "s"} left in`,
  trackedKind: { insert: "inserted", delete: "deleted", "move-from": "moved away", "move-to": "moved here", format: "reformatted" } satisfies Record<RevisionKind, string>,
  paragraphBreak: "a paragraph break",
  by: "by",
  nothing: "No changes: the file says what the deal drafts.",
  redline: (author: string, pending: number): string => `A redline by ${author}, compared with its tracked changes accepted: ${pending} of them still pending (neither accepted nor rejected).`,
  summary: (r: CompareReport): string => {
    const c = r.counts;
    const parts = c.unchanged + c.changed + c.added + c.removed;
    return `${parts} parts: ${c.unchanged} unchanged, ${c.changed} changed, ${c.added} added, ${c.removed} removed; ${c.untracked} change${c.untracked === 1 ? "" : "s"} without tracked changes, ${c.tracked} tracked change${c.tracked === 1 ? "" : "s"} left in${r.authors.length > 0 ? ` (by ${r.authors.join(", ")})` : ""}.`;
  },
} as const;

const L = COMPARE_LABELS;
/** Longest quotation before it is cut with "…". */
const QUOTE = 160;

/** Text in quotation marks, paragraph breaks shown as ¶, cut when long. */
function quote(text: string): string {
  if (text === "\n") return L.paragraphBreak;
  const flat = text.replace(/\n/g, " ¶ ").replace(/\s+/g, " ");
  return `"${flat.length > QUOTE ? `${flat.slice(0, QUOTE - 1)}…` : flat}"`;
}

/** How the report names a part: `clause 9 (liability)`, `schedule 1 (fees)`, `signature page`. */
export function partName(c: Pick<ClauseComparison, "kind" | "id" | "number" | "heading" | "lang">): string {
  const lang = c.lang ? ` [${c.lang}]` : "";
  if (c.id === null) return `${L.added} ${quote(c.heading)}`;
  if (c.kind === "front") return `${L.front}${lang}`;
  if (c.kind === "signatures") return `${L.signatures}${lang}`;
  return `${c.kind === "schedule" ? L.schedule : L.clause} ${c.number} (${c.id})${lang}`;
}

/** " in 9.2", or " in paragraph 3" of a schedule (whose paragraphs are numbered "3."). */
function where(kind: ClauseComparison["kind"], subclause: string | null): string {
  if (subclause === null) return "";
  return kind === "schedule" ? ` ${L.in} ${L.paragraph} ${subclause.replace(/\.$/, "")}` : ` ${L.in} ${subclause}`;
}

function editLine(e: TextEdit, kind: ClauseComparison["kind"]): string {
  const what = e.kind === "replace" ? `${L.edit.replace} ${quote(e.old)} ${L.with} ${quote(e.new)}` : `${L.edit[e.kind]} ${quote(e.kind === "insert" ? e.new : e.old)}`;
  const around = e.before || e.after ? ` (…${e.before}${L.here}${e.after}…)` : "";
  return `${what}${where(kind, e.subclause)}${around}`;
}

function trackedLine(t: TrackedChange, kind: ClauseComparison["kind"]): string {
  const what = t.text === "" ? L.paragraphBreak : quote(t.text);
  return `${L.trackedKind[t.kind]} ${what}${where(kind, t.subclause)} (${L.by} ${t.author || "?"}${t.date ? `, ${t.date}` : ""})`;
}

/**
 * The comparison as text for a person: one block per part that is not unchanged, each untracked
 * edit and tracked change on its own line, then a summary line.
 */
export function formatCompareReport(report: CompareReport): string {
  let out = "";
  const byId = new Map(report.clauses.filter((c) => c.id !== null).map((c) => [c.id, c]));
  for (const c of report.clauses) {
    if (c.status === "unchanged") continue;
    const counts = [c.untracked.length > 0 ? L.untracked(c.untracked.length) : "", c.tracked.length > 0 ? L.tracked(c.tracked.length) : ""].filter(Boolean).join(", ");
    let head = partName(c);
    const after = c.after === undefined ? undefined : byId.get(c.after);
    const place = after ? `${L.after} ${partName(after)}` : L.start;
    if (c.status === "added") head += ` ${place}`;
    else if (c.status === "removed") head += `: ${L.removed}`;
    else if (c.moved) head += `: ${L.moved} ${place}`;
    out += `${head}${counts ? `: ${counts}` : ""}\n`;
    if (c.templateChanged) out += `  ${L.templateChanged}\n`;
    if (c.status !== "removed" && c.status !== "added") for (const e of c.untracked) out += `  - ${editLine(e, c.kind)}\n`;
    else for (const e of c.untracked) out += `  ${quote(e.kind === "insert" ? e.new : e.old)}\n`;
    for (const t of c.tracked) out += `  - ${trackedLine(t, c.kind)}\n`;
  }
  if (out === "") out = `${L.nothing}\n`;
  const redline = report.redline ? `${L.redline(report.redline.author, report.redline.pending)}\n` : "";
  return `${redline}${out}${L.summary(report)}\n`;
}
