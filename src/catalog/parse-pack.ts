import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { issuesToProblems } from "../deal/parse.js";
import { locate } from "../deal/locate.js";
import type { Problem } from "../errors/problem.js";
import type { Lang } from "../model/types.js";
import { parsePackRules } from "./pack-rules.js";
import type { AgreementLayout, ClauseDef, ClauseVariant, Pack, PackFiles, TemplateSource, TermDef } from "./types.js";

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
  agreements: z
    .array(z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), title: titles, clauses: z.array(clauseId).min(1) }))
    .default([]),
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
});

/** Result of reading a pack: the pack when it could be built, and every problem found. */
export interface ParsedPack {
  readonly pack?: Pack;
  readonly problems: readonly Problem[];
}

/** Parses one YAML file of a pack against a schema; problems carry file:line:column. */
function parseYamlFile<T extends z.ZodType>(
  files: PackFiles,
  file: string,
  schema: T,
  problems: Problem[],
  /** Receives a function that finds the line of a path in the file, for later messages. */
  onLocate?: (at: (path: readonly (string | number)[]) => number | undefined) => void,
): z.output<T> | undefined {
  const text = files[file];
  if (text === undefined) {
    problems.push({ code: "PACK_MISSING_FILE", severity: "error", file, message: `Missing file ${file}` });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const lp = lines.linePos(e.pos[0]);
      const pos = { line: lp.line, col: lp.col };
      problems.push({
        code: "PACK_YAML_SYNTAX",
        severity: "error",
        file,
        ...(pos ? { line: pos.line, column: pos.col } : {}),
        message: `YAML syntax error: ${e.message.split("\n")[0] ?? e.message}`,
      });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS(), { reportInput: true });
  onLocate?.((path) => locate(doc, lines, path)?.line);
  if (result.success) return result.data;
  for (const p of issuesToProblems(result.error.issues)) {
    const pos = locate(doc, lines, p.path ?? []);
    problems.push({ ...p, code: p.code.replace(/^DEAL_/, "PACK_"), file, ...(pos ? { line: pos.line, column: pos.column } : {}) });
  }
  return undefined;
}

/**
 * Reads a pack from its files (relative path → text). Pure: the Node layer
 * reads folders, and the built-in pack arrives as a bundled file map.
 */
export function parsePack(files: PackFiles): ParsedPack {
  const problems: Problem[] = [];
  const manifest = parseYamlFile(files, "pack.yaml", manifestSchema, problems);
  const clauseFiles = Object.keys(files)
    .filter((f) => /^clauses\/[^/]+\/clause\.yaml$/.test(f))
    .sort();
  const clauses: ClauseDef[] = [];
  for (const file of clauseFiles) {
    let lineOf: (path: readonly (string | number)[]) => number | undefined = () => undefined;
    const meta = parseYamlFile(files, file, clauseSchema, problems, (at) => {
      lineOf = at;
    });
    if (!meta) continue;
    const dir = file.slice(0, -"clause.yaml".length);
    const folder = dir.slice("clauses/".length, -1);
    if (folder !== meta.id) {
      problems.push({ code: "PACK_ID_FOLDER_MISMATCH", severity: "error", file, line: 1, column: 1, message: `Clause id "${meta.id}" must match its folder name "${folder}"` });
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
            clause: meta.id,
            message: `Clause "${meta.id}"${meta.variants ? ` variant "${v.id}"` : ""} has no ${lang} template (expected ${path})`,
          });
        }
      }
      return { id: v.id, ...(v.when ? { when: v.when } : {}), templates };
    });
    for (const lang of manifest?.languages ?? []) {
      if (!meta.title[lang]) {
        problems.push({ code: "PACK_MISSING_TITLE", severity: "error", file, clause: meta.id, message: `Clause "${meta.id}" has no ${lang} title` });
      }
    }
    const defines: TermDef[] = meta.defines.map((d, i) => {
      const definition: Partial<Record<Lang, TemplateSource>> = {};
      for (const lang of LANGS) {
        const text = d.definition?.[lang];
        const line = lineOf(["defines", i, "definition", lang]);
        if (text !== undefined) definition[lang] = { text, file: `${file}#defines[${i}].definition.${lang}`, ...(line ? { line } : {}) };
        else if (!d.inline && manifest?.languages.includes(lang)) {
          problems.push({ code: "PACK_MISSING_LANGUAGE", severity: "error", file, clause: meta.id, path: ["defines", i, "definition", lang], message: `Term ${JSON.stringify(d.term.en ?? d.term.zh)} of clause "${meta.id}" has no ${lang} definition` });
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
      category: meta.category,
      placement: meta.placement,
      titles: meta.title,
      reads: meta.reads,
      ...(meta.when ? { when: meta.when } : {}),
      requires: meta.requires,
      excludes: meta.excludes,
      variants,
      file,
    });
  }
  // Declarative checks (rules.yaml), see src/catalog/pack-rules.ts.
  const rules = parsePackRules(files, manifest?.name ?? "pack", problems);
  if (!manifest) return { problems };
  const agreements: AgreementLayout[] = manifest.agreements.map((a) => ({ id: a.id, titles: a.title, clauses: a.clauses }));
  return {
    pack: { name: manifest.name, version: manifest.version, engine: manifest.engine, languages: manifest.languages, clauses, agreements, ...(rules ? { rules } : {}) },
    problems,
  };
}
