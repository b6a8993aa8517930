/**
 * The document model: one typed tree that every renderer reads. Numbers,
 * labels and cross-reference texts are computed before a renderer sees the
 * tree, so DOCX, PDF and Markdown cannot disagree. Renderers only lay out.
 */

/** A language of the catalogue. */
export type Lang = "en" | "zh";

/**
 * A tracked change in a redline (see `redline`): `insert` is text the new draft adds, `delete`
 * text the base draft had and the new one drops. A draft never sets it; renderers draw it as
 * Word tracked changes (DOCX), coloured underline and strike-through (PDF), CriticMarkup (Markdown).
 */
export type Change = "insert" | "delete";

/** Plain text with optional emphasis. `text` is literal: never markup. */
export interface TextRun {
  readonly type: "text";
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Redline only: this text is inserted or deleted. */
  readonly change?: Change;
  /**
   * This text is a defined term: a use of it (`[[Services]]` in a template), or, with `definition`,
   * the place it is defined. The term as the definitions clause defines it, in this run's language.
   * DOCX, PDF and Markdown draw it as its emphasis says; HTML marks it up (`<dfn>`, a link to it).
   */
  readonly term?: string;
  /** With `term`: this run is where the term is defined. */
  readonly definition?: boolean;
}

/** A cross-reference to a clause or sub-clause; `text` is already computed ("Section 9.2 (Liability Cap)"). */
export interface RefRun {
  readonly type: "ref";
  /** The anchor of the target (see {@link Clause.anchor}). */
  readonly target: string;
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** Redline only: this reference is inserted or deleted. */
  readonly change?: Change;
}

/** A piece of inline content. */
export type Run = TextRun | RefRun;

/** A paragraph of running text. */
export interface Paragraph {
  readonly kind: "paragraph";
  readonly runs: readonly Run[];
  /**
   * Presentation role. `body` is ordinary text; `title` / `subtitle` form the
   * title block; `center` is centred body text; `note` is small print.
   */
  readonly role: "body" | "title" | "subtitle" | "center" | "note";
  /** Computed number shown before the text, e.g. "9.2" (a numbered sub-clause without a heading). */
  readonly number?: string;
  /** Link target for cross-references to this paragraph. */
  readonly anchor?: string;
  /** Redline only: `number` with its tracked changes, when renumbering changed it and Word numbering cannot draw it. */
  readonly numberRuns?: readonly Run[];
  /**
   * Redline only: the whole paragraph is inserted or deleted (its runs carry the same change).
   * In DOCX its paragraph mark is tracked too, so accepting or rejecting removes the paragraph.
   */
  readonly change?: Change;
  /**
   * The language of this paragraph in a bilingual document, where no {@link Parallel} cell says it:
   * an interleaved block and its translation, the title block. Renderers that can say a language
   * (HTML's `lang`) use it; the others ignore it.
   */
  readonly lang?: Lang;
}

/** One item of a list. `label` is computed, e.g. "(a)" or "•". */
export interface ListItem {
  readonly label: string;
  readonly runs: readonly Run[];
  readonly children?: List;
  /** Redline only: the whole item is inserted or deleted (its runs and children carry the same change). */
  readonly change?: Change;
}

/** A list. `lettered` lists are the legal (a), (b), (c); nested ones (i), (ii). */
export interface List {
  readonly kind: "list";
  readonly style: "lettered" | "roman" | "bullet";
  /** Nesting depth, 0 for a top-level list. */
  readonly depth: number;
  readonly items: readonly ListItem[];
  /** The language of this list in a bilingual document, where no {@link Parallel} cell says it. */
  readonly lang?: Lang;
}

/** A table column. */
export interface TableColumn {
  readonly header: readonly Run[];
  /**
   * The template's relative weight (weights need not sum to 1). The PDF and
   * DOCX renderers size columns to their content instead (no word or email is
   * cut inside while the table can fit them), so this is only a hint for
   * other consumers of the model.
   */
  readonly width: number;
  readonly align: "left" | "right" | "center";
}

/** A table row; `cells` has one entry per column. */
export interface TableRow {
  readonly cells: readonly (readonly Run[])[];
  /** A summary row (e.g. a total), drawn in bold. */
  readonly emphasis?: boolean;
  /** Redline only: the whole row is inserted or deleted (its cells' runs carry the same change). */
  readonly change?: Change;
}

/** A table with a header row. */
export interface Table {
  readonly kind: "table";
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** The language of this table in a bilingual document, where no {@link Parallel} cell says it. */
  readonly lang?: Lang;
}

/** Content after this starts on a new page (a schedule; the second copy of a sequential bilingual document). */
export interface PageBreak {
  readonly kind: "pageBreak";
}

/** One line of the table of contents. */
export interface ContentsEntry {
  /** Computed label, e.g. "9." or "Schedule 1". */
  readonly label: string;
  readonly title: string;
  /** Anchor of the clause or schedule it links to. */
  readonly anchor: string;
}

/**
 * The table of contents, computed from the numbered clauses and schedules.
 * DOCX writes it as a real TOC field whose entries are already filled in,
 * with page numbers estimated as LibreOffice lays the document out.
 */
export interface Contents {
  readonly kind: "contents";
  readonly heading: string;
  readonly entries: readonly ContentsEntry[];
}

/** Content a language copy is made of: what one {@link Parallel} cell holds. */
export type ContentBlock = Paragraph | List | Table;

/**
 * One aligned unit of a parallel bilingual document: the same paragraph, list
 * or table in two languages, drawn side by side (left = `langs[0]`). The
 * cells are aligned by construction (see `combineBilingual`), so a renderer
 * only lays them out: a DOCX table row, a pair of PDF columns.
 */
export interface Parallel {
  readonly kind: "parallel";
  readonly langs: readonly [Lang, Lang];
  readonly cells: readonly [ContentBlock, ContentBlock];
  /** Redline only: the whole unit is inserted or deleted (both cells carry the same change). */
  readonly change?: Change;
}

/** A block of content inside a clause or the front matter. */
export type Block = ContentBlock | PageBreak | Contents | Parallel;

/**
 * The heading of a clause or sub-clause in the second language of a bilingual
 * document, numbered by that language's own profile ("第九条", "附件一").
 */
export interface AltHeading {
  readonly lang: Lang;
  /** "第九条" for a clause, "9.2" for a sub-clause. */
  readonly label: string;
  readonly title?: string;
  /** Link target of the second-language heading, when it differs from the primary one. */
  readonly anchor?: string;
  /** Redline only: `title` with its tracked changes; renderers draw these runs instead of `title`. */
  readonly titleRuns?: readonly Run[];
  /** Redline only: `label` with its tracked changes, when renumbering changed it and Word numbering cannot draw it. */
  readonly labelRuns?: readonly Run[];
  /**
   * Interleaved layout: the heading goes on its own line under the primary
   * one, and the content is full width (each block, then its translation).
   * Otherwise (parallel) it is drawn beside the primary one, in the right column.
   */
  readonly below?: boolean;
}

/** A numbered sub-clause, e.g. "9.2 Liability Cap". */
export interface SubClause {
  /** Fully qualified id, e.g. "liability.cap", when the template named it. */
  readonly id?: string;
  /** Stable link target. */
  readonly anchor: string;
  /** Computed number, e.g. "9.2". */
  readonly number: string;
  /** Optional heading. Without one, the number leads the first paragraph. */
  readonly title?: string;
  readonly blocks: readonly Block[];
  /**
   * Parallel and interleaved layouts: the heading in the second language. When
   * the sub-clause has no title, both numbers lead the first paragraph of their
   * language instead (`Paragraph.number`), and the sub-clause draws no number itself.
   */
  readonly alt?: AltHeading;
  /** Redline only: `title` with its tracked changes; renderers draw these runs instead of `title`. */
  readonly titleRuns?: readonly Run[];
  /** Redline only: `number` with its tracked changes, when renumbering changed it and Word numbering cannot draw it. */
  readonly numberRuns?: readonly Run[];
  /** Redline only: the whole sub-clause is inserted or deleted (its heading, blocks and runs carry the same change). */
  readonly change?: Change;
}

/** A top-level clause, e.g. "9. Limitation of Liability". */
export interface Clause {
  /** Catalogue id, e.g. "liability". */
  readonly id: string;
  /** The variant that was used, when the clause has variants. */
  readonly variant?: string;
  /** Stable link target. */
  readonly anchor: string;
  /** Computed number, e.g. "9". */
  readonly number: string;
  /** Computed label shown before the title, e.g. "9." (or "第九条" in a Chinese profile). */
  readonly label: string;
  readonly title: string;
  /** Content before the first sub-clause. */
  readonly blocks: readonly Block[];
  readonly subclauses: readonly SubClause[];
  /** Parallel and interleaved layouts: the heading in the second language, beside this one or (`below`) under it. */
  readonly alt?: AltHeading;
  /** Redline only: `title` with its tracked changes; renderers draw these runs instead of `title`. */
  readonly titleRuns?: readonly Run[];
  /**
   * Redline only: the whole clause is inserted or deleted (its heading, blocks, sub-clauses and
   * runs carry the same change). A deleted clause keeps the base draft's number and label.
   */
  readonly change?: Change;
}

/** What a signature line is for: the two languages of a bilingual page pair their lines by it. */
export type SignatureLineKind = "signature" | "name" | "title" | "date";

/** One line of a party's signature block. */
export interface SignatureLine {
  /** What the line is for; lines without one pair up in order. */
  readonly kind?: SignatureLineKind;
  readonly label: string;
  /** A pre-filled value (the signatory's name); absent: a line to write on. */
  readonly value?: string;
  /** Pre-printed text to fill in by hand instead of a plain line ("____年____月____日"). */
  readonly blank?: string;
  /** Redline only: `value` with its tracked changes; renderers draw these runs instead of `value`. */
  readonly valueRuns?: readonly Run[];
}

/** A party's column on the signature page. */
export interface SignatureParty {
  /** Role heading, e.g. "CUSTOMER". */
  readonly role: string;
  /** Legal name of the party. */
  readonly name: string;
  /**
   * Label / pre-filled value pairs; an absent value is a blank line to sign on,
   * or the `blank` text when given (Chinese dates: "____年____月____日").
   */
  readonly lines: readonly SignatureLine[];
  /** Print the role and the name on one line ("甲方（盖章）：name"), as Chinese signature blocks do. */
  readonly roleWithName?: boolean;
  /** Redline only: `name` with its tracked changes; renderers draw these runs instead of `name`. */
  readonly nameRuns?: readonly Run[];
}

/** The signature page. */
export interface SignaturePage {
  readonly heading: string;
  /** Lead-in sentence (e.g. "IN WITNESS WHEREOF …"). */
  readonly intro: readonly Run[];
  readonly parties: readonly SignatureParty[];
  /** Closing line of the body, before the signature page (Chinese: "（以下无正文）"). */
  readonly noFurtherText?: string;
  /** Joins a label and its value; default ": " (Chinese ":"). */
  readonly labelSeparator?: string;
}

/** How the two languages of a bilingual document are laid out. */
export type BilingualLayout = "parallel" | "sequential" | "interleaved";

/** The layouts, default first. */
export const BILINGUAL_LAYOUTS: readonly BilingualLayout[] = ["parallel", "sequential", "interleaved"];

/** What makes a document bilingual: its two languages, primary (first / left) first, and the layout. */
export interface Bilingual {
  readonly langs: readonly [Lang, Lang];
  readonly layout: BilingualLayout;
}

/** Document-level facts renderers put in properties, headers and footers. */
export interface DocumentMeta {
  /** The (primary) language. */
  readonly lang: Lang;
  /** Set when the document carries two languages. */
  readonly bilingual?: Bilingual;
  readonly title: string;
  readonly subject: string;
  readonly reference: string;
  /** Party legal names, customer first. */
  readonly parties: readonly string[];
  /**
   * Creation timestamp written into file metadata, ISO 8601 in UTC. Comes from
   * the deal (never the clock), so identical inputs give identical bytes.
   */
  readonly createdAt: string;
  /** Producer string, e.g. "clausewright 0.1.0". */
  readonly producer: string;
  /** Paper size, from the governing law's profile (US Letter under US law); absent means A4. */
  readonly paper?: "a4" | "letter";
  /**
   * The assembly record as JSON (see `AssemblyRecord`): renderers embed it in
   * the file's metadata (a DOCX custom property, PDF document info).
   */
  readonly record?: string;
  /** Set on a redline: who the tracked changes are by, and when (from the deal, never the clock). */
  readonly redline?: RedlineMeta;
}

/** Who and when of a redline's tracked changes. */
export interface RedlineMeta {
  /** Author of every tracked change ("clausewright" unless the caller names one). */
  readonly author: string;
  /** Date of every tracked change, ISO 8601 in UTC: the new deal's creation timestamp. */
  readonly date: string;
  /** Tracked changes in the document, counted as Word and LibreOffice count them (see `countChanges`). */
  readonly changes: number;
}

/** The whole agreement, ready to render. */
export interface DocumentModel {
  readonly meta: DocumentMeta;
  /**
   * Title block, the cover page / order form with the key terms (when the
   * agreement has one), the table of contents, parties and recitals: all
   * before the numbered clauses.
   */
  readonly front: readonly Block[];
  readonly clauses: readonly Clause[];
  /**
   * A further copy of the body after the clauses, in another language: the
   * second half of a sequential bilingual document. Its `front` starts with a
   * page break; its anchors differ from those of `clauses`.
   */
  readonly continuation?: { readonly lang: Lang; readonly front: readonly Block[]; readonly clauses: readonly Clause[] };
  readonly signatures: SignaturePage;
  /**
   * Schedules after the signature page, each starting a new page. A schedule
   * has the shape of a clause: `label` is "Schedule 1" / "附件一" and its
   * numbered paragraphs are "1.", "2.", ….
   */
  readonly schedules: readonly Clause[];
}
