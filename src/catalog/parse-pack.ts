import { z } from "zod";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import type { AgreementLayout, ClauseDef, ClauseVariant, Pack, PackFiles, SourcePosition, SourcePositions, TemplateSource, TermDef } from "./types.js";
import { parseYamlFile } from "./yaml-file.js";
import { safePackFiles } from "./pack-paths.js";
import { agreementExtensionShape, manifestExtensionShape, parsePackExtensions } from "./parse-extensions.js";
import { PACK_LIMITS } from "./pack-limits.js";
import { parsePackRules } from "./pack-rules.js";
import { positionAt, scalarTextStart } from "./positions.js";

const LANGS = ["en", "zh"] as const;
const idPattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const clauseId = z.string().regex(idPattern, { message: "Ids are lower-case words joined by '-' or '.'" });
const titles = z.strictObject({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() });
const condition = z.strictObject({
  path: z.string().min(1),
  equals: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  not: z.boolean().optional(),
});

const manifestSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+/, { message: "Version must be semver, e.g. 1.0.0" }),
  engine: z.string().min(1),
  languages: z.array(z.enum(LANGS)).min(1),
  agreements: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), title: titles, clauses: z.array(clauseId).min(1), ...agreementExtensionShape })).default([]),
  ...manifestExtensionShape,
});

/**
 * An agreement layout file (`agreements/<id>.yaml`): the document's parts in
 * order. The built-in layouts live in the top-level `templates/` folder.
 */
const layoutSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: titles,
  /** The cover page / order form. */
  cover: z.array(clauseId).default([]),
  /** Front matter, numbered clauses and the signature page, in order. */
  standardTerms: z.array(clauseId).min(1),
  /** Schedules after the signature page, numbered in this order. */
  schedules: z.array(clauseId).default([]),
  ...agreementExtensionShape,
});

const clauseSchema = z.strictObject({
  id: clauseId,
  category: z.string().regex(/^[a-z][a-z-]*$/),
  placement: z.enum(["cover", "front", "body", "signatures", "schedule"]).default("body"),
  title: titles,
  reads: z.array(z.string().min(1)).default([]),
  when: condition.optional(),
  requires: z.array(clauseId).default([]),
  excludes: z.array(clauseId).default([]),
  variants: z.array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), when: condition.optional() })).optional(),
  defines: z
    .array(
      z.strictObject({
        term: titles,
        definition: z.strictObject({ en: z.string().min(1).optional(), zh: z.string().min(1).optional() }).optional(),
        inline: z.boolean().default(false),
      }),
    )
    .default([]),
  generate: z.enum(["definitions"]).optional(),
  required: z.enum(["always", "bilingual"]).optional(),
});

/**
 * The size limits of {@link PACK_LIMITS} that a file map can break, checked before anything is
 * parsed, so a pack given in code is held to the same bounds as a folder.
 */
function packSizeProblems(files: PackFiles): Problem[] {
  const problems: Problem[] = [];
  const names = Object.keys(files);
  if (names.length > PACK_LIMITS.files) {
    problems.push({ code: "PACK_TOO_LARGE", severity: "error", message: `The pack has ${names.length} files; a pack may have at most ${PACK_LIMITS.files}` });
  }
  let total = 0;
  let clauseCount = 0;
  let tags = 0;
  for (const name of names) {
    const size = files[name]?.length ?? 0;
    tags += files[name]?.split("{{").length ?? 1;
    tags -= 1;
    total += size;
    if (size > PACK_LIMITS.fileBytes) {
      problems.push({ code: "PACK_FILE_TOO_LARGE", severity: "error", file: name, message: `${name} is ${size} characters; a pack file may be at most ${PACK_LIMITS.fileBytes}` });
    }
    if (/^clauses\/[^/]+\/clause\.yaml$/.test(name)) clauseCount++;
  }
  if (total > PACK_LIMITS.totalBytes) {
    problems.push({ code: "PACK_TOO_LARGE", severity: "error", message: `The pack's files come to ${total} characters; a pack may have at most ${PACK_LIMITS.totalBytes}` });
  }
  if (tags > PACK_LIMITS.templateTags) {
    problems.push({
      code: "PACK_TOO_LARGE",
      severity: "error",
      message: `The pack's templates have ${tags} {{…}} tags; a pack may have at most ${PACK_LIMITS.templateTags} (the built-in pack has about 3,600)`,
    });
  }
  if (clauseCount > PACK_LIMITS.clauses) {
    problems.push({ code: "PACK_TOO_LARGE", severity: "error", message: `The pack has ${clauseCount} clauses; a pack may have at most ${PACK_LIMITS.clauses}` });
  }
  return problems;
}

/** Result of reading a pack: the pack when it could be built, and every problem found. */
export interface ParsedPack {
  readonly pack?: Pack;
  readonly problems: readonly Problem[];
}

/**
 * Reads a pack from its files (relative path → text). Pure: the Node layer
 * reads folders, and the built-in pack arrives as a bundled file map.
 */
export function parsePack(input: PackFiles): ParsedPack {
  const problems: Problem[] = [];
  const files = safePackFiles(input, problems);
  const oversized = packSizeProblems(files);
  if (oversized.length > 0) return { problems: [...problems, ...oversized] };
  const manifestAt: { value?: SourcePositions } = {};
  const manifest = parseYamlFile(files, "pack.yaml", manifestSchema, problems, manifestAt);
  const clauseFiles = Object.keys(files)
    .filter((f) => /^clauses\/[^/]+\/clause\.yaml$/.test(f))
    .sort();
  const clauses: ClauseDef[] = [];
  for (const file of clauseFiles) {
    const at: { value?: SourcePositions } = {};
    const meta = parseYamlFile(files, file, clauseSchema, problems, at);
    const startOf = (path: readonly (string | number)[]): SourcePosition | undefined => {
      const node = positionAt(at.value, path);
      return node ? scalarTextStart(files[file] ?? "", node) : undefined;
    };
    if (!meta) continue;
    const idAt = at.value?.["id"];
    const dir = file.slice(0, -"clause.yaml".length);
    const folder = dir.slice("clauses/".length, -1);
    if (folder !== meta.id) {
      problems.push({ code: "PACK_ID_FOLDER_MISMATCH", severity: "error", file, ...(idAt ?? { line: 1, column: 1 }), message: `Clause id "${meta.id}" must match its folder name "${folder}"` });
    }
    const variantSpecs = meta.variants ?? [{ id: "default" }];
    const variants: ClauseVariant[] = variantSpecs.map((v) => {
      const templates: Partial<Record<Lang, TemplateSource>> = {};
      for (const lang of LANGS) {
        const name = v.id === "default" && !meta.variants ? `${lang}.hbs` : `${v.id}.${lang}.hbs`;
        const path = dir + name;
        const text = files[path];
        if (text !== undefined) templates[lang] = { text, file: path };
        else if (manifest?.languages.includes(lang)) {
          problems.push({
            code: "PACK_MISSING_LANGUAGE",
            severity: "error",
            file,
            ...((meta.variants ? at.value?.[`variants.${meta.variants.indexOf(v)}.id`] : idAt) ?? {}),
            clause: meta.id,
            message: `Clause "${meta.id}"${meta.variants ? ` variant "${v.id}"` : ""} has no ${lang} template (expected ${path})`,
          });
        }
      }
      return { id: v.id, ...(v.when ? { when: v.when } : {}), templates };
    });
    for (const lang of manifest?.languages ?? []) {
      if (!meta.title[lang]) {
        problems.push({ code: "PACK_MISSING_TITLE", severity: "error", file, ...(at.value?.["title"] ?? {}), clause: meta.id, message: `Clause "${meta.id}" has no ${lang} title` });
      }
    }
    const defines: TermDef[] = meta.defines.map((d, i) => {
      const definition: Partial<Record<Lang, TemplateSource>> = {};
      for (const lang of LANGS) {
        const text = d.definition?.[lang];
        const start = startOf(["defines", i, "definition", lang]);
        if (text !== undefined) definition[lang] = { text, file: `${file}#defines[${i}].definition.${lang}`, ...(start ? { line: start.line, column: start.column } : {}) };
        else if (!d.inline && manifest?.languages.includes(lang)) {
          problems.push({
            code: "PACK_MISSING_LANGUAGE",
            severity: "error",
            file,
            clause: meta.id,
            path: ["defines", i, "definition", lang],
            message: `Term ${JSON.stringify(d.term.en ?? d.term.zh)} of clause "${meta.id}" has no ${lang} definition`,
          });
        }
        if (!d.term[lang] && manifest?.languages.includes(lang)) {
          problems.push({ code: "PACK_MISSING_LANGUAGE", severity: "error", file, clause: meta.id, path: ["defines", i, "term", lang], message: `A term of clause "${meta.id}" has no ${lang} form` });
        }
      }
      return { term: d.term, definition, inline: d.inline };
    });
    clauses.push({
      id: meta.id,
      defines,
      ...(meta.generate ? { generate: meta.generate } : {}),
      ...(meta.required ? { required: meta.required } : {}),
      category: meta.category,
      placement: meta.placement,
      titles: meta.title,
      reads: meta.reads,
      ...(meta.when ? { when: meta.when } : {}),
      requires: meta.requires,
      excludes: meta.excludes,
      variants,
      file,
      ...(at.value ? { positions: at.value } : {}),
    });
  }
  // Declarative checks (rules.yaml), see src/catalog/pack-rules.ts.
  const rules = parsePackRules(files, manifest?.name ?? "pack", problems);
  if (!manifest) return { problems };
  const agreements: AgreementLayout[] = manifest.agreements.map((a) => ({ id: a.id, titles: a.title, clauses: a.clauses, ...(a.numbering ? { numbering: a.numbering } : {}) }));
  for (const file of Object.keys(files)
    .filter((f) => /^agreements\/[^/]+\.ya?ml$/.test(f))
    .sort()) {
    const layout = parseYamlFile(files, file, layoutSchema, problems);
    if (!layout) continue;
    if (agreements.some((a) => a.id === layout.id)) {
      problems.push({ code: "PACK_DUPLICATE_AGREEMENT", severity: "error", file, message: `Agreement "${layout.id}" is defined twice in this pack` });
      continue;
    }
    agreements.push({
      id: layout.id,
      titles: layout.title,
      clauses: [...layout.cover, ...layout.standardTerms, ...layout.schedules],
      parts: { cover: layout.cover, standardTerms: layout.standardTerms, schedules: layout.schedules },
      file,
      ...(layout.numbering ? { numbering: layout.numbering } : {}),
    });
  }
  const extensions = parsePackExtensions(files, manifest, manifestAt.value ?? {}, problems);
  const termCount = (extensions.terms?.length ?? 0) + clauses.reduce((n, c) => n + c.defines.length, 0);
  if (termCount > PACK_LIMITS.terms) {
    problems.push({ code: "PACK_TOO_LARGE", severity: "error", file: "pack.yaml", message: `Pack "${manifest.name}" defines ${termCount} terms; a pack may define at most ${PACK_LIMITS.terms}` });
    return { problems };
  }
  return {
    pack: { name: manifest.name, version: manifest.version, engine: manifest.engine, languages: manifest.languages, clauses, agreements, ...extensions, ...(rules ? { rules } : {}) },
    problems,
  };
}
