const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/**
 * Small whole numbers in English words for "thirty (30) days". Written by hand
 * because it is six lines for 0–999; amounts of money use the full words module.
 */
export function smallNumberWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 20) return ONES[n] ?? String(n);
  if (n < 100) {
    const t = TENS[Math.floor(n / 10)] ?? "";
    return n % 10 ? `${t}-${ONES[n % 10] ?? ""}` : t;
  }
  const rest = n % 100;
  return `${ONES[Math.floor(n / 100)] ?? ""} hundred${rest ? ` and ${smallNumberWords(rest)}` : ""}`;
}

/** Lower-case letters for list labels: 1 → a, 26 → z, 27 → aa. */
export function toLetters(n: number): string {
  let s = "";
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

/** Lower-case roman numerals for list labels. */
export function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  let x = n;
  for (const [v, s] of table) {
    while (x >= v) {
      out += s;
      x -= v;
    }
  }
  return out;
}

const ZH_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/**
 * Chinese numerals as used in clause numbers (第十二条, 二十一、): 1–9999.
 * Hand-written: a dozen lines, and the contract convention ("十二", not
 * "一十二", below twenty) differs from the 大写 rules for amounts.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 9999) return String(n);
  const units = ["", "十", "百", "千"];
  const digits = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] ?? "";
    if (d === 0) {
      zero = out !== "";
      return;
    }
    if (zero) out += "零";
    zero = false;
    out += (ZH_DIGITS[d] ?? "") + unit;
  });
  return n >= 10 && n < 20 ? out.replace(/^一十/, "十") : out;
}
