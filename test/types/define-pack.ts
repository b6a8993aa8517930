// Compiled by test/packs.test.ts with tsc: every @ts-expect-error must be needed.
import { definePack, type PackDealFields } from "../../src/index.js";

const pack = definePack({
  name: "typed",
  version: "1.0.0",
  engine: ">=0.1.0",
  languages: ["en"],
  fields: { noticeDays: { type: "number", required: true }, tier: { type: "enum", values: ["gold", "silver"] } },
  clauses: [
    { id: "audit", category: "compliance", title: { en: "Audit" }, requires: ["confidentiality"], templates: { en: "Audit." } },
    // @ts-expect-error "nowhere" is neither a built-in clause id nor one of this pack's
    { id: "extra", category: "general", title: { en: "Extra" }, requires: ["nowhere"], templates: { en: "x" } },
  ],
  agreements: [{ id: "a", title: { en: "A" }, clauses: ["parties", "audit", "extra"] }],
  // @ts-expect-error "slaa" is not a built-in clause id
  disable: ["slaa"],
  place: [
    { clause: "audit", after: "confidentiality", agreement: "crm-saas" },
    // @ts-expect-error "confidentialty" is neither a built-in clause id nor one of this pack's
    { clause: "extra", before: "confidentialty" },
    // @ts-expect-error a placement has before or after, not both
    { clause: "extra", before: "scope", after: "sla" },
  ],
});

const ok: PackDealFields<typeof pack> = { extensions: { typed: { noticeDays: 30, tier: "gold" } } };
// @ts-expect-error noticeDays is a number
const badType: PackDealFields<typeof pack> = { extensions: { typed: { noticeDays: "30" } } };
// @ts-expect-error "bronze" is not one of the enum values
const badEnum: PackDealFields<typeof pack> = { extensions: { typed: { noticeDays: 1, tier: "bronze" } } };
// @ts-expect-error noticeDays is required
const missing: PackDealFields<typeof pack> = { extensions: { typed: {} } };

export { ok, badType, badEnum, missing };
