import type { NumberingProfile } from "../assemble/numbering.js";
import { toChineseNumeral, toLetters, toRoman } from "../text/numbers.js";
import type { NumberingProfileSpec } from "./types.js";

/** Fills a label pattern: {n} {cn} {s} {cs} {a} {A} {i} {I} {title}. */
function fill(pattern: string, values: { n?: number; s?: number; title?: string | undefined }): string {
  return pattern.replace(/\{(n|cn|s|cs|a|A|i|I|title)\}/g, (_m, key: string) => {
    const n = values.n ?? 0;
    const s = values.s ?? 0;
    switch (key) {
      case "n":
        return String(n);
      case "cn":
        return toChineseNumeral(n);
      case "s":
        return String(s);
      case "cs":
        return toChineseNumeral(s);
      case "a":
        return toLetters(values.s ?? n);
      case "A":
        return toLetters(values.s ?? n).toUpperCase();
      case "i":
        return toRoman(values.s ?? n);
      case "I":
        return toRoman(values.s ?? n).toUpperCase();
      default:
        return values.title ?? "";
    }
  });
}

/**
 * A numbering profile from a pack's declarative spec. In list patterns the
 * item number is `{s}` / `{a}` / `{i}` (and their upper-case and Chinese forms).
 */
export function profileFromSpec(spec: NumberingProfileSpec): NumberingProfile {
  return {
    id: spec.id,
    clauseLabel: (n) => fill(spec.clause, { n }),
    subclauseNumber: (n, s) => fill(spec.subclause, { n, s }),
    listLabel(depth, s, style) {
      if (style === "bullet") return spec.bullet;
      return fill(spec.list[depth % spec.list.length] ?? "{s}.", { s });
    },
    clauseRef: (n, title) => fill(spec.clauseRef, { n, title }),
    // A sub-clause reference without a title drops an empty "()" the pattern would leave.
    subclauseRef: (n, s, title) => fill(spec.subclauseRef, { n, s, title }).replace(/\s*\(\)/g, ""),
    scheduleLabel: (n) => fill(spec.schedule ?? "Schedule {n} —", { n }),
    scheduleRef: (n, title) => fill(spec.scheduleRef ?? "Schedule {n} ({title})", { n, title }),
    scheduleItemRef: (n, s) => fill(spec.scheduleItemRef ?? "paragraph {s} of Schedule {n}", { n, s }),
  };
}
