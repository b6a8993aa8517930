import type { AgreementLayout, Placement } from "./types.js";

/** The parts of a layout that names them (an `agreements/<id>.yaml` file). */
export type LayoutParts = NonNullable<AgreementLayout["parts"]>;

/** A part of a layout. */
export type PartName = keyof LayoutParts;

/** Which clause placements each part holds, and its name in messages. */
export const PARTS: Readonly<Record<PartName, { readonly placements: readonly Placement[]; readonly name: string }>> = {
  cover: { placements: ["cover"], name: "the cover" },
  standardTerms: { placements: ["front", "body", "signatures"], name: "the standard terms" },
  schedules: { placements: ["schedule"], name: "the schedules" },
};

/** True when a clause with `placement` may be listed in `part`. */
export function fitsPart(part: PartName, placement: Placement): boolean {
  return PARTS[part].placements.includes(placement);
}

/** The part that lists `id`, if any. */
export function partOf(parts: LayoutParts, id: string): PartName | undefined {
  return (Object.keys(PARTS) as PartName[]).find((p) => parts[p].includes(id));
}
