import type { Problem } from "../errors/problem.js";
import type { ClauseReplacement } from "./merge.js";
import { positionAt } from "./positions.js";
import type { Pack } from "./types.js";

/** A built-in or earlier pack's rule that a later pack's rule replaced (same id). */
export interface RuleReplacement {
  readonly id: string;
  readonly pack: Pack;
  readonly replaces: string;
  /** The replaced rule is a safety rule (see `Rule.safety`). */
  readonly safety: boolean;
}

/**
 * A clause or rule a pack replaced, as recorded in the catalogue and every assembly record:
 * declared in the pack's `overrides:`, and for a safety rule, allowed by the caller.
 */
export interface CatalogOverride {
  /** The pack that replaced it. */
  readonly pack: string;
  readonly kind: "clause" | "rule";
  readonly id: string;
  /** The pack whose clause or rule was replaced ("crm" for the built-in pack). */
  readonly replaces: string;
  /** Present for a safety rule the caller let the pack replace (`allowRuleOverride`). */
  readonly allowed?: true;
}

/**
 * Holds replacements to the rules: a pack that replaces an earlier clause or rule must declare it
 * under `overrides:` (PACK_UNDECLARED_OVERRIDE otherwise); a safety rule may be replaced only when
 * the caller names it in `allowRuleOverride` (PACK_SAFETY_RULE_OVERRIDE otherwise). Each
 * replacement that stands is a PACK_OVERRIDE warning, so `pack check` lists it and `draft` prints
 * it, and a declaration that replaces nothing is PACK_OVERRIDE_UNUSED. Problems go to `problems`.
 */
export function checkOverrides(
  packs: readonly Pack[],
  clauses: readonly ClauseReplacement[],
  rules: readonly RuleReplacement[],
  allowRuleOverride: ReadonlySet<string>,
  problems: Problem[],
): CatalogOverride[] {
  const out: CatalogOverride[] = [];
  const used = new Map<Pack, Set<string>>();
  const declared = (pack: Pack, id: string): boolean => {
    if (!(pack.declaredOverrides ?? []).includes(id)) return false;
    const set = used.get(pack) ?? new Set<string>();
    set.add(id);
    used.set(pack, set);
    return true;
  };
  const manifest = (pack: Pack): string => pack.manifestFile ?? "pack.yaml";
  for (const r of clauses) {
    const what = r.how === "clause" ? `defines clause "${r.id}"` : `rewrites the wording of clause "${r.id}"`;
    if (!declared(r.pack, r.id)) {
      problems.push({
        code: "PACK_UNDECLARED_OVERRIDE",
        severity: "error",
        ...(r.file ? { file: r.file } : {}),
        ...(r.at ?? {}),
        clause: r.id,
        message: `Pack "${r.pack.name}" ${what}, which replaces pack "${r.replaces}"'s clause, without declaring it`,
        hint: `If the replacement is intended, add "${r.id}" to overrides: in ${manifest(r.pack)}; otherwise give the clause a new id.`,
      });
      continue;
    }
    if (out.some((o) => o.kind === "clause" && o.id === r.id && o.pack === r.pack.name)) continue;
    out.push({ pack: r.pack.name, kind: "clause", id: r.id, replaces: r.replaces });
    problems.push({
      code: "PACK_OVERRIDE",
      severity: "warning",
      file: manifest(r.pack),
      clause: r.id,
      message: `Pack "${r.pack.name}" replaces clause "${r.id}" of pack "${r.replaces}" (declared under overrides:)`,
    });
  }
  for (const r of rules) {
    const where = { file: `${r.pack.manifestFile ? r.pack.manifestFile.replace(/pack\.yaml$/, "") : ""}rules.yaml` };
    if (!declared(r.pack, r.id)) {
      problems.push({
        code: "PACK_UNDECLARED_OVERRIDE",
        severity: "error",
        ...where,
        message: `Pack "${r.pack.name}" defines rule "${r.id}", which replaces pack "${r.replaces}"'s rule, without declaring it`,
        hint: `If the replacement is intended, add "${r.id}" to overrides: in ${manifest(r.pack)}; otherwise give the rule a new id.`,
      });
      continue;
    }
    if (r.safety && !allowRuleOverride.has(r.id)) {
      problems.push({
        code: "PACK_SAFETY_RULE_OVERRIDE",
        severity: "error",
        ...where,
        message: `Pack "${r.pack.name}" replaces rule "${r.id}", a safety rule of pack "${r.replaces}": a pack cannot weaken or switch off a safety rule`,
        hint: `Only the person running the draft can allow this: --allow-rule-override ${r.id} (library: allowRuleOverride: ["${r.id}"]). It is then recorded in the assembly record.`,
      });
      continue;
    }
    out.push({ pack: r.pack.name, kind: "rule", id: r.id, replaces: r.replaces, ...(r.safety ? { allowed: true as const } : {}) });
    problems.push({
      code: "PACK_OVERRIDE",
      severity: "warning",
      file: manifest(r.pack),
      message: `Pack "${r.pack.name}" replaces ${r.safety ? "safety " : ""}rule "${r.id}" of pack "${r.replaces}" (declared under overrides:${r.safety ? `, allowed by --allow-rule-override ${r.id}` : ""})`,
    });
  }
  for (const pack of packs) {
    (pack.declaredOverrides ?? []).forEach((id, i) => {
      if (used.get(pack)?.has(id)) return;
      problems.push({
        code: "PACK_OVERRIDE_UNUSED",
        severity: "warning",
        file: manifest(pack),
        ...(positionAt(pack.positions, ["overrides", i]) ?? {}),
        message: `Pack "${pack.name}" declares an override of "${id}", but replaces no earlier clause or rule with that id`,
      });
    });
  }
  return out;
}
