import { z } from "zod";

// The result shapes the tools list as their output schemas (clients check structuredContent
// against them). Every tool's result has `ok` and `problems`, refused or not, so one refusal shape
// fits every tool; the rest is present only on success. Loose objects: a later version may add
// fields without breaking a client that validates.

const problem = z.looseObject({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  messageZh: z.string().optional(),
  path: z.array(z.union([z.string(), z.number()])),
  hint: z.string().optional(),
  clause: z.string().optional(),
  argument: z.string().optional(),
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

const outcome = { ok: z.boolean(), problems: z.array(problem) };

const file = z.looseObject({
  name: z.string(),
  mimeType: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  path: z.string().optional(),
  uri: z.string().optional(),
});

const delivered = {
  reference: z.string().optional(),
  files: z.array(file).optional(),
  dir: z.string().optional(),
};

/** `list_clauses`: the clauses and the agreement layouts. */
export const listClausesResult = z.looseObject({
  ...outcome,
  clauses: z
    .array(
      z.looseObject({
        id: z.string(),
        category: z.string(),
        titles: z.looseObject({ en: z.string().optional(), zh: z.string().optional() }),
        variants: z.array(z.string()),
        variables: z.array(z.string()),
        pack: z.string(),
      }),
    )
    .optional(),
  agreements: z.array(z.string()).optional(),
});

/** `deal_schema`: the deal's JSON Schema. */
export const dealSchemaResult = z.looseObject({ ...outcome, schema: z.record(z.string(), z.unknown()).optional() });

/** `check_deal`: the problems, nothing else. */
export const checkDealResult = z.looseObject(outcome);

/** `draft_deal`: the files, written or returned. */
export const draftDealResult = z.looseObject({ ...outcome, ...delivered });

/** `redline_deals`: the files, and the deviation report. */
export const redlineDealsResult = z.looseObject({ ...outcome, ...delivered, changes: z.number().optional(), report: z.record(z.string(), z.unknown()).optional() });

/**
 * A zod schema as the JSON Schema a tool lists. Without `$schema`: the dialect is the protocol's
 * default (2020-12), and validators set up for draft-07 (the SDK's own) would refuse the key.
 */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): { type: "object"; [key: string]: unknown } {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12" }) as Record<string, unknown>;
  return { ...json, type: "object" };
}
