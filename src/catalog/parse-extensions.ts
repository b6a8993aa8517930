import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { fieldsSchema } from "./fields.js";
import { parseGlossary } from "./glossary.js";
import { parseJurisdictions } from "./jurisdictions.js";
import { scalarTextStart } from "./positions.js";
import { parseStandard } from "./standard.js";
import { parseYamlFile } from "./yaml-file.js";
import type { ClauseOverride, ClausePlacement, FieldSpec, NumberingProfileSpec, PackExtensions, PackFiles, PackTerm, SourcePositions, TemplateSource, Titles } from "./types.js";

/**
 * The parts of a pack beyond clauses and agreements: overrides of earlier
 * packs' wording, disabled clauses, extra defined terms, the glossary,
 * numbering profiles, deal fields and the standard position. Kept apart from parse-pack.ts, which only wires them in.
 */

const LANGS = ["en", "zh"] as const;
const clauseId = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, { message: "Ids are lower-case words joined by '-' or '.'" });
const titles = z.strictObject({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() });

const termSpec = z.strictObject({
  clause: clauseId.optional(),
  term: titles,
  definition: titles,
});
const termsSchema = z.array(termSpec);

const numberingSpec = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  clause: z.string().min(1),
  subclause: z.string().min(1),
  list: z.array(z.string().min(1)).min(1),
  clauseRef: z.string().min(1),
  subclauseRef: z.string().min(1),
  bullet: z.string().min(1).default("•"),
  schedule: z.string().min(1).optional(),
  scheduleRef: z.string().min(1).optional(),
  scheduleItemRef: z.string().min(1).optional(),
});

/** `place:` in pack.yaml: insert a clause before or after an anchor clause of existing layouts. */
const placementSpec = z
  .strictObject({
    clause: clauseId,
    before: clauseId.optional(),
    after: clauseId.optional(),
    agreement: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional(),
  })
  .refine((p) => (p.before === undefined) !== (p.after === undefined), { message: "Give exactly one of before: or after: (the clause id to place it next to)" });

/** Keys pack.yaml may have for these features. */
export const manifestExtensionShape = {
  /** Ids of earlier clauses and rules this pack replaces: a replacement must be declared to be allowed. */
  overrides: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, { message: "An override names a clause id or a rule id" })).default([]),
  disable: z.array(clauseId).default([]),
  place: z.array(placementSpec).default([]),
  terms: termsSchema.optional(),
  numbering: z.array(numberingSpec).default([]),
  fields: fieldsSchema.optional(),
};

/** Keys an agreement of pack.yaml may have for these features. */
export const agreementExtensionShape = {
  numbering: z.strictObject({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() }).optional(),
};

const overrideSchema = z.strictObject({
  title: titles.optional(),
  reads: z.array(z.string().min(1)).default([]),
});

interface ManifestExtensions {
  readonly languages: readonly Lang[];
  readonly overrides: readonly string[];
  readonly disable: readonly string[];
  readonly place: readonly ClausePlacement[];
  readonly terms?: readonly z.output<typeof termSpec>[] | undefined;
  readonly numbering: readonly NumberingProfileSpec[];
  readonly fields?: Readonly<Record<string, FieldSpec>> | undefined;
}

/** A template file name in an override folder: `en.hbs` (no variants) or `<variant>.<lang>.hbs`. */
const OVERRIDE_TEMPLATE = /^(?:([a-z][a-z0-9-]*)\.)?(en|zh)\.hbs$/;

/** Reads what a pack adds besides clauses; problems carry file:line:column. */
export function parsePackExtensions(files: PackFiles, manifest: ManifestExtensions, manifestAt: SourcePositions, problems: Problem[]): PackExtensions {
  const overrides = parseOverrides(files, problems);

  let terms: readonly z.output<typeof termSpec>[] = manifest.terms ?? [];
  let termsFile = "pack.yaml";
  let termsAt: SourcePositions = manifestAt;
  let termsPrefix = "terms.";
  if (files["terms.yaml"] !== undefined) {
    if (manifest.terms)
      problems.push({ code: "PACK_DUPLICATE_SECTION", severity: "error", file: "pack.yaml", ...(manifestAt["terms"] ?? {}), message: "Terms are given both in pack.yaml and in terms.yaml; keep one" });
    const at: { value?: SourcePositions } = {};
    terms = parseYamlFile(files, "terms.yaml", termsSchema, problems, at) ?? [];
    termsFile = "terms.yaml";
    termsAt = at.value ?? {};
    termsPrefix = "";
  }
  const packTerms: PackTerm[] = terms.map((t, i) => {
    const definition: Partial<Record<Lang, TemplateSource>> = {};
    for (const lang of LANGS) {
      const text = t.definition[lang];
      const node = termsAt[`${termsPrefix}${i}.definition.${lang}`];
      const start = node ? scalarTextStart(files[termsFile] ?? "", node) : undefined;
      if (text !== undefined) definition[lang] = { text, file: `${termsFile}#${termsPrefix}${i}.definition.${lang}`, ...(start ? { line: start.line, column: start.column } : {}) };
      if (manifest.languages.includes(lang) && (text === undefined || !t.term[lang])) {
        problems.push({
          code: "PACK_MISSING_LANGUAGE",
          severity: "error",
          file: termsFile,
          ...(termsAt[`${termsPrefix}${i}`] ?? {}),
          message: `Term ${JSON.stringify(t.term.en ?? t.term.zh)} has no ${lang} ${text === undefined ? "definition" : "form"}`,
        });
      }
    }
    const termAt = termsAt[`${termsPrefix}${i}.term.zh`] ?? termsAt[`${termsPrefix}${i}.term`];
    return { term: t.term, definition, inline: false, file: termsFile, ...(t.clause ? { clause: t.clause } : {}), ...(termAt ? { termAt } : {}) };
  });

  let fields = manifest.fields;
  let fieldsFile = "pack.yaml";
  let fieldsPositions: SourcePositions = manifestAt;
  if (files["fields.yaml"] !== undefined) {
    if (manifest.fields)
      problems.push({
        code: "PACK_DUPLICATE_SECTION",
        severity: "error",
        file: "pack.yaml",
        ...(manifestAt["fields"] ?? {}),
        message: "Fields are given both in pack.yaml and in fields.yaml; keep one",
      });
    const at: { value?: SourcePositions } = {};
    fields = parseYamlFile(files, "fields.yaml", fieldsSchema, problems, at);
    fieldsFile = "fields.yaml";
    fieldsPositions = at.value ?? {};
  }

  const glossary = parseGlossary(files, problems);
  const jurisdictions = parseJurisdictions(files, problems);
  const standard = parseStandard(files, problems);

  return {
    manifestFile: "pack.yaml",
    positions: manifestAt,
    ...(overrides.length ? { overrides } : {}),
    ...(manifest.overrides.length ? { declaredOverrides: manifest.overrides } : {}),
    ...(manifest.disable.length ? { disable: manifest.disable } : {}),
    ...(manifest.place.length ? { place: manifest.place } : {}),
    ...(packTerms.length ? { terms: packTerms } : {}),
    ...(glossary ? { glossary } : {}),
    ...(jurisdictions ? { jurisdictions } : {}),
    ...(manifest.numbering.length ? { numbering: manifest.numbering } : {}),
    ...(fields && Object.keys(fields).length ? { fields, fieldsFile, fieldsPositions } : {}),
    ...(standard ?? {}),
  };
}

/** Reads `overrides/<clause id>/`: an optional override.yaml and templates per variant and language. */
function parseOverrides(files: PackFiles, problems: Problem[]): ClauseOverride[] {
  const byId = new Map<string, string[]>();
  for (const f of Object.keys(files).sort()) {
    const m = /^overrides\/([^/]+)\/([^/]+)$/.exec(f);
    if (!m) {
      if (f.startsWith("overrides/")) problems.push({ code: "PACK_UNEXPECTED_FILE", severity: "warning", file: f, message: `${f} is not used: overrides are overrides/<clause id>/<file>` });
      continue;
    }
    const [, id = "", name = ""] = m;
    (byId.get(id) ?? byId.set(id, []).get(id))?.push(name);
  }
  const out: ClauseOverride[] = [];
  for (const [id, names] of byId) {
    const dir = `overrides/${id}/`;
    let meta: z.output<typeof overrideSchema> = { reads: [] };
    let positions: SourcePositions | undefined;
    if (names.includes("override.yaml")) {
      const at: { value?: SourcePositions } = {};
      meta = parseYamlFile(files, `${dir}override.yaml`, overrideSchema, problems, at) ?? meta;
      positions = at.value;
    }
    const variants: Record<string, Partial<Record<Lang, TemplateSource>>> = {};
    for (const name of names) {
      if (name === "override.yaml") continue;
      const t = OVERRIDE_TEMPLATE.exec(name);
      const text = files[dir + name];
      if (!t || text === undefined) {
        problems.push({ code: "PACK_UNEXPECTED_FILE", severity: "warning", file: dir + name, message: `${dir}${name} is not used: override templates are <lang>.hbs or <variant>.<lang>.hbs` });
        continue;
      }
      const variant = t[1] ?? "default";
      const lang = t[2] as Lang;
      const perLang = variants[variant] ?? {};
      perLang[lang] = { text, file: dir + name };
      variants[variant] = perLang;
    }
    const titlesOf: Titles | undefined = meta.title;
    out.push({
      id,
      reads: meta.reads,
      variants,
      file: names.includes("override.yaml") ? `${dir}override.yaml` : dir,
      ...(titlesOf ? { titles: titlesOf } : {}),
      ...(positions ? { positions } : {}),
    });
  }
  return out;
}
