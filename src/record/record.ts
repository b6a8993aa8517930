import { createHash } from "node:crypto";
import type { AssemblyDetails } from "../assemble/build.js";
import { BoundedCache } from "../bounded-cache.js";
import type { Catalog } from "../catalog/catalog.js";
import type { CatalogOverride } from "../catalog/overrides.js";
import type { Deal } from "../deal/schema.js";
import type { Lang } from "../model/types.js";
import { VERSION } from "../version.js";

/** One clause in the record. */
export interface RecordClause {
  readonly id: string;
  readonly variant: string;
  readonly pack: string;
  /** Number in the document, "" for front matter and the signature lead-in. */
  readonly number: string;
  /** SHA-256 (hex) of the template text that produced the clause. */
  readonly templateSha256: string;
}

/**
 * What produced a document, so it can be reproduced or audited: the library
 * and pack versions, every clause with its variant and template hash, the hash
 * of the validated deal, and the options.
 */
export interface AssemblyRecord {
  readonly library: { readonly name: "clausewright"; readonly version: string };
  readonly packs: readonly { readonly name: string; readonly version: string }[];
  /**
   * Clauses and rules a pack replaced (declared under `overrides:`); a safety rule replaced
   * because the caller allowed it has `allowed: true`. Absent when no pack replaced anything.
   */
  readonly overrides?: readonly CatalogOverride[];
  readonly agreement: string;
  readonly lang: Lang;
  readonly clauses: readonly RecordClause[];
  readonly omitted: readonly { readonly id: string; readonly reason: string }[];
  /** SHA-256 (hex) of the validated deal in canonical JSON (sorted keys). */
  readonly dealSha256: string;
  readonly options: Readonly<Record<string, string | boolean | readonly string[]>>;
  /**
   * Present in a redline's record (the record is otherwise the new draft's): who its tracked
   * changes are by and the dates they carry, so `compareDocx` can tell ours, to be taken as
   * proposed, from those the other side added; and the hash of the base deal it was made against.
   */
  readonly redline?: RedlineRecord;
}

/** The `redline` entry of a redline's assembly record. */
export interface RedlineRecord {
  /** Author of the redline's tracked changes. */
  readonly author: string;
  /** Every date its tracked changes carry (the renderer alternates between two; see src/render/docx/blocks.ts). */
  readonly dates: readonly string[];
  /** SHA-256 (hex) of the validated base deal in canonical JSON, as `dealSha256`. */
  readonly baseDealSha256: string;
}

/** SHA-256 of a string, hex. */
export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Bytes of template text whose hashes are kept (the cache holds the text as its key): the
 * built-in pack's templates in every language and wording are some 2 MB. Counted in bytes, not
 * entries, so a few huge pack templates push older ones out instead of piling up.
 */
export const TEMPLATE_HASH_CACHE_BYTES = 16 * 1024 * 1024;

/** Bytes a template's entry counts for: its text (two bytes per UTF-16 unit), the hex hash and the entry. */
const entryBytes = (_hash: string, source: string): number => 2 * source.length + 2 * 64 + 64;

const templateHashes = new BoundedCache<string, string>({ maxBytes: TEMPLATE_HASH_CACHE_BYTES, sizeOf: entryBytes });

/** Bytes the template-hash cache holds now (tests check that it stays bounded). @internal */
export function templateHashCacheBytes(): number {
  return templateHashes.bytes;
}

/** A template's hash, computed once per template text: the same templates are hashed for every draft. */
function templateHash(source: string): string {
  let hash = templateHashes.get(source);
  if (hash === undefined) {
    hash = sha256(source);
    templateHashes.set(source, hash);
  }
  return hash;
}

/** JSON with object keys sorted, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Builds the assembly record for an assembled document. */
export function buildRecord(catalog: Catalog, deal: Deal, details: AssemblyDetails, options: Readonly<Record<string, string | boolean | readonly string[]>>): AssemblyRecord {
  return {
    library: { name: "clausewright", version: VERSION },
    packs: catalog.packs.map((p) => ({ name: p.name, version: p.version })),
    ...(catalog.overrides.length > 0 ? { overrides: catalog.overrides } : {}),
    agreement: details.agreement,
    lang: details.lang,
    clauses: details.clauses.map((c) => {
      const template = catalog.clauses.get(c.id)?.compiled.get(c.variant)?.get(details.lang);
      return { id: c.id, variant: c.variant, pack: c.pack, number: c.number, templateSha256: templateHash(template?.source ?? "") };
    }),
    omitted: details.omitted,
    dealSha256: sha256(canonicalJson(deal)),
    options,
  };
}
