// Varied English deals for the batch benchmark (issue 17): the English examples in examples/deals,
// each copy with its own reference, customer name, seats and prices, dates and optional clauses.
// Deterministic: the same count and seed give the same deals, in the same order, on every machine.
//
// As a script it prints deals as JSON Lines, ready for `clausewright batch deals.jsonl`:
//   node bench/deal-variants.mjs 1000 [seed] > deals.jsonl
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The examples written in English for English-speaking parties (the others are Chinese or bilingual deals). */
export const ENGLISH_EXAMPLES = ["us-crm-enterprise", "england-saas", "eu-gdpr-icc", "ireland-eu-saas", "singapore-saas", "us-delaware-gdpr-ccpa", "us-healthcare-hipaa", "us-newyork-saas"];

/** The deal sheets as written (before defaults), so a variant is what a user could have typed. */
export function englishExamples() {
  return ENGLISH_EXAMPLES.map((name) => ({ name, deal: parse(readFileSync(`${root}examples/deals/${name}.yaml`, "utf8")) }));
}

/** mulberry32: a small seeded generator; Math.random cannot be seeded. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Alder", "Beacon", "Cobalt", "Driftwood", "Ember", "Foxglove", "Granite", "Heron", "Iris", "Juniper", "Kestrel", "Larch", "Meridian", "Northgate", "Orchard", "Pinecrest"];
const SECOND = ["Logistics", "Health", "Supplies", "Engineering", "Retail", "Foods", "Property", "Media", "Energy", "Travel", "Finance", "Education"];
// The base name's legal form is kept, so a Singapore company stays a "Pte. Ltd." and a US one an "Inc.".
const LEGAL_FORM = /(,? (?:Inc\.|LLC|Ltd\.?|Limited|Pte\. Ltd\.|GmbH|plc|Designated Activity Company|Corporation|Corp\.))$/;

/** `"18,500.00"` ↦ 1850000n cents, exactly. */
function cents(amount) {
  const [whole, fraction = ""] = String(amount).replace(/,/g, "").split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
}
/** 1850000 cents ↦ `"18,500.00"`. */
const money = (c) => `${(c / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${(c % 100n).toString().padStart(2, "0")}`;

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every calendar date in the sheet moved by the same number of days, so their order and gaps hold. */
function shiftDates(node, days) {
  if (Array.isArray(node)) return node.map((v) => shiftDates(v, days));
  if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, shiftDates(v, days)]));
  return typeof node === "string" && /^\d{4}-\d{2}-\d{2}$/.test(node) ? addDays(node, days) : node;
}

/**
 * The `index`-th variant of an example: a new reference (unique in a run), customer name, seats
 * (and the fee lines priced per seat), prices (±, exact to the cent), dates (all moved by up to a
 * year), term, payment days, and the optional clauses the schema allows every deal (recitals,
 * publicity, termination for convenience, non-solicitation, confidentiality period).
 */
export function dealVariant(base, index, seed) {
  const rnd = random(seed * 1_000_003 + index);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const deal = shiftDates(structuredClone(base), Math.floor(rnd() * 365));
  deal.agreement.reference = `BV-${seed}-${String(index + 1).padStart(6, "0")}`;
  deal.agreement.initialTermMonths = pick([12, 24, 36, 48]);
  const form = typeof deal.customer.legalName === "string" ? (LEGAL_FORM.exec(deal.customer.legalName)?.[1] ?? "") : "";
  deal.customer.legalName = `${pick(FIRST)} ${pick(SECOND)} ${index + 1}${form}`;
  const seats = deal.services.users.seats;
  const newSeats = Math.max(5, Math.round(seats * (0.5 + rnd() * 1.5)));
  deal.services.users.seats = newSeats;
  const percent = BigInt(80 + Math.floor(rnd() * 71)); // prices from 80 % to 150 % of the example's
  for (const line of deal.fees.lines) {
    if (line.quantity === seats) line.quantity = newSeats;
    line.unitPrice = money((cents(line.unitPrice) * percent) / 100n);
  }
  deal.fees.paymentTermsDays = pick([15, 30, 45, 60]);
  deal.options = {
    ...deal.options,
    recitals: rnd() < 0.7,
    publicity: rnd() < 0.3,
    terminationForConvenience: rnd() < 0.4 ? { noticeDays: pick([30, 60, 90]) } : false,
  };
  deal.nonSolicitation = rnd() < 0.3 ? { months: pick([6, 12, 18]) } : false;
  deal.confidentiality = { ...deal.confidentiality, survivalYears: pick([3, 5, 7]) };
  return deal;
}

/**
 * `count` varied English deals, lazily (ten thousand deal objects need not be held at once):
 * `{ source, deal }`, the examples taken in turn so every run sees the same mix. With `validate`
 * (a function such as `validateDeal` bound to a catalogue), each deal is checked before it is
 * yielded and a deal it refuses throws: the benchmark measures drafting, not failing.
 */
export function* dealVariants(count, { seed = 17, validate } = {}) {
  const bases = englishExamples();
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const deal = dealVariant(base.deal, i, seed);
    if (validate) {
      try {
        validate(deal);
      } catch (err) {
        const problems = err.problems?.map((p) => `${p.path?.join(".") ?? ""}: ${p.message}`).join("; ") ?? String(err);
        throw new Error(`deal variant ${i} (from ${base.name}) is not valid: ${problems}`);
      }
    }
    yield { source: `${deal.agreement.reference} (${base.name})`, deal };
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = Number(process.argv[2] ?? 100);
  const seed = Number(process.argv[3] ?? 17);
  const { validateDeal } = await import("../dist/node.js");
  for (const { deal } of dealVariants(count, { seed, validate: validateDeal })) process.stdout.write(`${JSON.stringify(deal)}\n`);
}
