/**
 * `compareDocx`: what the other side changed in a DOCX of ours, clause by clause, with and without
 * tracked changes (docs/redline.md, "compare").
 */
export { compareDocx, type CompareOptions } from "./compare.js";
export { COMPARE_LIMITS } from "./zip.js";
export { formatCompareReport, COMPARE_LABELS } from "./text.js";
export type { ClauseComparison, ClauseStatus, CompareCounts, CompareReport, EditKind, RevisionKind, SegmentKind, TextEdit, TrackedChange } from "./report.js";
