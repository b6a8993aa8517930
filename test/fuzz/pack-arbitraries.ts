import fc from "fast-check";
import { stringify } from "yaml";
import { BOUNDS } from "./config.js";
import { HOSTILE_STRINGS } from "./arbitraries.js";

// Small packs whose templates a hostile or careless author wrote: nesting, loops over the deal's
// lists (also from @root), conditions, references, terms, helper calls with arguments of any
// kind, unbalanced blocks. They are layered over the built-in pack and drafted with the
// example deal (examples/deals/us-crm-enterprise.yaml), whose lists have 2 to 4 items.

/** Scalar paths the example deal has. */
const SCALARS = [
  "customer.legalName",
  "provider.legalName",
  "agreement.reference",
  "agreement.effectiveDate",
  "agreement.initialTermMonths",
  "fees.currency",
  "fees.paymentTermsDays",
  "sla.availability",
  "confidentiality.survivalYears",
  "law.governingLaw",
  "computed.fees.firstYear",
  "document.lang",
];
/** List paths the example deal has. */
const LISTS = ["fees.lines", "services.modules", "sla.credits", "support.channels"];
/** Fields of list items, read inside `{{#each}}`. */
const ITEM_FIELDS = [
  "item",
  "unitPrice",
  "quantity",
  "name",
  "code",
  "tier",
  "below",
  "credit",
  "this",
  "@index",
  "@first",
  "@key",
  "../customer.legalName",
  "@root.customer.legalName",
  "../../fees.currency",
];
/** Paths the deal cannot have, or that reach for what a template should not. */
const BAD_PATHS = [
  "customer.nickname",
  "extensions.fuzz.x",
  "constructor",
  "__proto__",
  "customer.constructor.name",
  "customer.legalName.length",
  "@root",
  "../../..",
  "this.constructor",
  "fees.lines.0.item",
  "fees.lines.[0].item",
];

/** What a generated clause declares under `reads:`: every part of the deal the valid paths above are in. */
export const READ_POOL = ["customer", "provider", "agreement", "fees", "services", "sla", "support", "confidentiality", "law", "computed", "document"];

const HELPERS = [
  "money",
  "moneyWords",
  "date",
  "percent",
  "period",
  "count",
  "numeral",
  "ref",
  "jurisdiction",
  "institution",
  "currencyName",
  "upper",
  "eq",
  "ne",
  "gt",
  "and",
  "or",
  "not",
  "lookup",
  "log",
  "helperMissing",
  "blockHelperMissing",
  "noSuchHelper",
];

const literal = fc.oneof(
  fc.constantFrom('"USD"', '"day"', '"month"', '"x"', '""', '"1e308"', '"-1"', '"confidentiality"', '"new-york"', '"ICC"', "0", "-1", "1.5", "1e308", "30", "4000000", "true", "null", "undefined"),
  fc.constantFrom(...HOSTILE_STRINGS.slice(0, 40)).map((s) => JSON.stringify(s)),
);
const pathArg = fc.constantFrom(...SCALARS, ...LISTS, ...ITEM_FIELDS, ...BAD_PATHS);
const argument: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: literal },
  { weight: 3, arbitrary: pathArg },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("eq", "gt", "not", "or", "money", "upper"), pathArg, literal).map(([h, a, b]) => `(${h} ${a} ${b})`) },
);

/** `{{helper arg…}}` with 0–3 arguments and sometimes a hash argument. */
const helperCall = fc
  .tuple(fc.constantFrom(...HELPERS), fc.array(argument, { maxLength: 3 }), fc.option(fc.constantFrom("x=1", 'lang="zh"', "__p=1", "__l=2"), { nil: undefined }))
  .map(([h, args, hash]) => `{{${[h, ...args, ...(hash ? [hash] : [])].join(" ")}}}`);

const value = fc.oneof(
  fc.constantFrom(...SCALARS, ...ITEM_FIELDS, ...BAD_PATHS, ...LISTS).map((p) => `{{${p}}}`),
  fc.constantFrom(...SCALARS).map((p) => `{{{${p}}}}`),
);

const ref = fc.constantFrom("confidentiality", "fees", "payment", "fz-one", "fz-one.sub", "fz-two", "nonexistent", "", "governing-law", "liability.cap").map((id) => `{{ref "${id}"}}`);

const text = fc.oneof(
  fc.constantFrom(
    "The Provider will ",
    "the Customer",
    " and ",
    ". ",
    ", ",
    "\n\n",
    "[[Customer]]",
    "[[Provider]]",
    "[[Fuzz Term 0]]",
    "[[No Such Term]]",
    "**bold**",
    "_italic_",
    "中文，",
    "{#anchor}",
  ),
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => !s.includes("{{"))),
);

const markupLine = fc.constantFrom(
  "\n\n## Fuzz Sub {#sub}\n\n",
  "\n\n## Fuzz Sub {#sub}\n\n",
  "\n\n+ {#plain} An untitled sub-clause.\n\n",
  "\n\n- a lettered item\n- another\n\n",
  "\n\n* a bullet\n\n",
  "\n\n| A | B |\n|---|---|\n| 1 | 2 |\n| ! Total | 3 |\n\n",
  "\n\n::definitions\n\n",
  "\n\n## {#empty}\n\n",
  "\n\n#### Deep heading\n\n",
);

const unbalanced = fc.constantFrom(
  "{{#if customer.legalName}}",
  "{{/each}}",
  "{{/if}}",
  "{{else}}",
  "{{",
  "}}",
  "{{!-- open comment",
  "{{> partial}}",
  "{{#each}}",
  "{{#if}}{{/unless}}",
  "{{#each fees.lines}}{{/if}}",
  "{{#with}}",
  "{{@root}}",
  '{{#*inline "p"}}x{{/inline}}',
  "{{#each fees.lines as |l i|}}{{l.item}}{{/each}}",
  "{{~customer.legalName~}}",
  "{{customer.legalName.[0]}}",
  "\\{{customer.legalName}}",
);

const goodValue = fc.constantFrom(...SCALARS).map((p) => `{{${p}}}`);
const goodRef = fc.constantFrom("confidentiality", "payment", "fz-one", "fz-one.sub", "governing-law").map((id) => `{{ref "${id}"}}`);
const goodHelper = fc.oneof(
  fc.constantFrom(
    "{{money computed.fees.firstYear}}",
    "{{moneyWords computed.fees.firstYear}}",
    "{{date agreement.effectiveDate}}",
    "{{percent sla.availability}}",
    '{{period fees.paymentTermsDays "day"}}',
    "{{count confidentiality.survivalYears}}",
    "{{upper customer.legalName}}",
    "{{jurisdiction law.governingLaw}}",
  ),
  helperCall,
);

/** What a careful author writes: text, values the deal has, helpers, references, markup. */
const goodLeaf = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 3, arbitrary: goodValue },
  { weight: 2, arbitrary: goodHelper },
  { weight: 1, arbitrary: goodRef },
  { weight: 1, arbitrary: markupLine },
);
/** Anything: also paths the deal cannot have, raw output, unbalanced blocks. */
const anyLeaf = fc.oneof({ weight: 4, arbitrary: goodLeaf }, { weight: 2, arbitrary: value }, { weight: 1, arbitrary: ref }, { weight: 1, arbitrary: unbalanced });

const goodList = fc.constantFrom(...LISTS, ...LISTS.map((l) => `@root.${l}`));
const listPath = fc.oneof({ weight: 4, arbitrary: goodList }, { weight: 1, arbitrary: fc.constantFrom("customer", "customer.nickname", "fees.currency", "this", "..") });
const condition = fc.oneof(
  fc.constantFrom(...SCALARS, ...LISTS, ...ITEM_FIELDS, ...BAD_PATHS),
  fc.tuple(fc.constantFrom("eq", "ne", "gt", "and", "or", "not"), argument, argument).map(([h, a, b]) => `(${h} ${a} ${b})`),
);

/** A template `depth` blocks deep at most, of `leaf`s. */
function templateOf(depth: number, leaf: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const body = (d: number): fc.Arbitrary<string> => {
    if (d === 0) return fc.array(leaf, { maxLength: 3 }).map((parts) => parts.join(""));
    const inner = body(d - 1);
    const block = fc.oneof(
      fc.tuple(listPath, inner, fc.option(inner, { nil: undefined })).map(([l, b, e]) => `{{#each ${l}}}${b}${e === undefined ? "" : `{{else}}${e}`}{{/each}}`),
      fc.tuple(condition, inner, fc.option(inner, { nil: undefined })).map(([c, b, e]) => `{{#if ${c}}}${b}${e === undefined ? "" : `{{else}}${e}`}{{/if}}`),
      fc.tuple(condition, inner).map(([c, b]) => `{{#unless ${c}}}${b}{{/unless}}`),
      fc.tuple(fc.constantFrom("customer", "fees", "@root", "fees.lines", "customer.nickname"), inner).map(([c, b]) => `{{#with ${c}}}${b}{{/with}}`),
    );
    return fc.array(fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 2, arbitrary: block }), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
  };
  return body(depth);
}

/** `{{#each @root.fees.lines}}` nested `levels` times around a value: the shape whose work grows as 4^levels. */
export const nestedEach = (maxLevels: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: maxLevels }),
      fc.constantFrom("@root.fees.lines", "@root.services.modules", "fees.lines"),
      fc.constantFrom("{{item}}", "{{@index}}", "x", '{{ref "fees"}}', "[[Customer]]"),
    )
    .map(([n, list, inner]) => `${`{{#each ${list}}}`.repeat(n)}${inner}${"{{/each}}".repeat(n)}`);

/** Many `{{ref}}` calls (issue 15: 50,000 take 21.7 s and 2.7 GB before the work budget). */
export const manyRefs = (max: number): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1, max }), fc.constantFrom("fees", "confidentiality", "fz-one.sub")).map(([n, id]) => `{{ref "${id}"}} `.repeat(n));

/** A generated pack: its files, and what it is made of (for the counterexample). */
export interface PackCase {
  readonly files: Readonly<Record<string, string>>;
}

/** How the pack's clause reaches the agreement: a new clause placed after a built-in one, or an override of a built-in clause's wording. */
const ANCHORS = ["confidentiality", "confidentiality", "payment", "audit", "precedence", "governing-law", "parties", "order-form", "sla", "nonexistent"];
const OVERRIDABLE = ["confidentiality", "audit", "precedence", "non-solicitation"];

/** A pack of one or two clauses (or an override), with optional terms; templates from {@link templateOf}, sometimes a large shape. */
export function packCase(): fc.Arbitrary<PackCase> {
  const template = fc.oneof(
    { weight: 4, arbitrary: templateOf(3, goodLeaf) },
    { weight: 3, arbitrary: templateOf(3, anyLeaf) },
    { weight: 1, arbitrary: nestedEach(BOUNDS.packNesting) },
    { weight: 1, arbitrary: manyRefs(BOUNDS.packNesting >= 14 ? 50_000 : 500) },
  );
  return fc
    .record({
      shape: fc.constantFrom("clause" as const, "clause" as const, "override" as const, "two" as const),
      anchor: fc.constantFrom(...ANCHORS),
      overrides: fc.constantFrom(...OVERRIDABLE),
      first: template,
      second: template,
      // Reads: everything the pool has (so the draft gets past PACK_UNDECLARED_VARIABLE), a random subset, or none.
      reads: fc.oneof({ weight: 8, arbitrary: fc.constant(READ_POOL) }, { weight: 1, arbitrary: fc.subarray(READ_POOL) }, { weight: 1, arbitrary: fc.constant([] as string[]) }),
      terms: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: BOUNDS.packNesting >= 14 ? 20_000 : 60 }) }),
      definesTerm: fc.boolean(),
    })
    .map((g) => {
      const files: Record<string, string> = {};
      const manifest: Record<string, unknown> = { name: "fuzz", version: "1.0.0", engine: ">=0.1.0", languages: ["en"] };
      const clauseYaml = (id: string): string =>
        stringify({
          id,
          category: "general",
          title: { en: `Fuzz ${id}` },
          reads: g.reads,
          ...(g.definesTerm ? { defines: [{ term: { en: "Fuzz Defined" }, definition: { en: "means what the fuzzer says" } }] } : {}),
        });
      if (g.shape === "override") {
        // Both languages: the built-in clause has both, and their structures must match.
        files[`overrides/${g.overrides}/en.hbs`] = g.first;
        files[`overrides/${g.overrides}/zh.hbs`] = g.first;
        files[`overrides/${g.overrides}/override.yaml`] = stringify({ reads: g.reads });
      } else {
        files["clauses/fz-one/clause.yaml"] = clauseYaml("fz-one");
        files["clauses/fz-one/en.hbs"] = g.first;
        const place = [{ clause: "fz-one", after: g.anchor }];
        if (g.shape === "two") {
          files["clauses/fz-two/clause.yaml"] = clauseYaml("fz-two");
          files["clauses/fz-two/en.hbs"] = g.second;
          place.push({ clause: "fz-two", after: "fz-one" });
        }
        manifest.place = place;
      }
      files["pack.yaml"] = stringify(manifest);
      if (g.terms > 0) {
        files["terms.yaml"] = stringify(Array.from({ length: g.terms }, (_, i) => ({ term: { en: `Fuzz Term ${i}` }, definition: { en: `means the fuzz thing number ${i}` } })));
      }
      return { files };
    });
}
