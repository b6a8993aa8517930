import Big from "big.js";
import { currencyNameZh } from "./currency-names.js";

/** Adds thousands separators to the integer part of a plain decimal string. */
export function groupThousands(decimal: string): string {
  const [int = "0", frac] = decimal.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * Formats an exact amount for contract text: the ISO code, then the amount
 * with thousands separators and two decimals ("USD 12,750.50"). The code,
 * not a symbol, because "$" is ambiguous across currencies in a contract.
 * The amount is a decimal string ("12750.5"), never a float.
 */
export function formatMoney(amount: string, currency: string): string {
  const fixed = new Big(amount).toFixed(2, Big.roundHalfUp);
  return `${currency} ${groupThousands(fixed)}`;
}

/**
 * Formats an exact amount for Chinese contract text: the currency's Chinese
 * name before the figures ("人民币123,456.78元", "美元12,750.50"); 元 follows
 * only renminbi, whose unit it is.
 */
export function formatMoneyZh(amount: string | Big, currency: string): string {
  const fixed = (typeof amount === "string" ? new Big(amount) : amount).toFixed(2, Big.roundHalfUp);
  const name = currencyNameZh(currency) ?? currency;
  return `${name}${groupThousands(fixed)}${currency === "CNY" ? "元" : ""}`;
}

/** Sums exact decimal strings. */
export function sumMoney(amounts: readonly (string | Big)[]): Big {
  return amounts.reduce<Big>((acc, a) => acc.plus(a), new Big(0));
}
