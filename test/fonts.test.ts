import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import * as fontkit from "fontkit";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { DealInput } from "../src/deal/schema.js";
import { draft } from "../src/draft.js";
import { ClausewrightError } from "../src/errors/error.js";
import { defaultFonts, fontsWithChineseFont } from "../src/node/fonts.js";
import { needsCjkFont, parsedCjkFonts, parsedFonts } from "../src/render/pdf/fonts.js";
import { ROOT, runCli, runNode } from "./helpers/cli.js";
import { itWithTools, pdfText, tempDir } from "./helpers/tools.js";

const FONTS = join(ROOT, "fonts");

/** Files under a folder, recursively, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}

/** Every printable character of some files, with the first file it occurs in. */
function charactersOf(paths: readonly string[], keep: (ch: string) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const path of paths) {
    for (const ch of readFileSync(path, "utf8")) {
      if ((ch.codePointAt(0) ?? 0) >= 0x20 && keep(ch) && !out.has(ch)) out.set(ch, relative(ROOT, path));
    }
  }
  return out;
}

/** What fontkit reads besides the few members src/render/pdf/fontkit.d.ts declares. */
type InspectedFont = fontkit.Font & {
  readonly subfamilyName: string;
  readonly characterSet: readonly number[];
  readonly directory: { readonly tables: Readonly<Record<string, unknown>> };
};

function font(file: string): InspectedFont {
  const f = fontkit.create(readFileSync(join(FONTS, file)));
  if ("fonts" in f) throw new Error(`${file} is a collection`);
  return f as InspectedFont;
}

/** The characters a font has no glyph for, as `"x" U+XXXX (file)`. */
function uncovered(f: fontkit.Font, chars: ReadonlyMap<string, string>): string[] {
  return [...chars].filter(([ch]) => !f.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)).map(([ch, file]) => `"${ch}" U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()} (${file})`);
}

/** GBK (code page 936) as the WHATWG decoder maps it, less its user-defined (private use) areas. */
function gbk(): Set<number> {
  const decoder = new TextDecoder("gbk");
  const out = new Set<number>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const text = decoder.decode(new Uint8Array([lead, trail]));
      const cp = text.codePointAt(0) ?? 0xfffd;
      if ([...text].length === 1 && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) out.add(cp);
    }
  }
  return out;
}

const CN_DEAL = join(ROOT, "examples/deals/cn-crm-standard.yaml");
const cnDeal = (): DealInput => parse(readFileSync(CN_DEAL, "utf8")) as DealInput;

function problemOf(fn: () => Promise<unknown>): Promise<ClausewrightError> {
  return fn().then(
    () => {
      throw new Error("expected a ClausewrightError");
    },
    (err: unknown) => {
      if (!ClausewrightError.is(err)) throw err;
      return err;
    },
  );
}

const CHINESE = ["NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf"];
const LATIN = ["NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf", "NotoSerif-BoldItalic.ttf"];

describe("the shipped fonts (fonts/)", () => {
  it("are six TrueType faces with their family, style and PostScript names", () => {
    expect(readdirSync(FONTS).sort()).toEqual([
      "NotoSerif-Bold.ttf",
      "NotoSerif-BoldItalic.ttf",
      "NotoSerif-Italic.ttf",
      "NotoSerif-Regular.ttf",
      "NotoSerifSC-Bold.ttf",
      "NotoSerifSC-Regular.ttf",
      "OFL.txt",
      "README.md",
    ]);
    const names = [...LATIN, ...CHINESE].map((file) => {
      const f = font(file);
      // pdfkit and fontkit read TrueType outlines (glyf), not WOFF/WOFF2 or CFF.
      expect(Object.keys(f.directory.tables)).toEqual(expect.arrayContaining(["cmap", "glyf", "loca", "hmtx", "name", "OS/2", "post"]));
      return [file, f.familyName, f.subfamilyName, f.postscriptName];
    });
    expect(names).toEqual([
      ["NotoSerif-Regular.ttf", "Noto Serif", "Regular", "NotoSerif-Regular"],
      ["NotoSerif-Bold.ttf", "Noto Serif", "Bold", "NotoSerif-Bold"],
      ["NotoSerif-Italic.ttf", "Noto Serif", "Italic", "NotoSerif-Italic"],
      ["NotoSerif-BoldItalic.ttf", "Noto Serif", "Bold Italic", "NotoSerif-BoldItalic"],
      ["NotoSerifSC-Regular.ttf", "Noto Serif SC", "Regular", "NotoSerifSC-Regular"],
      ["NotoSerifSC-Bold.ttf", "Noto Serif SC", "Bold", "NotoSerifSC-Bold"],
    ]);
  });

  it("come with the SIL Open Font License, both copyright notices and a README on how they were made", () => {
    const ofl = readFileSync(join(FONTS, "OFL.txt"), "utf8");
    expect(ofl).toContain("SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007");
    expect(ofl).toContain("Noto Serif: Copyright 2022 The Noto Project Authors");
    expect(ofl).toContain("Noto Serif SC: Copyright 2012 Google Inc.");
    const readme = readFileSync(join(FONTS, "README.md"), "utf8");
    expect(readme).toContain("node scripts/subset-fonts.mjs");
    expect(readme).toContain("`@expo-google-fonts/noto-serif-sc` 0.4.3");
    expect(readme).toContain("Left out: CJK Extension A");
  });

  it("are listed in the package's files, and no font package is installed with clausewright", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg["files"]).toContain("fonts");
    const runtime = [...Object.keys((pkg["dependencies"] ?? {}) as object), ...Object.keys((pkg["optionalDependencies"] ?? {}) as object)];
    expect(runtime.filter((name) => name.startsWith("@expo-google-fonts/"))).toEqual([]);
  });

  it("Chinese faces cover every character of the built-in pack, the agreement layouts and the examples", () => {
    // A character listed here was added to a template after the fonts were made: run `node scripts/subset-fonts.mjs`.
    const chars = charactersOf(["clauses", "templates", "examples"].flatMap((dir) => files(join(ROOT, dir))));
    expect(chars.size).toBeGreaterThan(900);
    for (const file of CHINESE) expect(uncovered(font(file), chars)).toEqual([]);
  });

  it("Latin faces cover every character of the English templates and of the English drafts of the examples", async () => {
    const templates = ["clauses", "examples"].flatMap((dir) => files(join(ROOT, dir))).filter((f) => /(^|[./])en\.hbs$/.test(f));
    expect(templates.length).toBeGreaterThan(50);
    // A run with Chinese in it is set in the Chinese face; the rest is the Latin faces' job.
    const chars = charactersOf(templates, (ch) => !needsCjkFont(ch));
    expect(
      [...chars.keys()]
        .filter((ch) => ch > "~")
        .sort()
        .join(""),
    ).toBe("§");
    // What the code adds (quotes, dashes, numbering) shows in the drafted text.
    const deals = files(join(ROOT, "examples/deals")).filter((f) => !f.includes("shanghai") && !f.includes("cn-") && !f.includes("prc-") && !f.includes("bilingual"));
    expect(deals.length).toBeGreaterThan(6);
    for (const file of deals) {
      const result = await draft(parse(readFileSync(file, "utf8")) as DealInput, { lang: "en", formats: ["md"], force: true });
      for (const ch of result.markdown ?? "") if ((ch.codePointAt(0) ?? 0) >= 0x20 && !needsCjkFont(ch) && !chars.has(ch)) chars.set(ch, relative(ROOT, file));
    }
    expect(
      [...chars.keys()]
        .filter((ch) => ch > "~")
        .sort()
        .join(""),
    ).toBe("§ö—");
    for (const file of LATIN) expect(uncovered(font(file), chars)).toEqual([]);
  });

  it("Latin faces cover the letters and signs of European legal text", () => {
    const sample = "ÀÉÎÕÜßàéîõüÿ ĀČĎĘĞĪŁŃŐŘŠŤŮŰŽ ăçęğıłńőřșşțűž ΑΒΓΔαβγδ АБВГДЖЯабвжя ЇЄЂЋ € £ ¥ § ¶ • – — “ ” ‘ ’ „ « » … № × ± ° ‰ ™ ® © ½ −";
    const chars = new Map([...sample.replace(/ /g, "")].map((ch) => [ch, "sample"]));
    for (const file of LATIN) expect(uncovered(font(file), chars)).toEqual([]);
  });

  it("Chinese faces cover GBK (and so GB 2312), CJK punctuation, full-width forms and name characters outside GB 2312", () => {
    const gbkSet = gbk();
    expect(gbkSet.size).toBe(21791);
    const chars = new Map<string, string>();
    // The one GBK character Noto Serif SC itself lacks (fonts/README.md says so).
    for (const cp of gbkSet) if (cp !== 0x2252) chars.set(String.fromCodePoint(cp), "GBK");
    for (let cp = 0xff01; cp <= 0xff5e; cp++) chars.set(String.fromCodePoint(cp), "full-width forms");
    for (const ch of "、。〃〈〉《》「」『』【】〔〕〖〗〜￥①②③⑴⑵㈠㈡Ⅰ Ⅱ ㎡℃№") if (ch !== " ") chars.set(ch, "punctuation and symbols");
    // Common in names, in GBK but not in GB 2312.
    for (const ch of "喆堃玥昇旻珺") chars.set(ch, "names");
    expect(uncovered(font("NotoSerifSC-Regular.ttf"), chars)).toEqual([]);
  });

  it("the Chinese bold face covers GB 2312, punctuation and full-width forms, and not the rest of GBK", () => {
    const decoder = new TextDecoder("gbk");
    const chars = new Map<string, string>();
    for (let lead = 0xa1; lead <= 0xf7; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        const cp = ch.codePointAt(0) ?? 0xfffd;
        if ([...ch].length === 1 && cp !== 0xfffd && cp !== 0x2252 && !(cp >= 0xe000 && cp <= 0xf8ff)) chars.set(ch, "GB 2312");
      }
    }
    expect(chars.size).toBeGreaterThan(7400);
    for (let cp = 0xff01; cp <= 0xff5e; cp++) chars.set(String.fromCodePoint(cp), "full-width forms");
    const bold = font("NotoSerifSC-Bold.ttf");
    expect(uncovered(bold, chars)).toEqual([]);
    expect(bold.hasGlyphForCodePoint("喆".codePointAt(0) ?? 0)).toBe(false);
  });

  itWithTools(["pdftotext"], "sets a bold Chinese run with a character only the regular face has in regular weight, not as a failure", async () => {
    const deal = cnDeal();
    // 喆 is in GBK (the regular face) but not in GB 2312 (the bold face); the name is bold on the signature page.
    (deal.customer as { legalName: { en: string; zh: string } }).legalName.zh = "上海喆远商贸有限公司";
    const r = await draft(deal, { lang: "zh", formats: ["pdf"], fonts: defaultFonts() });
    expect(pdfText(r.pdf, false).match(/上海喆远商贸有限公司/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("Chinese faces leave out CJK Extension A, as fonts/README.md says", () => {
    for (const file of CHINESE) {
      const f = font(file);
      expect(f.characterSet.filter((cp) => cp >= 0x3400 && cp <= 0x4dbf)).toEqual([]);
      expect(f.hasGlyphForCodePoint(0x4e00)).toBe(true);
    }
    // The last ideograph of GBK (龥) is outside GB 2312: regular only.
    expect(font("NotoSerifSC-Regular.ttf").hasGlyphForCodePoint(0x9fa5)).toBe(true);
    expect(font("NotoSerifSC-Bold.ttf").hasGlyphForCodePoint(0x9fa5)).toBe(false);
  });
});

describe("defaultFonts", () => {
  it("reads the shipped faces, and the Chinese ones only when asked", () => {
    const set = defaultFonts();
    expect(Object.keys(set)).toEqual(["regular", "bold", "italic", "boldItalic"]);
    expect(typeof Object.getOwnPropertyDescriptor(set, "cjk")?.get).toBe("function");
    expect(Buffer.from(set.regular).equals(readFileSync(join(FONTS, "NotoSerif-Regular.ttf")))).toBe(true);
    expect(Buffer.from(set.boldItalic).equals(readFileSync(join(FONTS, "NotoSerif-BoldItalic.ttf")))).toBe(true);
    expect(Buffer.from(set.cjk?.bold ?? []).equals(readFileSync(join(FONTS, "NotoSerifSC-Bold.ttf")))).toBe(true);
    const parsed = parsedFonts(set);
    expect([parsed.regular, parsed.bold, parsed.italic, parsed.boldItalic].map((f) => f.postscriptName)).toEqual(["NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic", "NotoSerif-BoldItalic"]);
    const cjk = parsedCjkFonts(set);
    expect([cjk?.regular.postscriptName, cjk?.bold.postscriptName]).toEqual(["NotoSerifSC-Regular", "NotoSerifSC-Bold"]);
  });

  it("reads the Chinese faces only for a document with Chinese text", () => {
    // Records the files the built library reads while drafting an English, then a Chinese PDF.
    const code = `
      import fs from "node:fs";
      import { syncBuiltinESMExports } from "node:module";
      const read = [];
      const original = fs.readFileSync;
      fs.readFileSync = (file, ...rest) => { read.push(String(file)); return original(file, ...rest); };
      syncBuiltinESMExports();
      const { defaultFonts, draft, readDealFile } = await import("./dist/node.js");
      const fonts = (file) => read.filter((f) => f.includes("/fonts/")).map((f) => f.split("/").pop()).join(" ");
      await draft(await readDealFile("examples/deals/us-crm-enterprise.yaml"), { lang: "en", formats: ["pdf"], fonts: defaultFonts() });
      console.log("en:", fonts());
      read.length = 0;
      await draft(await readDealFile("examples/deals/cn-crm-standard.yaml"), { lang: "zh", formats: ["pdf"], fonts: defaultFonts() });
      console.log("zh:", fonts());`;
    expect(runNode(code)).toBe("en: NotoSerif-Regular.ttf NotoSerif-Bold.ttf NotoSerif-Italic.ttf NotoSerif-BoldItalic.ttf\nzh: NotoSerifSC-Regular.ttf NotoSerifSC-Bold.ttf\n");
  });

  it("finds fonts/ from the built ESM and CommonJS modules", () => {
    const size = statSync(join(FONTS, "NotoSerifSC-Regular.ttf")).size;
    const code = (load: string): string => `${load}; const f = defaultFonts(); console.log(f.regular.length + " " + f.cjk.regular.length);`;
    const expected = `${statSync(join(FONTS, "NotoSerif-Regular.ttf")).size} ${size}\n`;
    expect(runNode(code('import { defaultFonts } from "./dist/node.js"'))).toBe(expected);
    expect(runNode(code('const { defaultFonts } = require("./dist/node.cjs")'), {}, "commonjs")).toBe(expected);
  });
});

describe("Chinese PDF with the default fonts", () => {
  itWithTools(["pdffonts"], "embeds Noto Serif SC, regular and bold, subset", async () => {
    const result = await draft(cnDeal(), { lang: "zh", fonts: defaultFonts(), formats: ["pdf"] });
    const dir = tempDir();
    try {
      const f = join(dir, "a.pdf");
      writeFileSync(f, result.pdf ?? new Uint8Array());
      const fonts = execFileSync("pdffonts", [f], { encoding: "utf8" });
      expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular +CID TrueType +Identity-H +yes yes yes/);
      expect(fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Bold +CID TrueType +Identity-H +yes yes yes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops on a character outside the shipped subset, naming it, its text and its field, and says how to pass a fuller font", async () => {
    const deal = cnDeal();
    // 䶮 (U+4DAE, CJK Extension A) is a real given-name character, and not in the subset.
    (deal.customer as { legalName: { en: string; zh: string } }).legalName.zh = "上海䶮远商贸有限公司";
    const err = await problemOf(() => draft(deal, { lang: "zh", fonts: defaultFonts(), formats: ["pdf"] }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toEqual({
      code: "RENDER_MISSING_GLYPH",
      severity: "error",
      path: ["customer", "legalName", "zh"],
      message: 'The PDF font NotoSerifSC-Regular has no glyph for U+4DAE "䶮" in the front matter, in the text "上海䶮远商贸有限公司，上海市浦东新区世纪大道8…"; it would be invisible',
      hint: "Remove or replace the character, or pass a Chinese font that has it: CLI --font <file> [--font-bold <file>], API fontsWithChineseFont(regular, bold) from clausewright/node. The bundled Noto Serif SC is a subset (GBK and the CJK Unified Ideographs in regular, GB 2312 in bold, no Extension A; see fonts/README.md in the package).",
    });
    // DOCX and Markdown name no embedded font and are unaffected.
    const md = await draft(deal, { lang: "zh", formats: ["md"] });
    expect(md.markdown).toContain("上海䶮远商贸有限公司");
  });

  it("draws that character with the whole Noto Serif SC passed as the Chinese font", async () => {
    // The full font is a devDependency (the source of the subset); users pass any font that has the character.
    const dir = dirname(createRequire(import.meta.url).resolve("@expo-google-fonts/noto-serif-sc/package.json"));
    const deal = cnDeal();
    (deal.customer as { legalName: { en: string; zh: string } }).legalName.zh = "上海䶮远商贸有限公司";
    const fonts = fontsWithChineseFont(join(dir, "400Regular", "NotoSerifSC_400Regular.ttf"), join(dir, "700Bold", "NotoSerifSC_700Bold.ttf"));
    const result = await draft(deal, { lang: "zh", fonts, formats: ["pdf"] });
    expect(result.pdf?.byteLength).toBeGreaterThan(100_000);
  });

  it("names the field and the --font option in the CLI's message", async () => {
    const dir = tempDir();
    try {
      const file = join(dir, "rare.yaml");
      const text = readFileSync(CN_DEAL, "utf8");
      expect(text).toContain("name: 李晓梅");
      // 𪚥 (U+2A6A5, CJK Extension B) is not among the few Extension B characters the font has.
      expect(font("NotoSerifSC-Regular.ttf").hasGlyphForCodePoint(0x2a6a5)).toBe(false);
      writeFileSync(file, text.replace("name: 李晓梅", "name: 李\u{2A6A5}梅"));
      const r = await runCli(["draft", file, "--lang", "zh", "--format", "pdf", "--out", dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('error RENDER_MISSING_GLYPH at customer.contact.name: The PDF font NotoSerifSC-Regular has no glyph for U+2A6A5 "\u{2A6A5}"');
      expect(r.stderr).toContain("CLI --font <file>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
