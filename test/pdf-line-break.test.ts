import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakLines, isCjk, noEnd, noStart, stretchPoints, units, wrap } from "../src/render/pdf/line-break.js";

/** A monospace measure: a Chinese character is 1 wide, anything else ½ (a Latin letter, a space). */
const mono = (s: string): number => [...s].reduce((w, ch) => w + (isCjk(ch) ? 1 : 0.5), 0);

describe("line breaking (禁则)", () => {
  it("keeps 、 off the start of a line: the character before it moves down with it", () => {
    // Ten Chinese characters fit; the eleventh is "、", which may not start a line.
    expect(wrap("附件一、第十五条第3款、第十九条以及其他条款", 10, mono)).toEqual(["附件一、第十五条第3", "款、第十九条以及其他", "条款"]);
    expect(wrap("第九条(保密条款)、第十九条", 6, mono)).toEqual(["第九条(保密", "条款)、第十", "九条"]);
  });

  it("keeps a closing bracket and the full stop after it off the start of a line", () => {
    // "依照第十九条(争议解" fills the line; ")" may not start the next, nor "。" after it.
    expect(wrap("依照第十九条(争议解决)。其他", 10.5, mono)).toEqual(["依照第十九条(争议解", "决)。其他"]);
    expect(wrap("依照第十九条（争议解决）。其他", 11, mono)).toEqual(["依照第十九条（争议解", "决）。其他"]);
    expect(wrap("本合同“保密信息”，是指", 8, mono)).toEqual(["本合同“保密信", "息”，是指"]);
  });

  it("never ends a line with an opening bracket or quotation mark", () => {
    expect(wrap("工作日内(以下简称", 4.5, mono)).toEqual(["工作日内", "(以下简称"]);
    expect(wrap("以下简称“服务费”", 4, mono)).toEqual(["以下简称", "“服务费”"]);
    expect(wrap("甲方《用户文档》", 3, mono)).toEqual(["甲方", "《用户", "文档》"]);
  });

  it("breaks between any two Han characters otherwise", () => {
    expect(wrap("甲乙丙丁戊己庚辛", 3, mono)).toEqual(["甲乙丙", "丁戊己", "庚辛"]);
  });

  it("keeps …… and —— whole", () => {
    // "…" and "—" measure ½ here: "甲乙丙…" would fit, "甲乙丙……" does not.
    expect(wrap("甲乙丙……丁", 3.5, mono)).toEqual(["甲乙丙", "……丁"]);
    expect(wrap("甲乙丙——丁", 3.5, mono)).toEqual(["甲乙丙", "——丁"]);
  });

  it("breaks English at spaces (which hang at the end) and after a hyphen inside a word", () => {
    expect(wrap("The quick brown fox", 5, mono)).toEqual(["The quick ", "brown fox"]);
    expect(wrap("gives notice of non-renewal", 10, mono)).toEqual(["gives notice of non-", "renewal"]);
    expect(wrap("Section 9.2 (Liability Cap), and", 10, mono)).toEqual(["Section 9.2 ", "(Liability Cap), and"]);
  });

  it("cuts a word wider than the line between characters", () => {
    expect(wrap("abcdefghij", 2, mono)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrap("see https://example.com/a/very/long/path ok", 6, mono)).toEqual(["see ", "https://exam", "ple.com/a/ve", "ry/long/path ", "ok"]);
  });

  it("mixes Latin and Chinese: a break between them is allowed, never inside a number", () => {
    expect(wrap("服务费为人民币327,401.00元整", 8, mono)).toEqual(["服务费为人民币", "327,401.00元整"]);
    expect(wrap("以CSV或JSON等格式", 4, mono)).toEqual(["以CSV或", "JSON等格", "式"]);
  });

  it("an ASCII comma or stop after Chinese text does not start a line", () => {
    expect(wrap("甲方应当付款,乙方应当开票.", 6, mono)).toEqual(["甲方应当付", "款,乙方应当", "开票."]);
  });

  it("breaks after a newline, and reports which lines end a paragraph", () => {
    const text = "First line\n第二行";
    const lines = breakLines(text, 100, (s, e) => mono(text.slice(s, e)));
    expect(lines.map((l) => [text.slice(l.start, l.end), text.slice(l.start, l.contentEnd), l.last])).toEqual([
      ["First line\n", "First line", true],
      ["第二行", "第二行", true],
    ]);
  });

  it("measures each line's visible width, without its trailing spaces", () => {
    const text = "aa bb cc";
    const lines = breakLines(text, 2.5, (s, e) => mono(text.slice(s, e)));
    expect(lines.map((l) => [text.slice(l.start, l.end), l.width])).toEqual([
      ["aa bb ", 2.5],
      ["cc", 1],
    ]);
  });

  it("gives no lines for no text", () => {
    expect(wrap("", 10, mono)).toEqual([]);
  });

  it("units carry their trailing spaces and glue closing marks to what precedes them", () => {
    const text = "款、第 A (b";
    expect(units(text).map((u) => text.slice(u.start, u.end))).toEqual(["款、", "第 ", "A ", "(b"]);
  });

  it("stretch points: between characters where one is Chinese, and after a space; never inside a Latin word", () => {
    const text = "合同USD 1,000元整";
    const points = stretchPoints(text, 0, text.length);
    expect(points.map((i) => `${text.slice(0, i)}|`)).toEqual(["合|", "合同|", "合同USD |", "合同USD 1,000|", "合同USD 1,000元|"]);
  });

  it("property: lines partition the text, fit, and keep the rules unless one unit is wider than the line", () => {
    const han = fc.constantFrom(..."甲乙方合同服务费用协议条款第十九约定");
    const closer = fc.constantFrom(..."，。、；：？！）」』”’》", ",", ".", ";", ":", ")", "?", "!");
    const opener = fc.constantFrom(..."（「『“‘《", "(");
    const latin = fc.constantFrom("CRM", "USD", "1,000.00", "Acme", "non-renewal", "Section", "9.2", "supercalifragilistic");
    const space = fc.constant(" ");
    const token = fc.oneof({ arbitrary: han, weight: 6 }, { arbitrary: closer, weight: 2 }, { arbitrary: opener, weight: 2 }, { arbitrary: latin, weight: 2 }, { arbitrary: space, weight: 1 });
    fc.assert(
      fc.property(fc.array(token, { minLength: 0, maxLength: 80 }), fc.integer({ min: 1, max: 24 }), (tokens, width) => {
        const text = tokens.join("");
        const measure = (s: number, e: number): number => mono(text.slice(s, e));
        const lines = breakLines(text, width, measure);
        expect(lines.map((l) => text.slice(l.start, l.end)).join("")).toBe(text);
        const us = units(text);
        /** True when offset b falls inside a unit wider than a line: the only place a rule may give. */
        const forced = (b: number): boolean =>
          us.some((u) => {
            if (!(u.start < b && b < u.end)) return false;
            const visible = text.slice(u.start, u.end).trimEnd();
            return mono(visible) > width;
          });
        lines.forEach((l, i) => {
          const visible = text.slice(l.start, l.contentEnd);
          if (mono(visible) > width + 1e-9) expect(forced(l.contentEnd - 1) || us.some((u) => u.start === l.start && mono(text.slice(u.start, u.end).trimEnd()) > width)).toBe(true);
          if (i === lines.length - 1) return;
          const first = [...text.slice(l.end)][0] ?? "";
          const lastChar = [...visible].pop() ?? "";
          if (noStart(first) || noEnd(lastChar)) expect(forced(l.end)).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });
});
