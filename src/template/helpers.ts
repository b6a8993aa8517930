import type { EngineProblemCode } from "../errors/codes.js";
import { ClausewrightError } from "../errors/error.js";
import { isLocalTextObject, localize } from "../deal/primitives.js";
import type { Lang } from "../model/types.js";
import { formatDate, type DateStyle } from "../text/dates.js";
import { formatMoney, formatMoneyZh } from "../text/money.js";
import { amountInWords } from "../text/words.js";
import { currencyNameZh } from "../text/currency-names.js";
import { smallNumberWords, toChineseNumeral } from "../text/numbers.js";
import { institutionName } from "../text/names.js";
import type { PrintedValue, RenderState } from "./env.js";
import { RefRequest } from "./tokens.js";

/** Language-dependent settings helpers read from the render state. */
export interface HelperContext {
  readonly lang: Lang;
  readonly currency: string;
  readonly dateStyle: DateStyle;
  /** Names of the governing laws the catalogue's jurisdiction profiles know, for `{{jurisdiction code}}`. */
  readonly jurisdictions?: ReadonlyMap<string, { readonly name: { readonly en: string; readonly zh: string } }>;
}

/** The `options` argument Handlebars passes to every helper. */
interface HelperOptions {
  readonly hash: Record<string, unknown>;
  readonly data: { readonly cw: RenderState; readonly index?: number; readonly _parent?: HelperOptions["data"] };
  readonly loc?: { readonly start: { readonly line: number } };
}

/** Splits "fees.lines[2].unitPrice" into ["fees", "lines", 2, "unitPrice"]. */
export function parseDataPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined && m[2] !== "") out.push(Number(m[2]));
  }
  return out;
}

/** Fills the `[]` of a template path with the current `#each` indexes, innermost last. */
function concretePath(path: string, data: HelperOptions["data"]): string {
  const indexes: number[] = [];
  let frame: HelperOptions["data"] | undefined = data;
  while (frame) {
    if (typeof frame.index === "number") indexes.unshift(frame.index);
    frame = frame._parent;
  }
  let i = indexes.length - (path.match(/\[\]/g)?.length ?? 0);
  return path.replace(/\[\]/g, () => `[${indexes[i++] ?? ""}]`);
}

function stateOf(options: HelperOptions): RenderState {
  return options.data.cw;
}

function lineOf(options: HelperOptions): number {
  const l = options.hash["__l"];
  return typeof l === "number" ? l : (options.loc?.start.line ?? 0);
}

function error(options: HelperOptions, code: EngineProblemCode, message: string, path?: string): ClausewrightError {
  const state = stateOf(options);
  return new ClausewrightError([
    {
      code,
      severity: "error",
      clause: state.clause,
      file: state.file,
      line: lineOf(options),
      ...(path ? { path: parseDataPath(path) } : {}),
      message: `Clause "${state.clause}" (${state.file} line ${lineOf(options)}): ${message}`,
    },
  ]);
}

function missing(options: HelperOptions): ClausewrightError {
  const path = concretePath(String(options.hash["__p"] ?? "value"), options.data);
  const err = error(options, "TEMPLATE_MISSING_VALUE", `reads ${path}, which this deal does not have`, path);
  const p = err.problems[0];
  return new ClausewrightError([{ ...p, hint: `Add ${path} to the deal sheet, or guard the text with {{#if …}} in the template.` }]);
}

function needString(value: unknown, options: HelperOptions, what: string): string {
  if (isLocalTextObject(value)) return localize(value, stateOf(options).lang);
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw error(options, "TEMPLATE_BAD_ARGUMENT", `${what} expects text or a number, got ${describe(value)}`);
}

function needInt(value: unknown, options: HelperOptions, what: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw error(options, "TEMPLATE_BAD_ARGUMENT", `${what} expects a whole number, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

// ---------------------------------------------------------------------------
// Value provenance. The template transform passes each path argument of a
// helper through `__req` (with the path in `__p`), and Handlebars evaluates a
// helper's arguments just before the helper itself. So `__req` notes
// (path, value) as pending, and the formatting helper that runs next takes the
// pending entry holding the very value it was given. Every other helper call
// clears what is pending, so a value read by `{{#if (gt x 30)}}` is never
// credited to a later literal `{{period 30 "day"}}`.

const pending = new WeakMap<RenderState, { path: string; value: unknown }[]>();

function notePending(options: HelperOptions, path: string, value: unknown): void {
  const state = stateOf(options);
  if (!state.printed) return;
  const list = pending.get(state) ?? [];
  list.push({ path, value });
  pending.set(state, list);
}

/** Records where `value`, printed by `helper`, came from (when it came from the deal), and clears what is pending. */
function notePrinted(options: HelperOptions, helper: PrintedValue["helper"], value: unknown): void {
  const state = stateOf(options);
  if (!state.printed) return;
  const list = pending.get(state) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i];
    if (entry && entry.value === value) {
      state.printed.push({ helper, path: entry.path });
      break;
    }
  }
  pending.delete(state);
}

function clearPending(options: unknown): void {
  const data = (options as Partial<HelperOptions> | undefined)?.data;
  if (data?.cw) pending.delete(data.cw);
}

/** Unit words for {@link period}: [singular, plural] per language. */
const UNITS: Record<string, Record<Lang, [string, string]>> = {
  day: { en: ["day", "days"], zh: ["日", "日"] },
  "business day": { en: ["business day", "business days"], zh: ["个工作日", "个工作日"] },
  month: { en: ["month", "months"], zh: ["个月", "个月"] },
  year: { en: ["year", "years"], zh: ["年", "年"] },
  hour: { en: ["hour", "hours"], zh: ["小时", "小时"] },
};

/**
 * How many positional arguments each helper takes, [fewest, most]: checked when a template
 * loads, so `{{count}}` or `{{period 3}}` is a problem at its line rather than a failed draft.
 * No helper takes named (hash) arguments. The block helpers of Handlebars take one argument.
 */
export const HELPER_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  money: [1, 2],
  moneyWords: [1, 2],
  currencyName: [1, 1],
  date: [1, 1],
  percent: [1, 1],
  period: [2, 2],
  count: [1, 1],
  numeral: [1, 1],
  ref: [1, 1],
  jurisdiction: [1, 1],
  institution: [1, 1],
  upper: [1, 1],
  eq: [2, 2],
  ne: [2, 2],
  gt: [2, 2],
  and: [1, Number.POSITIVE_INFINITY],
  or: [1, Number.POSITIVE_INFINITY],
  not: [1, 1],
  if: [1, 1],
  unless: [1, 1],
  each: [1, 1],
  with: [1, 1],
};

/**
 * The helpers every clause template can use. Values they return are text
 * (inserted literally) or a {@link RefRequest}; booleans only make sense
 * inside `{{#if}}`.
 */
export function createHelpers(): Record<string, (...args: unknown[]) => unknown> {
  const h = {
    /** Internal: prints a value through the token table. */
    __v(value: unknown, options: HelperOptions): string {
      const state = stateOf(options);
      if (value === undefined || value === null) throw missing(options);
      if (value instanceof RefRequest) return state.table.add({ kind: "ref", id: value.id, line: lineOf(options) });
      if (typeof value === "string") return state.table.add({ kind: "text", text: value });
      if (isLocalTextObject(value)) return state.table.add({ kind: "text", text: localize(value, state.lang) });
      if (typeof value === "number") {
        if (!Number.isFinite(value)) throw error(options, "TEMPLATE_NOT_PRINTABLE", `${String(options.hash["__p"])} is not a finite number`);
        return state.table.add({ kind: "text", text: String(value) });
      }
      throw error(options, "TEMPLATE_NOT_PRINTABLE", `cannot print ${String(options.hash["__p"])}: it is ${describe(value)}; use {{#if}} for booleans and {{#each}} for lists`);
    },
    /** Internal: passes a value on, refusing a missing one. */
    __req(value: unknown, options: HelperOptions): unknown {
      if (value === undefined || value === null) throw missing(options);
      notePending(options, concretePath(String(options.hash["__p"] ?? ""), options.data), value);
      return value;
    },
    /** `{{money amount}}` or `{{money amount "EUR"}}`: "USD 12,750.50". */
    money(amount: unknown, ...rest: unknown[]): string {
      const options = rest.pop() as HelperOptions;
      const currency = rest[0] === undefined ? stateOf(options).currency : needString(rest[0], options, "money currency");
      const text = needString(amount, options, "money");
      if (!/^\d+(\.\d+)?$/.test(text)) throw error(options, "TEMPLATE_BAD_ARGUMENT", `money expects a decimal amount, got "${text}"`);
      notePrinted(options, "money", amount);
      return stateOf(options).lang === "zh" ? formatMoneyZh(text, currency) : formatMoney(text, currency);
    },
    /**
     * `{{moneyWords amount}}`: the amount with its words, as contracts state sums.
     * Chinese: "人民币123,456.78元(大写:人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分)";
     * English: "USD 123,456.78 (One Hundred … US Dollars and Seventy-Eight Cents)".
     */
    moneyWords(amount: unknown, ...rest: unknown[]): string {
      const options = rest.pop() as HelperOptions;
      const state = stateOf(options);
      const currency = rest[0] === undefined ? state.currency : needString(rest[0], options, "moneyWords currency");
      const text = needString(amount, options, "moneyWords");
      if (!/^\d+(\.\d+)?$/.test(text)) throw error(options, "TEMPLATE_BAD_ARGUMENT", `moneyWords expects a decimal amount, got "${text}"`);
      const words = amountInWords(text, { lang: state.lang, currency });
      notePrinted(options, "moneyWords", amount);
      return state.lang === "zh" ? `${formatMoneyZh(text, currency)}（大写：${words}）` : `${formatMoney(text, currency)} (${words})`;
    },
    /** `{{currencyName fees.currency}}`: "人民币" / "美元" in Chinese; the ISO code in English. */
    currencyName(code: unknown, options: HelperOptions): string {
      const c = needString(code, options, "currencyName");
      if (stateOf(options).lang !== "zh") return c;
      const name = currencyNameZh(c);
      if (!name) throw error(options, "TEMPLATE_BAD_ARGUMENT", `no Chinese name for currency ${c}`);
      return name;
    },
    /** `{{date agreement.effectiveDate}}`: "1 December 2026" / "2026年12月1日". */
    date(iso: unknown, options: HelperOptions): string {
      const s = stateOf(options);
      const text = formatDate(needString(iso, options, "date"), s.lang === "zh" ? "zh" : s.dateStyle);
      notePrinted(options, "date", iso);
      return text;
    },
    /** `{{percent sla.availability}}`: "99.9%". */
    percent(value: unknown, options: HelperOptions): string {
      return `${needString(value, options, "percent")}%`;
    },
    /** `{{period 30 "day"}}`: "thirty (30) days" in English, "30日" in Chinese. */
    period(n: unknown, unit: unknown, options: HelperOptions): string {
      const count = needInt(n, options, "period");
      const u = UNITS[needString(unit, options, "period unit")];
      if (!u) throw error(options, "TEMPLATE_BAD_ARGUMENT", `period unit must be one of ${Object.keys(UNITS).join(", ")}`);
      const lang = stateOf(options).lang;
      const [one, many] = u[lang];
      notePrinted(options, "period", n);
      if (lang === "zh") return `${count}${count === 1 ? one : many}`;
      return `${smallNumberWords(count)} (${count}) ${count === 1 ? one : many}`;
    },
    /**
     * `{{count agreement.originals}}`: a count before a noun — "four (4)" in English, "四" in
     * Chinese, with 两 for two (一式两份, 各执两份), as Chinese counts things with a measure word.
     */
    count(n: unknown, options: HelperOptions): string {
      const count = needInt(n, options, "count");
      notePrinted(options, "count", n);
      if (stateOf(options).lang === "zh") return count === 2 ? "两" : toChineseNumeral(count);
      return `${smallNumberWords(count)} (${count})`;
    },
    /**
     * `{{numeral security.mlpsLevel}}`: a number that names a rank or level — "3" in English,
     * "三" in Chinese (等级保护第三级, never 第3级).
     */
    numeral(n: unknown, options: HelperOptions): string {
      const value = needInt(n, options, "numeral");
      notePrinted(options, "numeral", n);
      return stateOf(options).lang === "zh" ? toChineseNumeral(value) : String(value);
    },
    /** `{{ref "liability.cap"}}`: a computed cross-reference. */
    ref(id: unknown, options: HelperOptions): RefRequest {
      return new RefRequest(needString(id, options, "ref"));
    },
    /** `{{jurisdiction law.governingLaw}}`: "the State of Delaware". */
    jurisdiction(code: unknown, options: HelperOptions): string {
      const state = stateOf(options);
      const name = state.jurisdictions?.get(needString(code, options, "jurisdiction"))?.name[state.lang];
      if (!name) throw error(options, "TEMPLATE_BAD_ARGUMENT", `unknown jurisdiction "${String(code)}"`);
      return name;
    },
    /** `{{institution law.forum.institution}}`: the institution's full name. */
    institution(code: unknown, options: HelperOptions): string {
      if (typeof code === "object" && code !== null && "name" in code) return needString((code as { name: unknown }).name, options, "institution");
      const name = institutionName(needString(code, options, "institution"), stateOf(options).lang);
      if (!name) throw error(options, "TEMPLATE_BAD_ARGUMENT", `unknown arbitration institution "${String(code)}"`);
      return name;
    },
    /** `{{upper text}}`: upper case, for conspicuous text. */
    upper(value: unknown, options: HelperOptions): string {
      return needString(value, options, "upper").toUpperCase();
    },
    /** `{{#if (eq a b)}}`. */
    eq(a: unknown, b: unknown): boolean {
      return a === b;
    },
    /** `{{#if (ne a b)}}`. */
    ne(a: unknown, b: unknown): boolean {
      return a !== b;
    },
    /** `{{#if (gt a b)}}` on numbers or decimal strings. */
    gt(a: unknown, b: unknown): boolean {
      return Number(a) > Number(b);
    },
    /** `{{#if (and a b)}}`. */
    and(...args: unknown[]): boolean {
      return args.slice(0, -1).every(Boolean);
    },
    /** `{{#if (or a b)}}`. */
    or(...args: unknown[]): boolean {
      return args.slice(0, -1).some(Boolean);
    },
    /** `{{#if (not a)}}`. */
    not(a: unknown): boolean {
      return !a;
    },
  };
  // Every helper but `__req` ends what is pending (see "Value provenance").
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, fn] of Object.entries(h) as [string, (...args: unknown[]) => unknown][]) {
    out[name] =
      name === "__req"
        ? fn
        : function (this: unknown, ...args: unknown[]): unknown {
            try {
              return fn.apply(this, args);
            } finally {
              clearPending(args[args.length - 1]);
            }
          };
  }
  return out;
}
