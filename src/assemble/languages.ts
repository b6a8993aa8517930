import type { Lang } from "../model/types.js";

/** Both languages of a bilingual document, `primary` first. */
export function languagePair(primary: Lang): readonly [Lang, Lang] {
  return primary === "en" ? ["en", "zh"] : ["zh", "en"];
}

/**
 * The language that comes first in a bilingual document when nobody says:
 * the prevailing text (domain brief §5.6), so the version that governs is
 * read first and sits in the left column; English when both texts are
 * equally authentic (or nothing is said yet).
 */
export function prevailingFirst(prevailing: "en" | "zh" | "equal" | undefined): Lang {
  return prevailing === "zh" ? "zh" : "en";
}
