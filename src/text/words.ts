import Big from "big.js";
import { toCardinal } from "n2words/en-US";
import { ClausewrightError } from "../errors/error.js";
import type { Lang } from "../model/types.js";
import { currencyNameZh } from "./currency-names.js";

/** Options for {@link amountInWords}. */
export interface AmountInWordsOptions {
  readonly lang: Lang;
  /** ISO 4217 code; default "CNY" for Chinese, "USD" for English. */
  readonly currency?: string;
  /** Chinese: write 整 after 角 too (…伍角整). Default false, as in the PBOC example "…伍角". */
  readonly zhengAfterJiao?: boolean;
  /** Chinese: the yuan character, 元 (default) or the traditional 圆. */
  readonly yuanChar?: "元" | "圆";
}

/** English names of currency units: [major singular, major plural, minor singular, minor plural]. */
const EN_UNITS: Record<string, readonly [string, string, string, string]> = {
  USD: ["US Dollar", "US Dollars", "Cent", "Cents"],
  EUR: ["Euro", "Euros", "Cent", "Cents"],
  GBP: ["Pound Sterling", "Pounds Sterling", "Penny", "Pence"],
  CNY: ["Renminbi Yuan", "Renminbi Yuan", "Fen", "Fen"],
  HKD: ["Hong Kong Dollar", "Hong Kong Dollars", "Cent", "Cents"],
  SGD: ["Singapore Dollar", "Singapore Dollars", "Cent", "Cents"],
  AUD: ["Australian Dollar", "Australian Dollars", "Cent", "Cents"],
  CAD: ["Canadian Dollar", "Canadian Dollars", "Cent", "Cents"],
  CHF: ["Swiss Franc", "Swiss Francs", "Centime", "Centimes"],
  JPY: ["Japanese Yen", "Japanese Yen", "Sen", "Sen"],
};

const ZH_DIGIT = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const ZH_SMALL_UNIT = ["", "拾", "佰", "仟"];
const ZH_GROUP_UNIT = ["", "万", "亿", "万亿"];

/** Largest integer part supported: 9,999,999,999,999,999 (万亿 is the largest group unit). */
const MAX_INTEGER_DIGITS = 16;

function toCents(amount: string | Big): { integer: string; jiao: number; fen: number } {
  let big: Big;
  try {
    big = typeof amount === "string" ? new Big(amount.replace(/,/g, "")) : amount;
  } catch {
    throw new ClausewrightError([{ code: "TEXT_INVALID_AMOUNT", severity: "error", message: `"${String(amount)}" is not a decimal amount` }]);
  }
  if (big.lt(0)) throw new ClausewrightError([{ code: "TEXT_NEGATIVE_AMOUNT", severity: "error", message: `Amount ${big.toString()} is negative` }]);
  const fixed = big.round(2, Big.roundHalfUp).toFixed(2);
  const [integer = "0", frac = "00"] = fixed.split(".");
  if (integer.length > MAX_INTEGER_DIGITS) {
    throw new ClausewrightError([{ code: "TEXT_AMOUNT_TOO_LARGE", severity: "error", message: `Amount ${fixed} is too large to write in words` }]);
  }
  return { integer, jiao: Number(frac[0]), fen: Number(frac[1]) };
}

/**
 * The integer part in 大写. Hand-written: the PBOC rules plus the brief's
 * deterministic zero convention are domain rules no library implements —
 * 零 for any run of zeros between two non-zero digits (across 万/亿 groups
 * too), none for trailing zeros, and always 壹拾 for a leading ten.
 */
function zhInteger(integer: string): string {
  let out = "";
  let pendingZero = false;
  let groupHasDigit = false;
  const n = integer.length;
  for (let i = 0; i < n; i++) {
    const p = n - 1 - i;
    const d = Number(integer[i]);
    if (d === 0) {
      if (out !== "") pendingZero = true;
    } else {
      if (pendingZero) out += "零";
      pendingZero = false;
      out += (ZH_DIGIT[d] ?? "") + (ZH_SMALL_UNIT[p % 4] ?? "");
      groupHasDigit = true;
    }
    if (p % 4 === 0) {
      if (groupHasDigit) out += ZH_GROUP_UNIT[p / 4] ?? "";
      groupHasDigit = false;
    }
  }
  return out;
}

function zhWords(amount: string | Big, options: AmountInWordsOptions): string {
  const currency = options.currency ?? "CNY";
  const prefix = currencyNameZh(currency);
  if (!prefix) throw new ClausewrightError([{ code: "TEXT_UNKNOWN_CURRENCY", severity: "error", message: `No Chinese name for currency ${currency}` }]);
  const yuan = options.yuanChar ?? "元";
  const { integer, jiao, fen } = toCents(amount);
  const hasInteger = integer !== "0";
  let out = prefix;
  if (hasInteger) out += zhInteger(integer) + yuan;
  if (jiao === 0 && fen === 0) return hasInteger ? `${out}整` : `${out}零${yuan}整`;
  if (jiao > 0) out += `${ZH_DIGIT[jiao] ?? ""}角`;
  else if (hasInteger) out += "零";
  if (fen > 0) out += `${ZH_DIGIT[fen] ?? ""}分`;
  else if (options.zhengAfterJiao) out += "整";
  return out;
}

function titleCase(words: string): string {
  return words.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function enWords(amount: string | Big, options: AmountInWordsOptions): string {
  const currency = options.currency ?? "USD";
  const units = EN_UNITS[currency] ?? [currency, currency, "hundredth", "hundredths"];
  const { integer, jiao, fen } = toCents(amount);
  const cents = jiao * 10 + fen;
  // n2words reads a BigInt exactly, whatever its size.
  const major = `${titleCase(toCardinal(BigInt(integer)))} ${integer === "1" ? units[0] : units[1]}`;
  if (cents === 0) return major;
  return `${major} and ${titleCase(toCardinal(cents))} ${cents === 1 ? units[2] : units[3]}`;
}

/**
 * An exact amount in words: Chinese 大写 ("人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分")
 * or English ("One Thousand Two Hundred Thirty-Four US Dollars and Fifty Cents").
 * Amounts are decimal strings, never floats; rounded half-up to cents.
 */
export function amountInWords(amount: string, options: AmountInWordsOptions): string {
  return options.lang === "zh" ? zhWords(amount, options) : enWords(amount, options);
}
