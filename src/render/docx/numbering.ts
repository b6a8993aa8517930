import { AlignmentType, LevelFormat, type ILevelsOptions, type INumberingOptions } from "docx";
import type { List } from "../../model/types.js";
import { INDENT } from "./styles.js";
import { toChineseNumeral, toRoman } from "../../text/numbers.js";

type Format = (typeof LevelFormat)[keyof typeof LevelFormat];

/** How one Word list level writes its labels: `prefix` + counter + `suffix`, or a constant bullet (`prefix`). */
export interface LevelSpec {
  readonly format: Format;
  readonly prefix: string;
  readonly suffix: string;
  /** Identity of the spec, for comparing levels and naming definitions. */
  readonly key: string;
}

/** Where a list's paragraphs point: a numbering definition, its instance, and the level (ilvl). */
export interface ListPlacement {
  readonly reference: string;
  readonly instance: number;
  readonly level: number;
}

/** Word's lowerLetter: a…z, then aa, bb… (the letter repeated, not base 26). */
function letters(n: number): string {
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

/** Word's lowerRoman, which stops below 4000 (our labels go on). */
function roman(n: number): string | undefined {
  return n >= 4000 ? undefined : toRoman(n);
}

/** Word's chineseCounting, as this renderer uses it: below 100, where it reads like our clause numerals (一 … 十, 十一, 二十一). */
function chineseCounting(n: number): string | undefined {
  return n >= 100 ? undefined : toChineseNumeral(n);
}

/** The counters Word can draw, as Word draws them; order decides ambiguous one-item lists. */
const COUNTERS: readonly (readonly [Format, (n: number) => string | undefined])[] = [
  [LevelFormat.LOWER_LETTER, letters],
  [LevelFormat.UPPER_LETTER, (n) => letters(n).toUpperCase()],
  [LevelFormat.LOWER_ROMAN, roman],
  [LevelFormat.UPPER_ROMAN, (n) => roman(n)?.toUpperCase()],
  [LevelFormat.DECIMAL, (n) => String(n)],
  [LevelFormat.CHINESE_COUNTING, chineseCounting],
];

/** The label a level spec gives the `n`th item (1-based), as Word draws it; undefined where Word's counter stops. */
export function labelOf(s: LevelSpec, n: number): string | undefined {
  if (s.format === LevelFormat.BULLET) return s.prefix;
  const counter = COUNTERS.find(([f]) => f === s.format)?.[1];
  const c = counter?.(n);
  return c === undefined ? undefined : s.prefix + c + s.suffix;
}

function spec(format: Format, prefix: string, suffix: string): LevelSpec {
  return { format, prefix, suffix, key: `${format}\u0000${prefix}\u0000${suffix}` };
}

/**
 * The Word level that draws exactly these labels, or undefined when none does
 * (then the labels are written as text). The model's labels are the truth: a
 * level is only used when it reproduces every label of the list.
 */
export function levelSpecOf(labels: readonly string[]): LevelSpec | undefined {
  const first = labels[0];
  if (first === undefined || first === "" || /[\t\r\n]/.test(first)) return undefined;
  for (const [format, counter] of COUNTERS) {
    const one = counter(1) ?? "";
    for (let at = first.indexOf(one); at >= 0; at = first.indexOf(one, at + 1)) {
      const prefix = first.slice(0, at);
      const suffix = first.slice(at + one.length);
      // "%" starts a placeholder in Word's level text and has no escape.
      if (prefix.includes("%") || suffix.includes("%")) continue;
      if (labels.every((label, i) => label === prefix + (counter(i + 1) ?? "\u0000") + suffix)) return spec(format, prefix, suffix);
    }
  }
  if (!first.includes("%") && labels.every((l) => l === first)) return spec(LevelFormat.BULLET, first, "");
  return undefined;
}

const MAX_LEVEL = 8;

/**
 * The level that draws a list's labels. In a redline the labels are the new draft's, and a deleted
 * item keeps its label from the base draft; Word numbers what is left after accepting or rejecting,
 * so the level must reproduce both drafts' numbering, or the labels stay text.
 */
function itemsSpec(items: List["items"]): LevelSpec | undefined {
  if (!items.some((i) => i.change !== undefined)) return levelSpecOf(items.map((i) => i.label));
  const live = items.filter((i) => i.change !== "delete");
  const s = levelSpecOf((live.length > 0 ? live : items).map((i) => i.label));
  if (!s) return undefined;
  let now = 0;
  let before = 0;
  for (const i of items) {
    if (i.change !== "delete") now++;
    if (i.change !== "insert") before++;
    if (labelOf(s, i.change === "delete" ? before : now) !== i.label) return undefined;
  }
  return s;
}

/**
 * The Word numbering of one document. Each model list tree gets its own
 * instance, so every list restarts at (a); nested lists whose labels continue
 * the tree's scheme share the instance at a deeper level, as Word's own
 * multi-level lists do. Definitions are shared between trees with the same
 * levels and named in order of first use, so the output is deterministic.
 */
export class ListNumbering {
  readonly #definitions = new Map<string, { readonly reference: string; readonly levels: readonly LevelSpec[] }>();
  #instances = 0;

  /**
   * `separate`: every list tree gets a definition of its own (a redline). LibreOffice restarts a
   * list at its first paragraph; when Reject All removes an inserted first item, the rest would
   * continue the previous list of the same definition ("(c)" for "(a)").
   */
  constructor(private readonly options: { readonly separate?: boolean } = {}) {}

  /**
   * Places every list of the tree under `root`. Lists missing from the result
   * keep their labels as text (no Word level reproduces them).
   */
  plan(root: List): ReadonlyMap<List, ListPlacement> {
    const out = new Map<List, ListPlacement>();
    this.#planTree(root, out);
    return out;
  }

  #planTree(root: List, out: Map<List, ListPlacement>): void {
    const rootSpec = root.depth <= MAX_LEVEL ? itemsSpec(root.items) : undefined;
    if (!rootSpec) {
      for (const item of root.items) if (item.children) this.#planTree(item.children, out);
      return;
    }
    const chain = new Map<number, LevelSpec>([[root.depth, rootSpec]]);
    const members: List[] = [root];
    const detached: List[] = [];
    const visit = (parent: List): void => {
      for (const item of parent.items) {
        const child = item.children;
        if (!child) continue;
        const s = child.depth > parent.depth && child.depth <= MAX_LEVEL ? itemsSpec(child.items) : undefined;
        const level = chain.get(child.depth);
        if (s && (!level || level.key === s.key)) {
          chain.set(child.depth, s);
          members.push(child);
          visit(child);
        } else {
          detached.push(child);
        }
      }
    };
    visit(root);
    const reference = this.#reference(chain);
    const instance = ++this.#instances;
    for (const m of members) out.set(m, { reference, instance, level: m.depth });
    // A nested list that breaks the tree's scheme starts a tree of its own.
    for (const d of detached) this.#planTree(d, out);
  }

  #reference(chain: ReadonlyMap<number, LevelSpec>): string {
    // Levels the model does not use copy the nearest one above (else below), so Tab in Word demotes sensibly.
    const levels: LevelSpec[] = [];
    for (let k = 0; k <= MAX_LEVEL; k++) {
      let s: LevelSpec | undefined;
      for (let j = k; j >= 0 && !s; j--) s = chain.get(j);
      for (let j = k + 1; j <= MAX_LEVEL && !s; j++) s = chain.get(j);
      if (s) levels.push(s);
    }
    const key = levels.map((l) => l.key).join("\u0001") + (this.options.separate ? `\u0002${this.#instances}` : "");
    let def = this.#definitions.get(key);
    if (!def) {
      def = { reference: `cw-list-${this.#definitions.size + 1}`, levels };
      this.#definitions.set(key, def);
    }
    return def.reference;
  }

  /** The `numbering` option for the docx Document. */
  config(): INumberingOptions {
    return {
      config: [...this.#definitions.values()].map(({ reference, levels }) => ({
        reference,
        levels: levels.map(
          (s, level): ILevelsOptions => ({
            level,
            format: s.format,
            text: s.format === LevelFormat.BULLET ? s.prefix : `${s.prefix}%${level + 1}${s.suffix}`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: listIndent(level) } },
          }),
        ),
      })),
    };
  }
}

/** Indent of a list level: the label one step in per level, the text one step further (a hanging indent). */
export function listIndent(level: number): { left: number; hanging: number } {
  return { left: INDENT * (level + 2), hanging: INDENT };
}
