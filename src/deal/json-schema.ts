import { z } from "zod";
import type { DealSchemaSource } from "./parse.js";
import { dealSchema } from "./schema.js";

/**
 * The JSON Schema (draft 2020-12) of the deal sheet as a user writes it,
 * derived from the zod schema so the two can never drift apart.
 */
export function dealJsonSchema(catalog?: DealSchemaSource): Record<string, unknown> {
  // With a catalogue, its schema includes the packs' fields under `extensions`.
  const schema = z.toJSONSchema(catalog?.dealSchema ?? dealSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...schema, $id: "https://clausewright.dev/schema/deal.json", title: "clausewright deal sheet" };
}
