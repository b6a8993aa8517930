import type { Lang } from "../model/types.js";
import type { ClauseStatus, DeviationReport, FindingSummary } from "./report.js";

/** The words of a deviation report in one language. Data, so another language is a new entry. */
interface ReportLabels {
  readonly heading: (base: string, changes: number) => string;
  readonly status: Readonly<Record<ClauseStatus, string>>;
  readonly changes: (n: number, references: number) => string;
  /** Joins a clause's status and its count. */
  readonly comma: string;
  /** Between the clauses a value changed. */
  readonly list: string;
  readonly colon: string;
  readonly open: string;
  readonly close: string;
  /** Which message of a finding to print. */
  readonly message: "message" | "messageZh";
  readonly fields: string;
  readonly none: string;
  readonly absent: string;
  readonly inClauses: string;
  readonly newFindings: string;
  readonly resolvedFindings: string;
  readonly front: string;
  readonly signatures: string;
}

const LABELS: Readonly<Record<Lang, ReportLabels>> = {
  en: {
    heading: (base, n) => `Redline against ${base === "standard" ? "the standard terms" : base}: ${n} tracked ${n === 1 ? "change" : "changes"}`,
    status: { unchanged: "unchanged", changed: "changed", added: "added", removed: "removed" },
    changes: (n, r) => `${n} ${n === 1 ? "change" : "changes"}${r > 0 ? ` (${r === n ? "all" : r} only renumbering a number or cross-reference)` : ""}`,
    comma: ", ",
    list: ", ",
    colon: ": ",
    open: " (",
    close: ")",
    message: "message",
    fields: "Deal terms that differ",
    none: "none",
    absent: "(not set)",
    inClauses: "in",
    newFindings: "New check findings",
    resolvedFindings: "Check findings resolved",
    front: "Front matter",
    signatures: "Signature page",
  },
  zh: {
    heading: (base, n) => `与${base === "standard" ? "标准条款" : base}对比的修订稿：共${n}处修订`,
    status: { unchanged: "未变更", changed: "已修改", added: "新增", removed: "删除" },
    changes: (n, r) => `${n}处修订${r > 0 ? `（${r === n ? "均为" : `其中${r}处为`}条款编号或交叉引用编号变化）` : ""}`,
    comma: "，",
    list: "、",
    colon: "：",
    open: "（",
    close: "）",
    message: "messageZh",
    fields: "交易条款差异",
    none: "无",
    absent: "（未设定）",
    inClauses: "涉及",
    newFindings: "新增检查结果",
    resolvedFindings: "已消除的检查结果",
    front: "首部",
    signatures: "签署页",
  },
};

function value(v: unknown, absent: string): string {
  if (v === undefined) return absent;
  return typeof v === "string" ? v : JSON.stringify(v);
}

function finding(f: FindingSummary, L: ReportLabels): string {
  const message = f[L.message] ?? f.message;
  return `  ${f.severity} ${f.code}${f.path ? ` ${f.path}` : ""}${L.colon}${message}`;
}

/**
 * A deviation report as text for a reader: one line per clause that changed, the deal values that
 * differ (old → new, and the clauses they changed), then the check findings this round brings or
 * clears. In the document's language; a bilingual draft gets both, primary first.
 */
export function formatDeviationReport(report: DeviationReport): string {
  return report.langs.map((lang) => formatIn(report, lang)).join("\n");
}

function formatIn(report: DeviationReport, lang: Lang): string {
  // The second language of a bilingual report titles clauses in its own words.
  const L = LABELS[lang];
  const second = lang !== report.lang;
  const lines = [L.heading(report.base, report.changes)];
  for (const c of report.clauses) {
    if (c.status === "unchanged") continue;
    const title = c.id === "front" ? L.front : c.id === "signatures" ? L.signatures : second && c.titleAlt ? c.titleAlt : c.title;
    const label = second && c.labelAlt !== undefined ? c.labelAlt : c.label;
    lines.push(`  ${[label, title].filter(Boolean).join(" ")} [${c.id}]${L.colon}${L.status[c.status]}${L.comma}${L.changes(c.changes, c.references)}`);
  }
  lines.push(`${L.fields}${L.colon.trimEnd()}`);
  if (report.fields.length === 0) lines.push(`  ${L.none}`);
  for (const f of report.fields) {
    // Clauses by their label and title in this language ("20. Limitation of Liability", "第二十二条 责任限制").
    const name = (id: string): string => {
      const c = report.clauses.find((x) => x.id === id);
      if (!c || id === "front" || id === "signatures") return id === "front" ? L.front : id === "signatures" ? L.signatures : id;
      const label = second && c.labelAlt !== undefined ? c.labelAlt : c.label;
      const title = second && c.titleAlt !== undefined ? c.titleAlt : c.title;
      return [label, title].filter(Boolean).join(" ");
    };
    lines.push(`  ${f.path}${L.colon}${value(f.old, L.absent)} → ${value(f.new, L.absent)}${f.clauses.length > 0 ? `${L.open}${L.inClauses} ${f.clauses.map(name).join(L.list)}${L.close}` : ""}`);
  }
  if (report.findings.new.length > 0) lines.push(`${L.newFindings}${L.colon.trimEnd()}`, ...report.findings.new.map((f) => finding(f, L)));
  if (report.findings.resolved.length > 0) lines.push(`${L.resolvedFindings}${L.colon.trimEnd()}`, ...report.findings.resolved.map((f) => finding(f, L)));
  return `${lines.join("\n")}\n`;
}
