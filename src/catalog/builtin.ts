import { ClausewrightError } from "../errors/error.js";
import { BUILTIN_PACK_FILES } from "./builtin/packs.generated.js";
import { createCatalog, type Catalog } from "./catalog.js";
import { parsePack } from "./parse-pack.js";
import type { Pack } from "./types.js";

/** Names of the packs that ship with the library. */
export function builtinPackNames(): string[] {
  return Object.keys(BUILTIN_PACK_FILES);
}

/** A built-in pack as data ("crm"). */
export function builtinPack(name = "crm"): Pack {
  const files = BUILTIN_PACK_FILES[name];
  if (!files) {
    throw new ClausewrightError([{ code: "PACK_UNKNOWN_BUILTIN", severity: "error", message: `No built-in pack "${name}" (have: ${builtinPackNames().join(", ")})` }]);
  }
  const { pack, problems } = parsePack(files);
  const errors = problems.filter((p) => p.severity === "error").map((p) => ({ ...p, ...(p.file ? { file: `clauses/${name}/${p.file}` } : {}) }));
  const [first, ...rest] = errors;
  if (first || !pack) throw new ClausewrightError(first ? [first, ...rest] : [{ code: "PACK_INVALID", severity: "error", message: `Built-in pack "${name}" is invalid` }]);
  return pack;
}

let defaultCatalogMemo: Catalog | undefined;

/**
 * The catalogue of the built-in CRM pack. Built once and reused: it is
 * immutable, and compiling every template per draft would dominate the cost.
 */
export function defaultCatalog(): Catalog {
  defaultCatalogMemo ??= createCatalog([builtinPack("crm")]);
  return defaultCatalogMemo;
}

/**
 * The catalogue a draft or check uses: the one given, else the built-in pack
 * with the given packs layered over it, else the memoised default.
 */
export function resolveCatalog(options: { readonly catalog?: Catalog | undefined; readonly packs?: readonly Pack[] | undefined }): Catalog {
  return options.catalog ?? (options.packs?.length ? createCatalog([builtinPack("crm"), ...options.packs]) : defaultCatalog());
}
