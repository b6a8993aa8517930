import fc from "fast-check";
import { stringify } from "yaml";
import { BOUNDS } from "./config.js";
import { SEED_DEALS, type SeedDeal } from "./corpus.js";

/**
 * Strings an attacker (or a careless paste) puts into a deal: empty and blank, control and
 * format characters, lone surrogates, bidi overrides, markup of every layer the engine writes
 * (Handlebars, WordprocessingML, Markdown, the clause markup), the engine's own placeholder
 * characters (U+E000/U+E001), and words a bug would print (`undefined`, `NaN`).
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\t\n \r\n",
  "CR\rhere",
  "\u0000",
  "a\u0007b",
  "\u001b[31mred\u001b[0m",
  "x\u000bv\u000cf",
  "line\u2028sep\u2029para",
  "\u0085next",
  "\uD800",
  "a\uDC00b",
  "\uDBFF\uDBFF",
  "\u202EevilCorp",
  "Acme\u202E\u2066gnp.exe\u2069",
  "\u200B\u200C\u200D\u2060",
  "\uFEFFbom",
  "{{customer.legalName}}",
  "{{#each fees.lines}}x{{/each}}",
  "{{{raw}}}",
  "{{> partial}}",
  "}}{{",
  "<w:p><w:r><w:t>injected</w:t></w:r></w:p>",
  "</w:t></w:r><w:r><w:t>x",
  "<b>bold</b>",
  "<script>alert(1)</script>",
  "&amp; &lt; &#x41;",
  "]]><![CDATA[",
  "<!-- c -->",
  "# Heading",
  "## Title {#id}",
  "- item",
  "* star",
  "+ plus",
  "+ {#sub} untitled",
  "1. one",
  "2) two",
  "> quote",
  "---",
  "===",
  "| a | b |",
  "|---|",
  "```",
  "    indented code",
  "[[Customer]]",
  "[[Undefined Term]]",
  "[link](#cw-fees)",
  "**bold** _it_ *em*",
  "\\",
  "\\*",
  "{#anchor}",
  "::definitions",
  "undefined",
  "NaN",
  "null",
  "Infinity",
  "-Infinity",
  "[object Object]",
  "true",
  "0",
  "-0",
  "1e308",
  "0x1F",
  "~",
  "yes",
  "\uE000",
  "\uE001",
  "\uE0000\uE001",
  "\uF8FF",
  "__proto__",
  "constructor",
  "%s %d %n",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder as data, on purpose
  "${process.env.HOME}",
  "北风云软件有限公司",
  "ש\u05C1לום",
  "e\u0301\u0301\u0301",
  "👨‍👩‍👧‍👦🏳️‍🌈",
  "\u{1D54F}\u{10FFFF}",
];

/** Dates a deal sheet may hold that a date library may not: far future and past, leap days, extended years. */
export const HOSTILE_DATES: readonly string[] = [
  "9999-12-31",
  "9999-01-01",
  "0000-01-01",
  "0001-01-01",
  "1000-02-29",
  "2024-02-29",
  "2100-02-29",
  "1970-01-01",
  "+275760-09-13",
  "2026-13-01",
  "2026-1-1",
  "20261201",
];

/** Amounts and percentages written as text: huge, many decimals, other digits, grouping in odd places. */
export const HOSTILE_AMOUNTS: readonly string[] = [
  "999999999999999999999999999999.99",
  "1,000,000,000,000,000.00",
  "90071992547409.93",
  "0.00",
  "0",
  "-5.00",
  "0.001",
  "1e3",
  "12,34.5",
  "١٢٣",
  "１２３",
  "100",
  "100.0001",
  "0.0001",
  "99.99999",
  " 5 ",
  "5%",
];

/** Pieces repeated to make long strings: with and without spaces, and markup. */
const LONG_PIECES = ["A", "Ab ", "北", "-", "{{", "<w:p>", "\u202E", "# ", "x\n"];

/** A very long string: up to `max` characters, built from one repeated piece. */
export function longString(max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...LONG_PIECES), fc.integer({ min: 200, max })).map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const formatChar = fc.constantFrom("\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", "\u00AD", "\u2060");

/** Any hostile string: a listed one, random code units (with lone surrogates), a mix, or a long one (up to `maxLong`). */
export function hostileString(maxLong = BOUNDS.maxLong): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    {
      weight: 2,
      arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom("a", " ", "{", "}", "<", ">", "#", "*", "_", "[", "]", "|", "\\", "\n"), loneSurrogate, controlChar, formatChar), maxLength: 24 }),
    },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => `Acme ${a} Ltd ${b}`) },
    { weight: 1, arbitrary: longString(maxLong) },
  );
}

/** Numbers that mean nothing in a contract: huge, negative, fractional, not finite, just past an integer's precision. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      1e308,
      -1e308,
      1.7976931348623157e308,
      5e-324,
      2 ** 53 + 2,
      1e21,
      4_000_000,
      1_000_000_000,
      0.1,
      1.005,
      33.333333333,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
  },
  { weight: 2, arbitrary: fc.integer({ min: -1_000, max: 10_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 2 ** 31 }) },
  { weight: 1, arbitrary: fc.double() },
);

/** Nesting `depth` levels deep, as lists or maps. */
function nested(depth: number, asMap: boolean, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asMap ? { k: v } : [v];
  return v;
}

/** A value of any type for any field: string, number, boolean, null, list, map, deep nesting. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 4, arbitrary: hostileString() },
    { weight: 3, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("en", "zh", "type", "name", "x", "__proto__", "constructor"), tie("value"), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 400 }), fc.boolean(), fc.constantFrom<unknown>("x", 1, null, {})).map(([d, m, leaf]) => nested(d, m, leaf)) },
  ),
})).value;

/**
 * One change to a deal, chosen independently of the deal so that it shrinks well: `at` picks a
 * node (modulo the number of nodes), the rest says what to do there.
 */
export type Mutation =
  | { readonly kind: "sameType"; readonly at: number; readonly only: "number" | "string" | "any"; readonly text: string; readonly number: number; readonly pick: number }
  | { readonly kind: "set"; readonly at: number; readonly value: unknown }
  | { readonly kind: "delete"; readonly at: number }
  | { readonly kind: "add"; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly kind: "grow"; readonly at: number; readonly times: number }
  | { readonly kind: "widen"; readonly at: number; readonly keys: number }
  | { readonly kind: "setPath"; readonly path: string; readonly value: unknown }
  | { readonly kind: "growPath"; readonly path: string; readonly times: number }
  | { readonly kind: "retype"; readonly at: number; readonly to: "string" | "number" | "list" | "map" | "null" };

/** A mutation; `maxGrow` bounds how many copies a list can be grown to. */
export function mutation(maxGrow = BOUNDS.maxGrow): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant("sameType" as const),
        at,
        only: fc.constantFrom("number" as const, "string" as const, "any" as const),
        text: hostileString(),
        number: hostileNumber,
        pick: fc.nat(),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("set" as const), at, value: anyValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("add" as const), at, key: fc.constantFrom("extra", "__proto__", "constructor", "toString", "legalName", "en", ""), value: anyValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("grow" as const), at, times: fc.integer({ min: 2, max: maxGrow }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("widen" as const), at, keys: fc.integer({ min: 2, max: maxGrow }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("retype" as const), at, to: fc.constantFrom("string" as const, "number" as const, "list" as const, "map" as const, "null" as const) }) },
  );
}

type Path = readonly (string | number)[];

/** Every node of a value (the root excluded), depth first: the places a mutation can act on. */
export function nodePaths(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...path, i]);
      nodePaths(v, [...path, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push([...path, k]);
      nodePaths(v, [...path, k], out);
    }
  }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let cur = root;
  for (const k of path) cur = (cur as Record<string | number, unknown>)[k];
  return cur;
}

/** Sets own data properties only, so `__proto__` is a key like any other (as in parsed JSON). */
function define(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function retyped(old: unknown, to: "string" | "number" | "list" | "map" | "null"): unknown {
  switch (to) {
    case "string":
      return typeof old === "object" ? JSON.stringify(old) : String(old);
    case "number":
      return typeof old === "string" ? Number(old.replace(/,/g, "")) : typeof old === "number" ? -old : 1;
    case "list":
      return [old];
    case "map":
      return { value: old };
    case "null":
      return null;
  }
}

/** Applies mutations to a deep copy of `deal`; each picks its node among the nodes the deal has at that point. */
export function applyMutations(deal: unknown, mutations: readonly Mutation[]): unknown {
  const root = { root: structuredClone(deal) };
  for (const m of mutations) {
    if (m.kind === "setPath" || m.kind === "growPath") {
      // Only in hand-written examples (known.ts): a value, or copies of a list's first item, at a named place.
      const path = m.path.split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      if (m.kind === "setPath") define(getAt(root.root, path.slice(0, -1)) as object, path[path.length - 1] as string | number, structuredClone(m.value));
      else {
        const list = getAt(root.root, path);
        if (Array.isArray(list) && list.length > 0) for (let i = 0; i < m.times; i++) list.push(structuredClone(list[0]));
      }
      continue;
    }
    let paths = nodePaths(root.root).map((p): Path => ["root", ...p]);
    if (m.kind === "sameType" && m.only !== "any") {
      // Numeric fields are few among the deal's nodes: aim at them (or at text) directly.
      const only = paths.filter((p) => typeof getAt(root, p) === m.only);
      if (only.length > 0) paths = only;
    }
    const path = paths[m.at % Math.max(1, paths.length)] ?? ["root"];
    const key = path[path.length - 1] as string | number;
    const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
    const here = parent[key];
    switch (m.kind) {
      case "sameType":
        // The kind of change a form lets through: text for text, a number for a number.
        if (typeof here === "string") {
          // A date gets a hostile date, an amount or percentage a hostile amount, other text hostile text.
          const pool = /^\d{4}-\d{2}-\d{2}$/.test(here) ? HOSTILE_DATES : /^[\d,.]+$/.test(here) ? HOSTILE_AMOUNTS : undefined;
          define(parent, key, pool ? (pool[m.pick % pool.length] ?? m.text) : m.text);
        } else if (typeof here === "number") define(parent, key, m.number);
        else if (typeof here === "boolean") define(parent, key, !here);
        else if (Array.isArray(here) && here.length > 0) here.splice((m.number >>> 0) % here.length, 1);
        else if (here !== null && typeof here === "object") {
          const keys = Object.keys(here);
          const drop = keys[(m.number >>> 0) % Math.max(1, keys.length)];
          if (drop !== undefined) delete (here as Record<string, unknown>)[drop];
        }
        break;
      case "set":
        define(parent, key, structuredClone(m.value));
        break;
      case "delete":
        if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
        else delete parent[key];
        break;
      case "add":
        if (here !== null && typeof here === "object" && !Array.isArray(here)) define(here, m.key, structuredClone(m.value));
        else if (Array.isArray(here)) here.push(structuredClone(m.value));
        else define(parent, key, { [m.key]: m.value, value: here });
        break;
      case "grow": {
        // The nearest list at or above the node gets `times` copies of one of its items.
        let at = path;
        while (at.length > 1 && !Array.isArray(getAt(root, at))) at = at.slice(0, -1);
        const list = getAt(root, at);
        if (Array.isArray(list) && list.length > 0) {
          const item = list[m.at % list.length];
          for (let i = 0; i < m.times; i++) list.push(structuredClone(item));
        }
        break;
      }
      case "retype":
        define(parent, key, retyped(here, m.to));
        break;
      case "widen": {
        // The nearest mapping at or above the node gets `keys` new keys (unknown fields, or a pack's extension map).
        let at = path;
        while (at.length > 1 && !isMapping(getAt(root, at))) at = at.slice(0, -1);
        const map = getAt(root, at);
        if (isMapping(map)) for (let i = 0; i < m.keys; i++) define(map, `k${i}`, i);
        break;
      }
    }
  }
  return root.root;
}

/** A change to the text of a serialized deal. */
export type TextEdit =
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "duplicateLine"; readonly at: number }
  | { readonly kind: "swapLines"; readonly at: number; readonly with: number }
  | { readonly kind: "deepNesting"; readonly at: number; readonly depth: number; readonly open: "[" | "{" | "- " }
  | { readonly kind: "aliasBomb"; readonly levels: number; readonly width: number };

/** An edit of the deal's text; `maxDepth` bounds nesting written into the text. */
export function textEdit(maxDepth = BOUNDS.maxDepth): fc.Arbitrary<TextEdit> {
  const at = fc.nat();
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("insert" as const),
        at,
        text: fc.oneof(hostileString(200), fc.constantFrom(": ", "\n", "\t", '"', "'", "&a ", "*a", "!!js/function", "<<: *a", "---\n", "\uFEFF", "\\u0000", "\\ud800", "}", ",", "{")),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at, length: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicateLine" as const), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("swapLines" as const), at, with: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("deepNesting" as const), at, depth: fc.integer({ min: 10, max: maxDepth }), open: fc.constantFrom("[" as const, "{" as const, "- " as const) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("aliasBomb" as const), levels: fc.integer({ min: 1, max: 9 }), width: fc.integer({ min: 2, max: 10 }) }) },
  );
}

/** Applies text edits; positions are taken modulo the text's length or line count. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of edits) {
    const pos = "at" in e ? e.at % (out.length + 1) : 0;
    switch (e.kind) {
      case "insert":
        out = out.slice(0, pos) + e.text + out.slice(pos);
        break;
      case "delete":
        out = out.slice(0, pos) + out.slice(pos + e.length);
        break;
      case "duplicateLine":
      case "swapLines": {
        const lines = out.split("\n");
        const i = e.at % lines.length;
        const line = lines[i] ?? "";
        if (e.kind === "duplicateLine") lines.splice(i, 0, line);
        else {
          const j = e.with % lines.length;
          lines[i] = lines[j] ?? "";
          lines[j] = line;
        }
        out = lines.join("\n");
        break;
      }
      case "deepNesting": {
        const open = e.open === "- " ? "- ".repeat(e.depth) : e.open.repeat(e.depth);
        const close = e.open === "[" ? "]".repeat(e.depth) : e.open === "{" ? "}".repeat(e.depth) : "";
        // A value for the key that ends the line before `pos`, so the nesting is parsed, not rejected at once.
        const lineEnd = out.indexOf("\n", pos);
        const cut = lineEnd < 0 ? out.length : lineEnd;
        out = `${out.slice(0, cut)} ${open}x${close}${out.slice(cut)}`;
        break;
      }
      case "aliasBomb": {
        // "Billion laughs": each level lists the previous one `width` times, as extra top-level keys.
        let bomb = "lol0: &lol0 [lol]\n";
        for (let i = 1; i <= e.levels; i++) bomb += `lol${i}: &lol${i} [${Array.from({ length: e.width }, () => `*lol${i - 1}`).join(", ")}]\n`;
        out = bomb + out;
        break;
      }
    }
  }
  return out;
}

/** How a mutated deal is written out. */
export type Serialization = "yaml" | "json" | "json-compact";

/**
 * The deal as YAML or JSON text. YAML writes NaN as `.nan` and infinities as `.inf`; JSON writes
 * them as `null`; a `__proto__` key stays a plain key in both.
 */
export function serialize(deal: unknown, as: Serialization, bom: boolean): string {
  const text = as === "yaml" ? stringify(deal, { aliasDuplicateObjects: false, lineWidth: 0 }) : JSON.stringify(deal, null, as === "json" ? 2 : undefined);
  return (bom ? "\uFEFF" : "") + (text ?? "null");
}

/** One fuzzed deal sheet: which seed, what was changed, how it was written. */
export interface DealCase {
  /** The seed deal's name (see {@link seedDeal}); a name keeps fast-check's counterexample short. */
  readonly seed: string;
  readonly mutations: readonly Mutation[];
  readonly as: Serialization;
  readonly bom: boolean;
  readonly edits: readonly TextEdit[];
  /** Ask the library for a DOCX too (slower). */
  readonly docx: boolean;
  /** Draft despite check errors, to reach the renderers more often. */
  readonly force: boolean;
}

/** The seed deal of this name. */
export function seedDeal(name: string): SeedDeal {
  const seed = SEED_DEALS.find((s) => s.name === name);
  if (!seed) throw new Error(`no seed deal ${name}`);
  return seed;
}

/** The text of a {@link DealCase}. */
export function dealText(c: DealCase): string {
  return applyTextEdits(serialize(applyMutations(seedDeal(c.seed).value, c.mutations), c.as, c.bom), c.edits);
}

/** A fuzzed deal sheet; `options` bound the expensive shapes (list growth, text nesting). */
export function dealCase(options: { maxGrow?: number; maxDepth?: number; docxWeight?: number } = {}): fc.Arbitrary<DealCase> {
  return fc.record({
    seed: fc.constantFrom(...SEED_DEALS.map((s) => s.name)),
    mutations: fc.array(mutation(options.maxGrow), { minLength: 1, maxLength: 2 }),
    as: fc.constantFrom<Serialization>("yaml", "yaml", "json", "json-compact"),
    bom: fc.nat({ max: 7 }).map((n) => n === 0),
    edits: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textEdit(options.maxDepth), { minLength: 1, maxLength: 2 }) }),
    docx: fc.nat({ max: 99 }).map((n) => n < (options.docxWeight ?? 15)),
    force: fc.nat({ max: 3 }).map((n) => n > 0),
  });
}

/**
 * Data paths printed in every draft that has them (found by setting each string field of every
 * seed deal to a marker and looking for it in the Markdown): a value set there must appear in
 * the document. `[]` is any list index.
 */
export const PRINTED_PATHS: readonly string[] = [
  "agreement.reference",
  "customer.legalName",
  "provider.legalName",
  "customer.signatory.name",
  "customer.signatory.title",
  "provider.signatory.name",
  "provider.signatory.title",
  "customer.contact.name",
  "services.modules[].name",
  "fees.lines[].item",
  "privacy.ccpa.businessPurposes[]",
  "privacy.processing.dataTypes[]",
  "privacy.processing.dataSubjects[]",
  "implementation.milestones[].deliverables[]",
  "security.certifications[]",
  "privacy.subprocessors[].name",
];

/** The concrete paths of `pattern` (e.g. "fees.lines[].item") in a deal. */
export function concretePaths(deal: unknown, pattern: string): Path[] {
  const out: Path[] = [];
  const walk = (cur: unknown, segs: readonly string[], path: Path): void => {
    const [seg, ...rest] = segs;
    if (seg === undefined) {
      if (cur !== undefined) out.push(path);
      return;
    }
    if (cur === null || typeof cur !== "object") return;
    const list = seg.endsWith("[]");
    const key = list ? seg.slice(0, -2) : seg;
    const next = (cur as Record<string, unknown>)[key];
    if (!list) walk(next, rest, [...path, key]);
    else if (Array.isArray(next)) next.forEach((item, i) => walk(item, rest, [...path, key, i]));
  };
  walk(deal, pattern.split("."), []);
  return out;
}

/** A printed field set to a hostile string: `at` picks among the printed paths of the deal; `zh` the language of an `{en, zh}` field to set in a bilingual deal. */
export interface PrintedEdit {
  readonly at: number;
  readonly value: string;
  readonly zh: boolean;
}

/** A deal whose printed fields are set to hostile strings. */
export interface PrintedCase {
  readonly seed: string;
  readonly edits: readonly PrintedEdit[];
  /** Ask for a DOCX too. */
  readonly docx: boolean;
}

/** A {@link PrintedCase}: 1 to 3 printed fields of a seed deal set to hostile strings. */
export function printedCase(): fc.Arbitrary<PrintedCase> {
  return fc.record({
    seed: fc.constantFrom(...SEED_DEALS.map((s) => s.name)),
    edits: fc.array(fc.record({ at: fc.nat(), value: hostileString(), zh: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    docx: fc.nat({ max: 99 }).map((n) => n < 25),
  });
}

/**
 * Sets printed fields (see {@link PRINTED_PATHS}) to values; returns the deal and the paths set,
 * with their values. A field written `{en, zh}` keeps that shape and gets the value in one
 * language the draft (`lang`) has: a plain string would be printed once where the two languages
 * were printed apart (the bilingual signature block), which changes the document's structure.
 */
export function setPrinted(deal: unknown, edits: readonly PrintedEdit[], lang: string): { deal: unknown; set: { path: Path; value: string }[] } {
  const copy = structuredClone(deal);
  const paths = PRINTED_PATHS.flatMap((p) => concretePaths(copy, p));
  const set = new Map<string, { path: Path; value: string }>();
  for (const e of edits) {
    let path = paths[e.at % paths.length];
    if (!path) continue;
    const old = getAt(copy, path);
    if (old !== null && typeof old === "object") path = [...path, lang === "zh" || (lang === "en+zh" && e.zh) ? "zh" : "en"];
    const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    define(parent, path[path.length - 1] as string | number, e.value);
    set.set(path.join("."), { path, value: e.value });
  }
  return { deal: copy, set: [...set.values()] };
}
