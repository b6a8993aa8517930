import type { Catalog, CatalogClause } from "../catalog/catalog.js";
import type { Placement } from "../catalog/types.js";
import { localize } from "../deal/primitives.js";
import type { Deal } from "../deal/schema.js";
import { newTemplateWork } from "../template/budget.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import type { Block, Clause, DocumentModel, Lang, List, Run, SignaturePage, SubClause } from "../model/types.js";
import { isoTimestamp, type DateStyle } from "../text/dates.js";
import { MarkupError, parseMarkup, type ParsedMarkup, type PendingBlock, type PendingList, type PendingRun } from "../template/markup.js";
import type { PrintedValue, RenderState } from "../template/env.js";
import { TokenTable } from "../template/tokens.js";
import { VERSION } from "../version.js";
import { neutralProfile, type JurisdictionProfile } from "../catalog/jurisdictions.js";
import { computeValues, type Computed } from "./compute.js";
import { documentLabels } from "./labels.js";
import { numberingProfile, type NumberingProfile, type NumberingStyle } from "./numbering.js";
import { selectClauses, type OmittedClause } from "./select.js";
import { buildRegistry, lineOfTerm, renderDefinition, runsOf, unmarkedTerms, type RenderedDefinition } from "./terms.js";

/** What went into a document: which clauses, in which order, with which variant. */
export interface AssemblyDetails {
  readonly agreement: string;
  readonly lang: Lang;
  readonly clauses: readonly {
    readonly id: string;
    readonly variant: string;
    readonly pack: string;
    /** Number in the document, or "" for front matter and the signature lead-in. */
    readonly number: string;
    readonly title: string;
    /** Deal values the clause printed through `period`, `money`, `moneyWords` or `date`, with their paths (value provenance, for the document rules). */
    readonly printed: readonly PrintedValue[];
  }[];
  readonly omitted: readonly OmittedClause[];
  /** The date style the text was written in (the option, else the governing law's profile; Chinese always "zh"). */
  readonly dateStyle?: DateStyle;
}

/** Options for {@link assemble}. */
export interface AssembleOptions {
  readonly lang?: Lang;
  /** Agreement layout id; defaults to the first layout of the catalogue. */
  readonly agreement?: string;
  readonly dateStyle?: DateStyle;
  /**
   * Numbering style or the id of a pack's numbering profile; default the
   * agreement layout's, else "en" for English, "zh-article-decimal" for Chinese.
   */
  readonly numbering?: NumberingStyle | (string & Record<never, never>);
  /** Force a variant per clause id (used by `pack test` to render every variant); default chosen by the deal. */
  readonly variants?: Readonly<Record<string, string>>;
  /**
   * Every language of the document being drafted, primary first; default
   * `[lang]`. A bilingual draft assembles once per language with the same
   * `langs`, so templates and `when` conditions can read `document.bilingual`.
   */
  readonly langs?: readonly Lang[];
}

/**
 * Facts about the document being assembled, for templates and `when`
 * conditions (`document.*`).
 */
export interface DocumentFacts {
  /** This copy's language. */
  readonly lang: Lang;
  /** Every language of the document, primary first (two in a bilingual document). */
  readonly langs: readonly Lang[];
  /** True when the document carries two languages. */
  readonly bilingual: boolean;
  /** True when the agreement has a cover page / order form. */
  readonly cover: boolean;
  /** The schedules present, in order: clause id and title in the document's language. */
  readonly schedules: readonly { readonly id: string; readonly title: string }[];
  /**
   * The data-protection terms present (clauses of category `data-protection`, wherever they sit:
   * a DPA or BAA may be a Section or a Schedule), in order, like `schedules`. The order-of-precedence
   * clause refers to each, so those terms prevail as to personal data wherever they are placed.
   */
  readonly dataProtection: readonly { readonly id: string; readonly title: string }[];
  /**
   * The clauses this document includes, by id (`document.included.exit`), so a clause can refer
   * to another where the layout has it and state the term itself where it does not.
   */
  readonly included: Readonly<Record<string, true>>;
}

/** The template context: the validated deal plus computed values, document facts and the governing law's profile. */
export type TemplateContext = Deal & { readonly computed: Computed; readonly document: DocumentFacts; readonly profile: JurisdictionProfile };

interface RefTarget {
  readonly anchor: string;
  /** The reference text in this document's language and numbering style. */
  readonly text: string;
}

interface Rendered {
  readonly id: string;
  readonly variant: string;
  readonly pack: string;
  readonly placement: Placement;
  readonly title: string;
  readonly file: string;
  readonly parsed: ParsedMarkup;
  /** Template output with data as placeholders. */
  readonly text: string;
  readonly generate?: "definitions" | undefined;
  readonly printed: readonly PrintedValue[];
}

const anchorOf = (...parts: string[]): string => `cw-${parts.join("-").replace(/[^a-z0-9-]/gi, "-")}`;

/**
 * Assembles the document model for a deal: selects clauses, renders each
 * template, numbers the clauses, and resolves every cross-reference. Throws a
 * {@link ClausewrightError} listing every problem found.
 */
export function assemble(catalog: Catalog, deal: Deal, options: AssembleOptions = {}): { model: DocumentModel; details: AssemblyDetails; warnings: Problem[] } {
  const lang = options.lang ?? "en";
  const langs = options.langs && options.langs.length > 0 ? options.langs : [lang];
  const bilingual = new Set(langs).size > 1;
  const jurisdiction = catalog.jurisdictions.profiles.size === 0 ? neutralProfile(deal.law.governingLaw) : catalog.jurisdictions.profiles.get(deal.law.governingLaw);
  if (!jurisdiction) {
    throw new ClausewrightError([
      {
        code: "ASSEMBLE_NO_JURISDICTION_PROFILE",
        severity: "error",
        path: ["law", "governingLaw"],
        message: `No jurisdiction profile for governing law "${deal.law.governingLaw}" (known: ${[...catalog.jurisdictions.profiles.keys()].join(", ") || "none"})`,
        hint: "Add a profile to a pack's jurisdictions.yaml (docs/clause-packs.md, Jurisdiction profiles).",
      },
    ]);
  }
  const base: TemplateContext = {
    ...deal,
    computed: computeValues(deal, jurisdiction),
    document: { lang, langs, bilingual, cover: false, schedules: [], dataProtection: [], included: {} },
    profile: jurisdiction,
  };
  const found = selectClauses(catalog, base, lang, options.agreement, options.variants);
  // English is written as the governing law writes it (US spelling, "this clause"): the clauses are rewritten (text, titles, terms) before they render.
  const selection = lang === "en" ? { ...found, selected: found.selected.map((s) => ({ ...s, clause: catalog.localEnglish(s.clause, jurisdiction) })) } : found;
  const dateStyle: DateStyle = options.dateStyle ?? (lang === "en" ? jurisdiction.dateStyle : "en-GB");
  // What the agreement is made of is known only after selection; the order-of-precedence clause reads it.
  const context: TemplateContext = {
    ...base,
    document: {
      lang,
      langs,
      bilingual,
      cover: selection.selected.some((s) => s.clause.placement === "cover"),
      schedules: selection.selected.filter((s) => s.clause.placement === "schedule").map((s) => ({ id: s.clause.id, title: s.clause.titles[lang] ?? s.clause.id })),
      dataProtection: selection.selected
        .filter((s) => s.clause.category === "data-protection" && (s.clause.placement === "body" || s.clause.placement === "schedule"))
        .map((s) => ({ id: s.clause.id, title: s.clause.titles[lang] ?? s.clause.id })),
      included: Object.fromEntries(selection.selected.map((s) => [s.clause.id, true as const])),
    },
  };
  const problems: Problem[] = [...selection.problems];
  // The numbering option wins, then the layout's house style, then the governing law's (English "Section 9" or "clause 9").
  const profile = resolveNumbering(catalog, options.numbering ?? selection.layout.numbering?.[lang] ?? (lang === "en" ? jurisdiction.numbering : undefined), lang, problems);

  const rendered: Rendered[] = [];
  // One work counter for every template of the document, so the budget bounds the whole draft.
  const helperState = { currency: deal.fees.currency, dateStyle, jurisdictions: catalog.jurisdictions.profiles, work: newTemplateWork() } as const;
  for (const { clause, variant } of selection.selected) {
    const template = clause.compiled.get(variant)?.get(lang);
    if (!template) continue;
    const table = new TokenTable();
    const printed: PrintedValue[] = [];
    try {
      const text = template.render(context, { lang, clause: clause.id, file: template.file, table, ...helperState, printed });
      const parsed = parseMarkup(text, table);
      if (clause.placement !== "body" && clause.placement !== "schedule" && parsed.subclauses.length > 0) {
        problems.push({
          code: "ASSEMBLE_SUBCLAUSE_OUTSIDE_BODY",
          severity: "error",
          clause: clause.id,
          file: template.file,
          message: `Clause "${clause.id}" is placed in the ${clause.placement} and cannot have numbered sub-clauses`,
        });
      }
      rendered.push({
        id: clause.id,
        variant,
        pack: clause.pack,
        placement: clause.placement,
        title: clause.titles[lang] ?? clause.id,
        file: template.file,
        parsed,
        text,
        generate: clause.generate,
        printed,
      });
    } catch (err) {
      if (ClausewrightError.is(err)) {
        for (const p of err.problems) problems.push(p);
        // The budget is spent: every later template would fail the same way.
        if (err.problems.some((p) => p.code === "TEMPLATE_BUDGET_EXCEEDED")) break;
      } else if (err instanceof MarkupError) {
        problems.push({ code: "TEMPLATE_MARKUP", severity: "error", clause: clause.id, file: template.file, message: `Clause "${clause.id}": ${err.message} near "${err.excerpt}"` });
      } else throw err;
    }
  }
  const [spent] = problems.filter((p) => p.code === "TEMPLATE_BUDGET_EXCEEDED");
  // Nothing more can render once the budget is spent: report that alone, not a failure per term.
  if (spent) throw new ClausewrightError([spent]);

  const warnings: Problem[] = [];
  const definitions = defineTerms(
    catalog,
    selection.selected.map((s) => s.clause),
    rendered,
    lang,
    context,
    helperState,
    problems,
    warnings,
  );

  // One anchor per clause, schedule and sub-clause, and never one anchor for two of them: ids join
  // with "-", so sub-clause "implementation.plan" and schedule "implementation-plan" would meet on
  // "cw-implementation-plan". The later one gets a suffix, in document order (deterministic).
  const anchors = new Map<string, string>();
  const taken = new Set<string>();
  const anchorFor = (key: string, ...parts: string[]): string => {
    const known = anchors.get(key);
    if (known !== undefined) return known;
    const base = anchorOf(...parts);
    let a = base;
    for (let n = 2; taken.has(a); n++) a = `${base}-${n}`;
    taken.add(a);
    anchors.set(key, a);
    return a;
  };

  // Number first, so references can point forwards as well as backwards.
  const targets = new Map<string, RefTarget>();
  let clauseNo = 0;
  let scheduleNo = 0;
  const numbers = new Map<string, number>();
  for (const r of rendered) {
    if (r.placement === "schedule") {
      const n = ++scheduleNo;
      numbers.set(r.id, n);
      targets.set(r.id, { anchor: anchorFor(r.id, r.id), text: profile.scheduleRef(n, r.title) });
      r.parsed.subclauses.forEach((s, i) => {
        if (s.localId) targets.set(`${r.id}.${s.localId}`, { anchor: anchorFor(`${r.id}.${s.localId}`, r.id, s.localId), text: profile.scheduleItemRef(n, i + 1) });
      });
      continue;
    }
    if (r.placement !== "body") continue;
    clauseNo++;
    numbers.set(r.id, clauseNo);
    targets.set(r.id, { anchor: anchorFor(r.id, r.id), text: profile.clauseRef(clauseNo, r.title) });
    r.parsed.subclauses.forEach((s, i) => {
      if (!s.localId) return;
      const id = `${r.id}.${s.localId}`;
      if (targets.has(id)) {
        problems.push({ code: "ASSEMBLE_DUPLICATE_ID", severity: "error", clause: r.id, file: r.file, message: `Sub-clause id "${id}" is used twice` });
      }
      targets.set(id, { anchor: anchorFor(id, r.id, s.localId), text: profile.subclauseRef(clauseNo, i + 1, s.title ? plain(s.title) : undefined) });
    });
  }

  const omittedIds = new Set(selection.omitted.map((o) => o.id));
  const selectedIds = new Set(selection.selected.map((s) => s.clause.id));
  const resolveRuns = (runs: readonly PendingRun[], from: Rendered): Run[] => mergeRuns(resolveEach(runs, from));
  const resolveEach = (runs: readonly PendingRun[], from: Rendered): Run[] =>
    runs.map((run): Run => {
      if (run.type === "text") return run;
      if (run.type === "termUse") return { type: "text", text: run.term, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italic: true } : {}), term: run.term };
      const target = targets.get(run.id);
      const style = { ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italic: true } : {}) };
      if (target) return { type: "ref", target: target.anchor, text: target.text, ...style };
      const base = run.id.split(".")[0] ?? run.id;
      // A selected clause that failed to render has its own error already.
      if (selectedIds.has(base) && !rendered.some((x) => x.id === base)) return { type: "text", text: `[${run.id}]` };
      if (omittedIds.has(base) || catalog.disabled.has(base) || (catalog.clauses.has(base) && !selectedIds.has(base))) {
        problems.push({
          code: "ASSEMBLE_REF_TO_OMITTED",
          severity: "error",
          clause: from.id,
          file: from.file,
          line: run.line,
          message: `Clause "${from.id}" refers to "${run.id}", but this deal leaves clause "${base}" out`,
        });
      } else {
        problems.push({ code: "ASSEMBLE_UNKNOWN_REF", severity: "error", clause: from.id, file: from.file, line: run.line, message: `Clause "${from.id}" refers to unknown id "${run.id}"` });
      }
      return { type: "text", text: `[${run.id}]` };
    });

  const toBlocks = (blocks: readonly PendingBlock[], from: Rendered): Block[] =>
    blocks.flatMap((b): Block[] => {
      if (b.kind === "slot") {
        if (from.generate !== "definitions") {
          problems.push({
            code: "TEMPLATE_MARKUP",
            severity: "error",
            clause: from.id,
            file: from.file,
            message: `Clause "${from.id}" has a ::definitions line but is not declared with generate: definitions`,
          });
          return [];
        }
        return definitions.map((d) => ({ kind: "paragraph", role: "body", runs: resolveRuns(definitionRuns(d, lang), from) }));
      }
      return [toBlock(b, from)];
    });

  const toBlock = (b: Exclude<PendingBlock, { kind: "slot" }>, from: Rendered): Block => {
    if (b.kind === "paragraph") return { kind: "paragraph", role: "body", runs: resolveRuns(b.runs, from) };
    if (b.kind === "table") {
      const widths = columnWeights(b);
      return {
        kind: "table",
        columns: b.columns.map((c, i) => ({ header: resolveRuns(c.header, from), align: c.align, width: widths[i] ?? 1 })),
        rows: b.rows.map((r) => ({ cells: r.cells.map((c) => resolveRuns(c, from)), ...(r.emphasis ? { emphasis: true } : {}) })),
      };
    }
    return toList(b, from);
  };

  const toList = (list: PendingList, from: Rendered): List => ({
    kind: "list",
    style: list.style === "bullet" ? "bullet" : list.depth % 3 === 1 ? "roman" : "lettered",
    depth: list.depth,
    items: list.items.map((item, i) => ({
      label: profile.listLabel(list.depth, i + 1, list.style),
      runs: resolveRuns(item.runs, from),
      ...(item.children ? { children: toList(item.children, from) } : {}),
    })),
  });

  const labels = documentLabels(lang);
  const front: Block[] = [
    { kind: "paragraph", role: "title", runs: [{ type: "text", text: localize(deal.agreement.title, lang) }] },
    { kind: "paragraph", role: "subtitle", runs: [{ type: "text", text: labels.reference(deal.agreement.reference) }] },
  ];
  const cover = rendered.filter((r) => r.placement === "cover");
  for (const r of cover) {
    front.push({ kind: "paragraph", role: "center", runs: [{ type: "text", text: r.title, bold: true }] }, ...toBlocks(r.parsed.blocks, r));
  }
  if (cover.length > 0) front.push({ kind: "pageBreak" });
  const contentsAt = front.length;
  if (cover.length > 0) front.push({ kind: "paragraph", role: "center", runs: [{ type: "text", text: labels.standardTermsHeading, bold: true }] });
  const clauses: Clause[] = [];
  const schedules: Clause[] = [];
  let intro: Run[] = [];
  let firstFront = true;
  for (const r of rendered) {
    if (r.placement === "cover") continue;
    if (r.placement === "schedule") {
      const n = numbers.get(r.id) ?? 0;
      schedules.push({
        id: r.id,
        ...(r.variant !== "default" ? { variant: r.variant } : {}),
        anchor: anchorFor(r.id, r.id),
        number: String(n),
        label: profile.scheduleLabel(n),
        title: r.title,
        blocks: toBlocks(r.parsed.blocks, r),
        subclauses: r.parsed.subclauses.map((s, i) => ({
          ...(s.localId ? { id: `${r.id}.${s.localId}` } : {}),
          anchor: anchorFor(`${r.id}.${s.localId ?? `#${i + 1}`}`, r.id, s.localId ?? String(i + 1)),
          number: `${i + 1}.`,
          ...(s.title ? { title: plain(s.title) } : {}),
          blocks: toBlocks(s.blocks, r),
        })),
      });
      continue;
    }
    if (r.placement === "front") {
      if (!firstFront) front.push({ kind: "paragraph", role: "body", runs: [{ type: "text", text: r.title, bold: true }] });
      firstFront = false;
      for (const b of toBlocks(r.parsed.blocks, r)) front.push(b);
    } else if (r.placement === "signatures") {
      intro = r.parsed.blocks.flatMap((b) => (b.kind === "paragraph" ? resolveRuns(b.runs, r) : []));
    } else {
      const n = numbers.get(r.id) ?? 0;
      const subclauses: SubClause[] = r.parsed.subclauses.map((s, i) => ({
        ...(s.localId ? { id: `${r.id}.${s.localId}` } : {}),
        anchor: anchorFor(`${r.id}.${s.localId ?? `#${i + 1}`}`, r.id, s.localId ?? String(i + 1)),
        number: profile.subclauseNumber(n, i + 1),
        ...(s.title ? { title: plain(s.title) } : {}),
        blocks: toBlocks(s.blocks, r),
      }));
      clauses.push({
        id: r.id,
        ...(r.variant !== "default" ? { variant: r.variant } : {}),
        anchor: anchorFor(r.id, r.id),
        number: String(n),
        label: profile.clauseLabel(n),
        title: r.title,
        blocks: toBlocks(r.parsed.blocks, r),
        subclauses,
      });
    }
  }

  const errors = problems.filter((p) => p.severity === "error");
  const [first, ...rest] = errors;
  if (first) throw new ClausewrightError([first, ...rest]);

  front.splice(
    contentsAt,
    0,
    {
      kind: "contents",
      heading: labels.contentsHeading,
      entries: [...clauses, ...schedules].map((c) => ({ label: c.label, title: c.title, anchor: c.anchor })),
    },
    { kind: "pageBreak" },
  );

  // A bilingual page is sealed as its Chinese side says (甲方（盖章）), so every language's party line says so.
  const roles = bilingual ? labels.sealedRoles : labels.roles;
  const signatures: SignaturePage = {
    heading: labels.signatureHeading,
    intro,
    ...(labels.noFurtherText ? { noFurtherText: labels.noFurtherText } : {}),
    ...(labels.labelSeparator !== ": " ? { labelSeparator: labels.labelSeparator } : {}),
    parties: [
      { role: roles.customer, party: deal.customer },
      { role: roles.provider, party: deal.provider },
    ].map(({ role, party }) => ({
      role,
      name: localize(party.legalName, lang),
      lines: labels.signatureLines(party.signatory),
      ...(labels.roleWithName ? { roleWithName: true } : {}),
    })),
  };

  const model: DocumentModel = {
    meta: {
      lang,
      title: localize(deal.agreement.title, lang),
      subject: labels.subject(localize(deal.services.name, lang), localize(deal.customer.legalName, lang), localize(deal.provider.legalName, lang)),
      reference: deal.agreement.reference,
      parties: [localize(deal.customer.legalName, lang), localize(deal.provider.legalName, lang)],
      createdAt: isoTimestamp(deal.agreement.effectiveDate),
      producer: `clausewright ${VERSION}`,
      ...(jurisdiction.paper === "letter" ? { paper: "letter" as const } : {}),
    },
    front,
    clauses,
    signatures,
    schedules,
  };
  const details: AssemblyDetails = {
    agreement: selection.layout.id,
    lang,
    clauses: rendered.map((r) => ({
      id: r.id,
      variant: r.variant,
      pack: r.pack,
      number: r.placement === "body" ? String(numbers.get(r.id) ?? "") : r.placement === "schedule" ? profile.scheduleLabel(numbers.get(r.id) ?? 0) : "",
      title: r.title,
      printed: r.printed,
    })),
    omitted: selection.omitted,
    dateStyle: lang === "zh" ? "zh" : dateStyle,
  };
  return { model, details, warnings };
}

/**
 * Joins neighbouring text runs of the same style (a defined-term use splits
 * the text into runs): renderers lay out, justify and encode fewer, longer runs.
 */
function mergeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    // A defined term stays a run of its own, so HTML can mark it up.
    if (last && last.type === "text" && run.type === "text" && last.bold === run.bold && last.italic === run.italic && last.term === undefined && run.term === undefined) {
      out[out.length - 1] = { ...last, text: last.text + run.text };
    } else out.push(run);
  }
  return out;
}

/** Relative column widths from the longest text in each column, so a label column stays narrow and prose gets room. */
function columnWeights(t: Extract<PendingBlock, { kind: "table" }>): number[] {
  const length = (runs: readonly PendingRun[]): number => runs.reduce((n, r) => n + (r.type === "text" ? r.text.length : r.type === "termUse" ? r.term.length : 24), 0);
  // A heading word is never split across lines ("Quanti/ty"): bold text and cell padding need a few more characters' room.
  // Loops, not Math.max(...list): a table of 130,000 rows would overflow the stack as arguments.
  const longestWord = (runs: readonly PendingRun[]): number => runs.reduce((m, r) => (r.type === "text" ? r.text.split(/\s+/).reduce((w, word) => Math.max(w, word.length), m) : m), 0);
  return t.columns.map((c, i) => {
    const longest = t.rows.reduce((m, r) => Math.max(m, length(r.cells[i] ?? [])), length(c.header));
    return Math.max(Math.min(Math.max(longest, 10), 36), longestWord(c.header) + 5);
  });
}

/** "Term" means … — the term bold and quoted where it is defined. */
function definitionRuns(d: RenderedDefinition, lang: Lang): PendingRun[] {
  const quoted = lang === "zh" ? `“${d.term.text}”` : `"${d.term.text}"`;
  return [{ type: "text", text: quoted, bold: true, term: d.term.text, definition: true }, { type: "text", text: lang === "zh" ? "" : " " }, ...d.runs];
}

/**
 * Builds the defined-terms registry of this agreement, checks every use, and
 * renders the definitions of the terms actually used (a definition may use
 * further terms), sorted by the English term so every language aligns.
 */
function defineTerms(
  catalog: Catalog,
  selected: readonly CatalogClause[],
  rendered: readonly Rendered[],
  lang: Lang,
  context: object,
  helperState: Omit<RenderState, "table" | "clause" | "file" | "lang">,
  problems: Problem[],
  warnings: Problem[],
): RenderedDefinition[] {
  const registry = buildRegistry(selected, lang, problems);
  const used = new Set<string>();
  const queue: string[] = [];
  const use = (term: string, clauseId: string, file: string, source: string | undefined): void => {
    if (used.has(term)) return;
    if (!registry.has(term)) {
      const definer = [...catalog.clauses.values()].find((c) => c.terms.some((t) => t.term[lang] === term));
      const line = source ? lineOfTerm(source, term) : undefined;
      problems.push({
        code: definer ? "ASSEMBLE_TERM_FROM_OMITTED" : "ASSEMBLE_UNDEFINED_TERM",
        severity: "error",
        clause: clauseId,
        file,
        ...(line ? { line } : {}),
        message: definer
          ? `Clause "${clauseId}" uses the term "${term}", which clause "${definer.id}" defines, but this deal leaves "${definer.id}" out`
          : `Clause "${clauseId}" uses the term "${term}", which no clause of this agreement defines`,
      });
      return;
    }
    used.add(term);
    queue.push(term);
  };
  for (const r of rendered) {
    const source = catalog.clauses.get(r.id)?.compiled.get(r.variant)?.get(lang)?.source;
    const all = [...runsOf(r.parsed.blocks), ...r.parsed.subclauses.flatMap((s) => [...(s.title ?? []), ...runsOf(s.blocks)])];
    for (const run of all) if (run.type === "termUse") use(run.term, r.id, r.file, source);
  }
  const done: RenderedDefinition[] = [];
  while (queue.length > 0) {
    const term = registry.get(queue.shift() ?? "");
    if (!term || term.def.inline) continue;
    const d = renderDefinition(term, lang, context, helperState, problems);
    if (!d) continue;
    done.push(d);
    for (const run of d.runs) if (run.type === "termUse") use(run.term, term.clause.id, term.def.definitions.get(lang)?.file ?? term.clause.file, term.def.definitions.get(lang)?.source);
  }
  for (const t of registry.values()) {
    if (!used.has(t.text)) {
      warnings.push({ code: "TERM_UNUSED", severity: "warning", clause: t.clause.id, file: t.clause.file, message: `Term "${t.text}" is defined by clause "${t.clause.id}" but never used` });
    }
  }
  if (lang === "en") {
    const texts = [...registry.keys()];
    const seen = new Set<string>();
    const scan = (text: string, clauseId: string, file: string): void => {
      for (const t of unmarkedTerms(text, texts)) {
        if (seen.has(`${clauseId}\u0000${t}`)) continue;
        seen.add(`${clauseId}\u0000${t}`);
        warnings.push({ code: "TERM_UNMARKED", severity: "warning", clause: clauseId, file, message: `Clause "${clauseId}" writes "${t}" without marking it as the defined term ([[${t}]])` });
      }
    };
    for (const r of rendered) scan(r.text, r.id, r.file);
    for (const d of done) scan(d.text, d.term.clause.id, d.term.clause.file);
  }
  return done.sort((a, b) => (a.term.sortKey < b.term.sortKey ? -1 : a.term.sortKey > b.term.sortKey ? 1 : 0));
}

function plain(runs: readonly PendingRun[]): string {
  return runs.map((r) => (r.type === "text" ? r.text : r.type === "termUse" ? r.term : r.id)).join("");
}

const BUILTIN_STYLES: readonly string[] = ["en", "zh-article-decimal", "zh-gbt9704"] satisfies readonly NumberingStyle[];

/** A built-in numbering style or a pack's profile; an unknown id is a problem (and English numbering stands in). */
function resolveNumbering(catalog: Catalog, id: string | undefined, lang: Lang, problems: Problem[]): NumberingProfile {
  const wanted = id ?? (lang === "zh" ? "zh-article-decimal" : "en");
  const fromPack = catalog.numbering.get(wanted);
  if (fromPack) return fromPack;
  if (BUILTIN_STYLES.includes(wanted)) return numberingProfile(wanted as NumberingStyle);
  const known = [...BUILTIN_STYLES, ...catalog.numbering.keys()].join(", ");
  problems.push({ code: "ASSEMBLE_UNKNOWN_NUMBERING", severity: "error", message: `Unknown numbering profile "${wanted}" (known: ${known})` });
  return numberingProfile("en");
}
