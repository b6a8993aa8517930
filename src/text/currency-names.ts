/** Chinese names of currencies, as they prefix amounts in figures and in 大写 (人民币…, 美元…). */
const ZH_NAMES: Readonly<Record<string, string>> = {
  CNY: "人民币",
  USD: "美元",
  EUR: "欧元",
  GBP: "英镑",
  HKD: "港币",
  SGD: "新加坡元",
  JPY: "日元",
  AUD: "澳大利亚元",
  CAD: "加拿大元",
  CHF: "瑞士法郎",
};

/** The Chinese name of an ISO 4217 currency code, or undefined when we have none. */
export function currencyNameZh(code: string): string | undefined {
  return ZH_NAMES[code];
}
