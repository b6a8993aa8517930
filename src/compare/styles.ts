import { attr, W, xmlTree, type PartSource, type XmlElement } from "./xml.js";

/** What a comparison needs to know of a paragraph style. */
export interface StyleFacts {
  /** Heading level, 1 for a clause heading; absent for other paragraphs. */
  readonly heading?: number;
  /** A table-of-contents entry style ("toc 1", LibreOffice's "Contents 1"). */
  readonly toc?: boolean;
}

/** Paragraph styles by style id. */
export type StyleMap = ReadonlyMap<string, StyleFacts>;

const HEADING_NAME = /^heading\s*(\d)$/i;
const TOC_NAME = /^(?:toc|contents)\s*\d+$/i;

function val(el: XmlElement | undefined, local: string): string | undefined {
  const child = el?.children.find((c) => c.local === local && c.uri === W);
  return child ? attr(child.tag, W, "val") : undefined;
}

/**
 * Heading levels and contents styles from the styles part. Style ids are not reliable names (a
 * German Word calls Heading 1 "berschrift1"), so levels come from the style's name ("heading 1")
 * or its outline level, followed through `basedOn`.
 */
export function readStyles(text: string | undefined, source: PartSource): StyleMap {
  const map = new Map<string, StyleFacts>();
  if (text === undefined) return map;
  const raw = new Map<string, { name?: string; outline?: number; basedOn?: string }>();
  for (const root of xmlTree(text, source).children) {
    for (const s of root.children) {
      if (s.local !== "style" || s.uri !== W || attr(s.tag, W, "type") !== "paragraph") continue;
      const id = attr(s.tag, W, "styleId");
      if (id === undefined) continue;
      const name = val(s, "name");
      const outline = Number(
        val(
          s.children.find((c) => c.local === "pPr" && c.uri === W),
          "outlineLvl",
        ),
      );
      const basedOn = val(s, "basedOn");
      raw.set(id, { ...(name !== undefined ? { name } : {}), ...(Number.isInteger(outline) ? { outline } : {}), ...(basedOn !== undefined ? { basedOn } : {}) });
    }
  }
  const levelOf = (id: string): number | undefined => {
    // A chain of basedOn is short; the bound only guards against a cycle.
    for (let cur: string | undefined = id, steps = 0; cur !== undefined && steps < 20; cur = raw.get(cur)?.basedOn, steps++) {
      const s = raw.get(cur);
      if (!s) return undefined;
      const named = s.name === undefined ? undefined : HEADING_NAME.exec(s.name)?.[1];
      if (named !== undefined) return Number(named);
      if (s.outline !== undefined) return s.outline >= 0 && s.outline < 9 ? s.outline + 1 : undefined;
    }
    return undefined;
  };
  for (const [id, s] of raw) {
    const heading = levelOf(id);
    const toc = s.name !== undefined && TOC_NAME.test(s.name);
    map.set(id, { ...(heading !== undefined ? { heading } : {}), ...(toc ? { toc } : {}) });
  }
  return map;
}

/** The facts of a style id, falling back to the id itself ("Heading1", "TOC1") when the styles part does not know it. */
export function styleFacts(styles: StyleMap, id: string | undefined): StyleFacts {
  if (id === undefined) return {};
  const known = styles.get(id);
  if (known) return known;
  const heading = /^heading(\d)$/i.exec(id)?.[1];
  if (heading !== undefined) return { heading: Number(heading) };
  return /^(?:toc|contents)\d+$/i.test(id) ? { toc: true } : {};
}
