import { ClausewrightError } from "../errors/error.js";
import { BUILTIN_PACK_JSON } from "./builtin/parsed.generated.js";
import { PRECOMPILED } from "./builtin/templates.generated.js";
import { registerPrecompiled } from "../template/precompiled.js";
import { createCatalog, createVerifiedCatalog, type Catalog } from "./catalog.js";
import type { Pack } from "./types.js";

/** Names of the packs that ship with the library. */
export function builtinPackNames(): string[] {
  return Object.keys(BUILTIN_PACK_JSON);
}

/**
 * A built-in pack as data ("crm"): parsed from its files when the library was built (by the same
 * `parsePack` a pack folder goes through), so no YAML is parsed at run time. A new object each call.
 */
export function builtinPack(name = "crm"): Pack {
  usePrecompiledTemplates();
  const json = BUILTIN_PACK_JSON[name];
  if (json === undefined) {
    throw new ClausewrightError([{ code: "PACK_UNKNOWN_BUILTIN", severity: "error", message: `No built-in pack "${name}" (have: ${builtinPackNames().join(", ")})` }]);
  }
  return JSON.parse(json) as Pack;
}

let registered = false;

/** Registers the built-in templates compiled at build time, once, before any catalogue uses the pack. */
function usePrecompiledTemplates(): void {
  if (registered) return;
  registered = true;
  registerPrecompiled(PRECOMPILED);
}

let defaultCatalogMemo: Catalog | undefined;

/**
 * The catalogue of the built-in CRM pack. Built once and reused: it is immutable. The pack was
 * checked when the library was built, so this catalogue skips the pack checks and compiles each
 * clause when a draft first uses it (see `createCatalog` for a fully checked one).
 */
export function defaultCatalog(): Catalog {
  defaultCatalogMemo ??= createVerifiedCatalog([builtinPack("crm")]);
  return defaultCatalogMemo;
}

/**
 * The catalogue a draft or check uses: the one given, else the built-in pack
 * with the given packs layered over it, else the memoised default.
 */
export function resolveCatalog(options: { readonly catalog?: Catalog | undefined; readonly packs?: readonly Pack[] | undefined; readonly allowRuleOverride?: readonly string[] | undefined }): Catalog {
  return options.catalog ?? (options.packs?.length ? createCatalog([builtinPack("crm"), ...options.packs], { allowRuleOverride: options.allowRuleOverride }) : defaultCatalog());
}
