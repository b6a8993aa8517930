import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amountInWords } from "../src/text/words.js";

// Domain brief §5.2 vectors.
const VECTORS: [string, string][] = [
  ["123456.78", "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分"],
  ["123456.00", "人民币壹拾贰万叁仟肆佰伍拾陆元整"],
  ["1409.50", "人民币壹仟肆佰零玖元伍角"],
  ["6007.14", "人民币陆仟零柒元壹角肆分"],
  ["1680.32", "人民币壹仟陆佰捌拾元叁角贰分"],
  ["107000.53", "人民币壹拾万零柒仟元伍角叁分"],
  ["16409.02", "人民币壹万陆仟肆佰零玖元零贰分"],
  ["325.04", "人民币叁佰贰拾伍元零肆分"],
  ["10.00", "人民币壹拾元整"],
  ["101000.00", "人民币壹拾万零壹仟元整"],
  ["1000100.00", "人民币壹佰万零壹佰元整"],
  ["1000001.01", "人民币壹佰万零壹元零壹分"],
  ["20000000.00", "人民币贰仟万元整"],
  ["100000001.00", "人民币壹亿零壹元整"],
  ["100010000.00", "人民币壹亿零壹万元整"],
  ["1001000000.00", "人民币壹拾亿零壹佰万元整"],
  ["0.05", "人民币伍分"],
  ["0.00", "人民币零元整"],
];

describe("amountInWords, Chinese 大写", () => {
  it.each(VECTORS)("%s → %s", (amount, words) => {
    expect(amountInWords(amount, { lang: "zh" })).toBe(words);
  });

  it("options and other currencies", () => {
    expect(amountInWords("1409.50", { lang: "zh", zhengAfterJiao: true })).toBe("人民币壹仟肆佰零玖元伍角整");
    expect(amountInWords("1409.50", { lang: "zh", yuanChar: "圆" })).toBe("人民币壹仟肆佰零玖圆伍角");
    expect(amountInWords("2500.00", { lang: "zh", currency: "USD" })).toBe("美元贰仟伍佰元整");
    expect(amountInWords("0.125", { lang: "zh" })).toBe("人民币壹角叁分");
    expect(amountInWords("1,234.5", { lang: "zh" })).toBe("人民币壹仟贰佰叁拾肆元伍角");
  });
});

describe("amountInWords, English", () => {
  it.each([
    ["1234.50", "USD", "One Thousand Two Hundred Thirty-Four US Dollars and Fifty Cents"],
    ["1.01", "USD", "One US Dollar and One Cent"],
    ["0.00", "EUR", "Zero Euros"],
    ["1000000.00", "GBP", "One Million Pounds Sterling"],
    ["999999999999.99", "USD", "Nine Hundred Ninety-Nine Billion Nine Hundred Ninety-Nine Million Nine Hundred Ninety-Nine Thousand Nine Hundred Ninety-Nine US Dollars and Ninety-Nine Cents"],
  ])("%s %s", (amount, currency, words) => {
    expect(amountInWords(amount, { lang: "en", currency })).toBe(words);
  });
});

// ---- independent readers, written for the test: they share no code with the renderer ----

const ZH_VAL: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };

/** Reads 大写 back to cents as a BigInt. */
function readZh(words: string): bigint {
  let s = words.replace(/^人民币/, "").replace(/整$/, "");
  let cents = 0n;
  const fen = /(.)分$/.exec(s);
  if (fen) {
    cents += BigInt(ZH_VAL[fen[1]!]!);
    s = s.slice(0, -2);
  }
  const jiao = /(.)角$/.exec(s);
  if (jiao) {
    cents += 10n * BigInt(ZH_VAL[jiao[1]!]!);
    s = s.slice(0, -2);
  }
  s = s.replace(/零$/, "");
  if (s.endsWith("元")) s = s.slice(0, -1);
  // Sections split on 亿 then 万, each a number below 10,000 written with 仟佰拾.
  const section = (t: string): bigint => {
    let total = 0n;
    let digit = 0n;
    for (const ch of t) {
      if (ch in ZH_VAL) digit = BigInt(ZH_VAL[ch]!);
      else {
        const mult = ({ 拾: 10n, 佰: 100n, 仟: 1000n } as Record<string, bigint>)[ch];
        if (mult === undefined) throw new Error(`unexpected ${ch} in ${words}`);
        total += digit * mult;
        digit = 0n;
      }
    }
    return total + digit;
  };
  const readBelowYi = (t: string): bigint => {
    const i = t.indexOf("万");
    return i < 0 ? section(t) : section(t.slice(0, i)) * 10000n + section(t.slice(i + 1));
  };
  let yuan = 0n;
  const yi = s.lastIndexOf("亿");
  if (yi >= 0) yuan = readBelowYi(s.slice(0, yi)) * 100000000n + readBelowYi(s.slice(yi + 1));
  else yuan = readBelowYi(s);
  return yuan * 100n + cents;
}

const EN_SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_SCALE: Record<string, bigint> = { thousand: 1000n, million: 1000000n, billion: 1000000000n, trillion: 1000000000000n };

function readEnNumber(words: string): bigint {
  let total = 0n;
  let current = 0n;
  for (const w of words
    .toLowerCase()
    .split(/[\s-]+/)
    .filter(Boolean)) {
    if (w in EN_SMALL) current += BigInt(EN_SMALL[w]!);
    else if (w === "hundred") current *= 100n;
    else if (w in EN_SCALE) {
      total += current * EN_SCALE[w]!;
      current = 0n;
    } else throw new Error(`unexpected word ${w}`);
  }
  return total + current;
}

function readEn(words: string): bigint {
  const m = /^(.*?) US Dollars?(?: and (.*) Cents?)?$/.exec(words);
  if (!m) throw new Error(`unparsable: ${words}`);
  return readEnNumber(m[1]!) * 100n + (m[2] ? readEnNumber(m[2]) : 0n);
}

const amounts = fc.bigInt({ min: 0n, max: 99999999999999n }).map((cents) => ({ cents, text: `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}` }));

describe("amountInWords reads back to the same amount", () => {
  it("Chinese, 10,000 random amounts from 0.00 to 999,999,999,999.99", () => {
    fc.assert(
      fc.property(amounts, ({ cents, text }) => readZh(amountInWords(text, { lang: "zh" })) === cents),
      { numRuns: 10_000 },
    );
  });

  it("English, 10,000 random amounts from 0.00 to 999,999,999,999.99", () => {
    fc.assert(
      fc.property(amounts, ({ cents, text }) => readEn(amountInWords(text, { lang: "en", currency: "USD" })) === cents),
      { numRuns: 10_000 },
    );
  });
});
