import { z } from "zod";
import type { Catalog } from "../catalog/catalog.js";
import type { Deal } from "../deal/schema.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { BILINGUAL_LAYOUTS, type BilingualLayout, type Lang } from "../model/types.js";
import { DRAFT_LANGS, type DraftLang, type DraftOptions } from "../options.js";
import { canonicalJson, sha256, type AssemblyRecord } from "../record/record.js";
import type { DateStyle } from "../text/dates.js";
import { VERSION } from "../version.js";

/** The parts of the assembly record a comparison reads; other fields are let through. */
const recordSchema = z
  .object({
    library: z.object({ name: z.literal("clausewright"), version: z.string() }).loose(),
    packs: z.array(z.object({ name: z.string(), version: z.string() }).loose()),
    agreement: z.string(),
    lang: z.enum(["en", "zh"]),
    clauses: z.array(z.object({ id: z.string(), variant: z.string(), number: z.string(), templateSha256: z.string() }).loose()),
    dealSha256: z.string(),
    options: z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())])),
    // A redline's: who its own tracked changes are by and when (see `RedlineRecord`).
    redline: z
      .object({ author: z.string().min(1), dates: z.array(z.string()).min(1), baseDealSha256: z.string() })
      .loose()
      .optional(),
  })
  .loose();

/** The record a returned file carries: what it was drafted from. */
export type FileRecord = z.infer<typeof recordSchema>;

const DATE_STYLES: readonly DateStyle[] = ["en-GB", "en-US", "zh"];

/** Reads the record a DOCX carries; anything but our record's shape is `COMPARE_NOT_OURS`. */
export function parseFileRecord(text: string, file: string): FileRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    throw new ClausewrightError([
      {
        code: "COMPARE_NOT_OURS",
        severity: "error",
        file,
        message: `${file} has a clausewright.record property, but it is not an assembly record this version can read`,
        hint: "Compare a DOCX that clausewright drafted (or an edited copy of one).",
      },
    ]);
  }
  return parsed.data;
}

/** The `COMPARE_NOT_OURS` error for a DOCX without our record. */
export function notOurs(file: string): ClausewrightError {
  return new ClausewrightError([
    {
      code: "COMPARE_NOT_OURS",
      severity: "error",
      file,
      message: `${file} is a Word document, but not one clausewright drafted: it has no assembly record (the clausewright.record document property)`,
      hint: "Compare the copy of our DOCX that came back. Saving it in Word or LibreOffice keeps the property; copying its text into a new document does not.",
    },
  ]);
}

/**
 * Checks that the deal and the catalogue can reproduce the file: the same packs (by name, in
 * order), an agreement layout the catalogue has, and the same deal (the record's hash of the
 * validated deal). Differences of versions only are warnings (`COMPARE_VERSION_CHANGED`): the
 * comparison still runs, but a difference may be ours.
 */
export function checkOrigin(record: FileRecord, catalog: Catalog, deal: Deal, file: string): Problem[] {
  const packNames = catalog.packs.map((p) => p.name);
  const recordNames = record.packs.map((p) => p.name);
  if (packNames.join("\n") !== recordNames.join("\n")) {
    throw new ClausewrightError([
      {
        code: "COMPARE_OTHER_AGREEMENT",
        severity: "error",
        file,
        message: `${file} was drafted with the pack(s) ${recordNames.join(", ") || "(none)"}, but the deal is drafted here with ${packNames.join(", ")}`,
        hint: "Pass the same --pack folders the file was drafted with.",
      },
    ]);
  }
  if (!catalog.agreements.has(record.agreement)) {
    throw new ClausewrightError([
      {
        code: "COMPARE_OTHER_AGREEMENT",
        severity: "error",
        file,
        message: `${file} was drafted with the agreement layout "${record.agreement}", which the catalogue here does not have (it has ${[...catalog.agreements.keys()].join(", ")})`,
        hint: "Pass the pack folders the file was drafted with.",
      },
    ]);
  }
  if (sha256(canonicalJson(deal)) !== record.dealSha256) {
    throw new ClausewrightError([
      {
        code: "COMPARE_OTHER_DEAL",
        severity: "error",
        file,
        message: `${file} was not drafted from this deal sheet (its record holds another deal's hash)`,
        hint: "Pass the deal sheet of the round this file was drafted from (--deal), unchanged.",
      },
    ]);
  }
  const changed: string[] = [];
  if (record.library.version !== VERSION) changed.push(`clausewright ${record.library.version} → ${VERSION}`);
  record.packs.forEach((p, i) => {
    const now = catalog.packs[i]?.version;
    if (now !== undefined && now !== p.version) changed.push(`pack ${p.name} ${p.version} → ${now}`);
  });
  if (changed.length === 0) return [];
  return [
    {
      code: "COMPARE_VERSION_CHANGED",
      severity: "warning",
      file,
      message: `${file} was drafted with other versions (${changed.join(", ")}): a difference may come from the new version, not from the other side`,
    },
  ];
}

/** The draft options the file was drafted with, from its record (a bilingual draft's layout and primary language among them). */
export function draftOptionsOf(record: FileRecord): Pick<DraftOptions, "lang" | "agreement" | "layout" | "primary" | "dateStyle" | "numbering"> & { readonly lang: DraftLang } {
  const o = record.options;
  const lang: DraftLang = typeof o["lang"] === "string" && (DRAFT_LANGS as readonly string[]).includes(o["lang"]) ? (o["lang"] as DraftLang) : record.lang;
  const layout = o["layout"];
  const langs = o["langs"];
  const primary = Array.isArray(langs) ? langs[0] : undefined;
  const dateStyle = o["dateStyle"];
  const numbering = o["numbering"];
  return {
    lang,
    agreement: record.agreement,
    ...(lang === "en+zh" && typeof layout === "string" && (BILINGUAL_LAYOUTS as readonly string[]).includes(layout) ? { layout: layout as BilingualLayout } : {}),
    ...(lang === "en+zh" && (primary === "en" || primary === "zh") ? { primary: primary as Lang } : {}),
    ...(typeof dateStyle === "string" && (DATE_STYLES as readonly string[]).includes(dateStyle) ? { dateStyle: dateStyle as DateStyle } : {}),
    ...(typeof numbering === "string" && numbering !== "" ? { numbering } : {}),
  };
}

/** Clause ids whose template differs from the one the file was drafted with (a newer pack), or that one of the two drafts lacks. */
export function changedTemplates(record: FileRecord, ours: AssemblyRecord): Set<string> {
  const before = new Map(record.clauses.map((c) => [c.id, `${c.variant}\n${c.templateSha256}`]));
  const now = new Map(ours.clauses.map((c) => [c.id, `${c.variant}\n${c.templateSha256}`]));
  const out = new Set<string>();
  for (const [id, v] of before) if (now.get(id) !== v) out.add(id);
  for (const id of now.keys()) if (!before.has(id)) out.add(id);
  return out;
}
