import { isAbsolute } from "node:path";
import type { PackFiles } from "../catalog/types.js";
import { builtinPack, builtinPackNames } from "../catalog/builtin.js";
import { createCatalog, type Catalog, type CatalogOptions } from "../catalog/catalog.js";
import { parsePack } from "../catalog/parse-pack.js";
import { STANDARD_FILE } from "../catalog/standard.js";
import { standardProblems, type StandardSample } from "../catalog/standard-check.js";
import { parseDeal } from "../deal/parse.js";
import { relocatePack } from "../catalog/relocate.js";
import type { Pack } from "../catalog/types.js";
import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { readPackFiles } from "./pack-dir.js";

/** What checking a pack folder found: every problem, and the catalogue when it could be built. */
export interface PackCheckResult {
  readonly problems: readonly Problem[];
  readonly pack?: Pack;
  readonly catalog?: Catalog;
}

/**
 * The packs a pack folder is checked (and tested) with: a pack named like a
 * built-in pack stands alone (it is that pack); any other is layered over the
 * built-in CRM pack, as `draft --pack` uses it. The built-in pack's folder
 * (clauses/crm) keeps its layouts apart, in templates/crm, and they are
 * bundled in; so a built-in-named pack without layouts of its own is checked
 * with the bundled ones — else every clause would be "not placed".
 */
export function packStack(pack: Pack): Pack[] {
  if (!builtinPackNames().includes(pack.name)) return [builtinPack("crm"), pack];
  return pack.agreements.length > 0 ? [pack] : [{ ...pack, agreements: builtinPack(pack.name).agreements }];
}

/**
 * Checks a pack folder and reports every problem at once: file safety,
 * YAML, metadata, templates, the catalogue checks with the packs it is
 * layered on, and its standard position (standard.yaml) on its own and laid
 * over each fixture. File names are prefixed with `dir`.
 */
export async function checkPackDir(dir: string, options: CatalogOptions = {}): Promise<PackCheckResult> {
  let files: PackFiles;
  try {
    files = await readPackFiles(dir);
  } catch (err) {
    if (ClausewrightError.is(err)) return { problems: err.problems.map((p) => inPackDir(p, dir.replace(/\/+$/, ""))) };
    throw err;
  }
  const base = dir.replace(/\/+$/, "");
  const parsed = parsePack(files);
  const problems: Problem[] = parsed.problems.map((p) => (p.file ? { ...p, file: `${base}/${p.file}` } : p));
  if (!parsed.pack) return { problems };
  const pack = relocatePack(parsed.pack, base);
  try {
    const catalog = createCatalog(packStack(pack), options);
    return { problems: [...problems, ...catalog.warnings, ...standardProblems(pack, catalog, fixtureDeals(files, base, catalog))], pack, catalog };
  } catch (err) {
    if (ClausewrightError.is(err)) return { problems: [...problems, ...err.problems], pack };
    throw err;
  }
}

/**
 * The pack's fixtures that are valid deal sheets, for checking its standard position against; the
 * others are left out here (`pack test` reports their problems) and only a pack with a standard
 * needs them.
 */
function fixtureDeals(files: PackFiles, base: string, catalog: Catalog): StandardSample[] {
  if (files[STANDARD_FILE] === undefined) return [];
  return Object.keys(files)
    .filter((f) => /^fixtures\/[^/]+\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => {
      const file = `${base}/${f}`;
      try {
        return [{ file, deal: parseDeal(files[f] ?? "", { file, catalog }) }];
      } catch (err) {
        if (ClausewrightError.is(err)) return [];
        throw err;
      }
    });
}

/** A problem of the pack reader (files named inside the pack) named from `base`, as every other pack problem is. */
export function inPackDir(p: Problem, base: string): Problem {
  return p.file !== undefined && !isAbsolute(p.file) && p.file !== base && !p.file.startsWith(`${base}/`) ? { ...p, file: `${base}/${p.file}` } : p;
}

/** One line per problem: `file:line:column CODE message`, warnings marked. */
export function formatPackProblem(p: Problem): string {
  let where = p.file ?? "(pack)";
  if (p.line !== undefined) where += `:${p.line}:${p.column ?? 1}`;
  return `${where} ${p.code}${p.severity === "error" ? "" : ` (${p.severity})`} ${p.message}`;
}
