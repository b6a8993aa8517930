import { AlignmentType, LevelFormat, LevelSuffix, type ILevelsOptions, type INumberingOptions } from "docx";
import type { AltHeading, Block, Change, Clause, DocumentModel, Paragraph } from "../../model/types.js";
import { labelOf, levelSpecOf, type LevelSpec, type ListPlacement } from "./numbering.js";

// A redline's clause numbers are Word's own numbering, not text: accepting or rejecting an added
// clause then renumbers every later one, as it would in a negotiated Word draft, and the added
// clause does not show as a change of every later number. Written here because it is our model's
// numbering scheme ("9." / "第九条", sub-clauses "9.2" or "1."), not a general list feature.

/** One numbered heading or lead: what carries the number, the number the model gives it, and its change. */
interface Numbered {
  readonly owner: object;
  readonly label: string;
  readonly change: Change | undefined;
}

/** A clause-level heading of a series, with its sub-clause numbers. */
interface Entry extends Numbered {
  readonly subs: readonly Numbered[];
}

/** How a series writes sub-clause numbers: "9.2" (the clause's number in decimal, then the count) or "2." (the count). */
type SubPattern = { readonly text: "%1.%2"; readonly label: (clause: number, k: number) => string } | { readonly text: "%2."; readonly label: (clause: number, k: number) => string };

const SUB_PATTERNS: readonly SubPattern[] = [
  { text: "%1.%2", label: (c, k) => `${c}.${k}` },
  { text: "%2.", label: (_c, k) => `${k}.` },
];

/** Positions of items in the new draft (deleted ones left out) and in the base draft (inserted ones left out). */
function positions<T extends { readonly change: Change | undefined }>(items: readonly T[]): { item: T; now?: number; before?: number }[] {
  let now = 0;
  let before = 0;
  return items.map((item) => ({
    item,
    ...(item.change !== "delete" ? { now: ++now } : {}),
    ...(item.change !== "insert" ? { before: ++before } : {}),
  }));
}

/** The position that decides the label the model shows: the new draft's, or (a deleted item) the base draft's. */
const shown = (p: { now?: number; before?: number }): number => p.now ?? p.before ?? 0;

function level0(entries: readonly Entry[]): LevelSpec | undefined {
  const live = entries.filter((e) => e.change !== "delete").map((e) => e.label);
  const s = levelSpecOf(live.length > 0 ? live : entries.map((e) => e.label));
  if (!s || s.format === LevelFormat.BULLET) return undefined;
  return positions(entries).every((p) => labelOf(s, shown(p)) === p.item.label) ? s : undefined;
}

function subPattern(entries: readonly Entry[]): SubPattern | undefined {
  if (entries.every((e) => e.subs.length === 0)) return undefined;
  const clauses = positions(entries);
  return SUB_PATTERNS.find((pattern) =>
    clauses.every((c) =>
      positions(c.item.subs).every((s) => {
        // A sub-clause is shown with its own draft's clause number: a deleted one with the base's.
        const clause = s.now !== undefined ? (c.now ?? c.before ?? 0) : (c.before ?? c.now ?? 0);
        return pattern.label(clause, shown(s)) === s.item.label;
      }),
    ),
  );
}

/** Where each numbered heading or lead of a redline goes in Word's numbering, and the definitions. */
export class HeadingNumbering {
  readonly #placements = new Map<object, ListPlacement>();
  readonly #definitions: { reference: string; levels: ILevelsOptions[] }[] = [];

  /** Plans every series of the model: clauses, their translation's headings, the continuation, the schedules. */
  constructor(model: DocumentModel) {
    for (const series of seriesOf(model)) this.#plan(series);
  }

  /** The numbering of a clause, sub-clause, second-language heading or numbered paragraph, when Word draws its number. */
  placement(owner: object): ListPlacement | undefined {
    return this.#placements.get(owner);
  }

  #plan(all: readonly Entry[]): void {
    // A series whose labels change shape (a sequential document's schedules: 附件一… then Schedule 1…) is one series per shape.
    const shape = (e: Entry): string => e.label.replace(/[0-9〇零一二三四五六七八九十百千]+/gu, "#");
    let start = 0;
    for (let i = 1; i <= all.length; i++) {
      const prev = all[i - 1];
      const cur = all[i];
      if (cur && prev && shape(cur) === shape(prev)) continue;
      this.#planOne(all.slice(start, i));
      start = i;
    }
  }

  #planOne(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const top = level0(entries);
    if (!top) return;
    // "%1.%2" under "第五条" needs Word's legal numbering (isLgl) to read "5.1"; LibreOffice ignores
    // it and writes "五.1". So sub-clauses are numbered only under decimal clause numbers; elsewhere
    // their numbers stay text, with renumbering shown as a change (the model's numberRuns).
    const sub = top.format === LevelFormat.DECIMAL ? subPattern(entries) : undefined;
    const reference = `cw-headings-${this.#definitions.length + 1}`;
    this.#definitions.push({
      reference,
      levels: [
        { level: 0, format: top.format, text: `${top.prefix}%1${top.suffix}`, alignment: AlignmentType.LEFT, suffix: LevelSuffix.SPACE },
        ...(sub
          ? [{ level: 1, format: LevelFormat.DECIMAL, text: sub.text, alignment: AlignmentType.LEFT, suffix: LevelSuffix.TAB, isLegalNumberingStyle: true, style: { run: { bold: true } } }]
          : []),
      ],
    });
    for (const e of entries) {
      this.#placements.set(e.owner, { reference, instance: 1, level: 0 });
      if (sub) for (const s of e.subs) this.#placements.set(s.owner, { reference, instance: 1, level: 1 });
    }
  }

  /** The definitions for the docx Document's `numbering` option. */
  config(): INumberingOptions["config"] {
    return this.#definitions;
  }
}

/** The first paragraph of a block list that carries a number (an untitled sub-clause's lead), in a given parallel cell. */
function numberedLead(blocks: readonly Block[], side: 0 | 1 | undefined): Paragraph | undefined {
  const first = blocks[0];
  if (!first) return undefined;
  const b = side === undefined ? first : first.kind === "parallel" ? first.cells[side] : undefined;
  return b?.kind === "paragraph" && b.number !== undefined ? b : undefined;
}

/**
 * The numbered series of a model. A plain document has its clauses and its schedules; a parallel
 * one also the second language's headings (its own series: "第九条" beside "9."); a sequential
 * one also the continuation's clauses. Interleaved headings carry both labels in one paragraph, so
 * only the first language's is numbered by Word there.
 */
function seriesOf(model: DocumentModel): Entry[][] {
  const out: Entry[][] = [];
  const parallel = model.meta.bilingual?.layout === "parallel";
  const interleaved = model.meta.bilingual?.layout === "interleaved";
  const primary = (cs: readonly Clause[]): Entry[] =>
    cs.map((c) => ({
      owner: c,
      label: c.label,
      change: c.change,
      subs: c.subclauses.flatMap((s): Numbered[] => {
        if (s.title) return [{ owner: s, label: s.number, change: s.change }];
        if (parallel || interleaved) {
          const lead = numberedLead(s.blocks, parallel ? 0 : undefined);
          return lead?.number !== undefined ? [{ owner: lead, label: lead.number, change: s.change }] : [];
        }
        return [{ owner: s, label: s.number, change: s.change }];
      }),
    }));
  const second = (cs: readonly Clause[]): Entry[] =>
    cs.flatMap((c) => {
      const alt: AltHeading | undefined = c.alt;
      if (!alt) return [];
      return [
        {
          owner: alt,
          label: alt.label,
          change: c.change,
          subs: c.subclauses.flatMap((s): Numbered[] => {
            if (s.title && s.alt) return [{ owner: s.alt, label: s.alt.label, change: s.change }];
            const lead = numberedLead(s.blocks, 1);
            return lead?.number !== undefined ? [{ owner: lead, label: lead.number, change: s.change }] : [];
          }),
        },
      ];
    });
  out.push(primary(model.clauses), primary(model.schedules));
  if (parallel) out.push(second(model.clauses), second(model.schedules));
  if (model.continuation) out.push(primary(model.continuation.clauses));
  return out;
}
