import { z } from "zod";
import type { DealInput } from "../deal/schema.js";
import type { Problem } from "../errors/problem.js";
import type { Pack, PackFiles, SourcePositions } from "./types.js";
import { parseYamlFile } from "./yaml-file.js";

/** The file of a pack folder that holds its standard position. */
export const STANDARD_FILE = "standard.yaml";

/** Part of a deal sheet as a standard position writes it: any key may be left out; `null` removes the deal's value; a list is given whole. */
export type StandardPart<T> = T extends readonly unknown[] ? T : T extends object ? { readonly [K in keyof T]?: StandardPart<T[K]> | null } : T;

/**
 * A pack's standard position: the provider's house terms as a partial deal sheet
 * (`standard.yaml`, or `definePack({ standard })`). A redline against `standard` compares a deal
 * with the deal as it would be on these terms (see `standardDeal`). Pack fields go under
 * `extensions.<pack>` as in a deal sheet.
 */
export type StandardTerms = StandardPart<DealInput> & { readonly extensions?: Readonly<Record<string, unknown>> | null };

/** The standard position a catalogue uses: the last pack's that has one, and which pack that is. */
export interface CatalogStandard {
  readonly terms: StandardTerms;
  /** Name and version of the pack it comes from. */
  readonly pack: string;
  readonly version: string;
}

/** What `standard.yaml` adds to a pack: the terms, the file, and where each key is in it. */
export interface ParsedStandard {
  readonly standard: StandardTerms;
  readonly standardFile: string;
  readonly standardPositions: SourcePositions;
}

/**
 * Reads `standard.yaml` through the bounded YAML path every pack file takes (size and nesting
 * limits, aliases, keys given twice). Only its form is checked here — a mapping — since the deal
 * schema it must fit depends on the packs it is layered with; `pack check` checks the rest.
 */
export function parseStandard(files: PackFiles, problems: Problem[]): ParsedStandard | undefined {
  if (files[STANDARD_FILE] === undefined) return undefined;
  const at: { value?: SourcePositions } = {};
  const data: unknown = parseYamlFile(files, STANDARD_FILE, z.unknown(), problems, at);
  // Undefined: the file was refused, and parseYamlFile said why.
  if (data === undefined) return undefined;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    problems.push({
      code: "PACK_STANDARD_INVALID",
      severity: "error",
      file: STANDARD_FILE,
      line: 1,
      column: 1,
      message: `${STANDARD_FILE} must be a mapping of deal fields (the provider's standard terms), not ${data === null ? "empty" : Array.isArray(data) ? "a list" : `a ${typeof data}`}`,
    });
    return undefined;
  }
  return { standard: data as StandardTerms, standardFile: STANDARD_FILE, standardPositions: at.value ?? {} };
}

/** The standard position of a set of packs in catalogue order: the last pack that has one wins whole, as a later pack's overrides do. */
export function catalogStandard(packs: readonly Pack[]): CatalogStandard | undefined {
  for (let i = packs.length - 1; i >= 0; i--) {
    const pack = packs[i];
    if (pack?.standard) return { terms: pack.standard, pack: pack.name, version: pack.version };
  }
  return undefined;
}
