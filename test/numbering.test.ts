import { describe, expect, it } from "vitest";
import { numberingProfile } from "../src/assemble/numbering.js";
import { toChineseNumeral, toLetters, toRoman, smallNumberWords } from "../src/text/numbers.js";

describe("number words and numerals", () => {
  it.each([
    [1, "一"],
    [9, "九"],
    [10, "十"],
    [11, "十一"],
    [19, "十九"],
    [20, "二十"],
    [21, "二十一"],
    [100, "一百"],
    [101, "一百零一"],
    [110, "一百一十"],
    [1001, "一千零一"],
    [1010, "一千零一十"],
    [9999, "九千九百九十九"],
  ])("toChineseNumeral(%i) = %s", (n, zh) => expect(toChineseNumeral(n)).toBe(zh));

  it("letters, roman numerals and small words", () => {
    expect([1, 26, 27, 52].map(toLetters)).toEqual(["a", "z", "aa", "az"]);
    expect([1, 4, 9, 14, 40, 1994].map(toRoman)).toEqual(["i", "iv", "ix", "xiv", "xl", "mcmxciv"]);
    expect([0, 7, 15, 30, 45, 90, 120].map(smallNumberWords)).toEqual(["zero", "seven", "fifteen", "thirty", "forty-five", "ninety", "one hundred and twenty"]);
  });
});

describe("numbering profiles", () => {
  it("English: 1. / 1.1 / (a) / (i)", () => {
    const p = numberingProfile("en");
    expect([p.clauseLabel(9), p.subclauseNumber(9, 2), p.listLabel(0, 1, "lettered"), p.listLabel(1, 4, "lettered"), p.listLabel(0, 3, "bullet")]).toEqual(["9.", "9.2", "(a)", "(iv)", "•"]);
    expect(p.subclauseRef(9, 2, "Liability Cap")).toBe("Section 9.2 (Liability Cap)");
    expect(p.clauseRef(10, "Confidentiality")).toBe("Section 10 (Confidentiality)");
  });

  it("Chinese article-decimal: 第一条 / 1.1 / （一） / 1.", () => {
    const p = numberingProfile("zh-article-decimal");
    expect([p.clauseLabel(12), p.subclauseNumber(12, 3), p.listLabel(0, 2, "lettered"), p.listLabel(1, 2, "lettered")]).toEqual(["第十二条", "12.3", "（二）", "2."]);
    expect(p.subclauseRef(9, 2, "责任上限")).toBe("第九条第2款");
    expect(p.clauseRef(9, "责任限制")).toBe("第九条（责任限制）");
  });

  it("Chinese official-document style: 一、 / （一） / 1. / (1)", () => {
    const p = numberingProfile("zh-gbt9704");
    expect([p.clauseLabel(3), p.subclauseNumber(3, 2), p.listLabel(0, 1, "lettered"), p.listLabel(1, 1, "lettered")]).toEqual(["三、", "（二）", "1.", "(1)"]);
  });
});
