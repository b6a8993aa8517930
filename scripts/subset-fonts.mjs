// Generates the fonts the package ships (fonts/*.ttf, fonts/OFL.txt, fonts/README.md) from the
// font packages in devDependencies: Noto Serif (4 faces) and Noto Serif SC (regular, bold), each
// subset to a documented character set with harfbuzz's subsetter (subset-font, WebAssembly).
//
// Run by hand after changing the font packages, subset-font, or adding a character to a template
// that the shipped fonts lack (test/fonts.test.ts says so):  node scripts/subset-fonts.mjs
// The output depends only on its inputs (the same bytes on every run), so the committed files
// change only when one of them does.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as fontkit from "fontkit";
import subsetFont from "subset-font";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "fonts");
const require = createRequire(import.meta.url);

const LATIN_PACKAGE = "@expo-google-fonts/noto-serif";
const CJK_PACKAGE = "@expo-google-fonts/noto-serif-sc";

/** Folder and version of an installed package. */
function pkg(name) {
  const file = require.resolve(`${name}/package.json`);
  return { dir: dirname(file), version: JSON.parse(readFileSync(file, "utf8")).version };
}

const latin = pkg(LATIN_PACKAGE);
const cjk = pkg(CJK_PACKAGE);
const subsetter = pkg("subset-font");
// harfbuzzjs exports no package.json: find it from the file subset-font loads.
const harfbuzzDir = dirname(dirname(createRequire(join(subsetter.dir, "index.js")).resolve("harfbuzzjs/dist/harfbuzz-subset.wasm")));
const harfbuzz = { dir: harfbuzzDir, version: JSON.parse(readFileSync(join(harfbuzzDir, "package.json"), "utf8")).version };

/** What we ship: output file, source package and file. */
const FACES = [
  { out: "NotoSerif-Regular.ttf", from: latin, file: "400Regular/NotoSerif_400Regular.ttf", set: "latin" },
  { out: "NotoSerif-Bold.ttf", from: latin, file: "700Bold/NotoSerif_700Bold.ttf", set: "latin" },
  { out: "NotoSerif-Italic.ttf", from: latin, file: "400Regular_Italic/NotoSerif_400Regular_Italic.ttf", set: "latin" },
  { out: "NotoSerif-BoldItalic.ttf", from: latin, file: "700Bold_Italic/NotoSerif_700Bold_Italic.ttf", set: "latin" },
  { out: "NotoSerifSC-Regular.ttf", from: cjk, file: "400Regular/NotoSerifSC_400Regular.ttf", set: "cjk" },
  { out: "NotoSerifSC-Bold.ttf", from: cjk, file: "700Bold/NotoSerifSC_700Bold.ttf", set: "cjkBold" },
];

const inRanges = (ranges) => (cp) => ranges.some(([a, b]) => cp >= a && cp <= b);

// Latin faces: the Latin, Greek and Cyrillic alphabets of European languages, with their accents
// (precomposed and combining), IPA, punctuation, currency, letterlike symbols (№ ℃ ™), number
// forms, arrows and the few math symbols the font has. Left out: polytonic Greek and the rare
// Latin/Cyrillic extension blocks (C–G), about 1,200 characters nobody writes a contract in.
const LATIN_RANGES = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0250, 0x02ff], // IPA Extensions, Spacing Modifier Letters
  [0x0300, 0x036f], // Combining Diacritical Marks (text in NFD)
  [0x0370, 0x03ff], // Greek and Coptic
  [0x0400, 0x052f], // Cyrillic, Cyrillic Supplement
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese, Welsh ŵ ŷ …)
  [0x2000, 0x22ff], // General Punctuation … Mathematical Operators (– — ‘ ’ “ ” • … ‰ € ₹ № ™ ⅓ → −)
  [0x25a0, 0x25ff], // Geometric Shapes
  [0xfb00, 0xfb06], // Latin ligatures
];

// Chinese faces, besides GBK (below): every ideograph the font has except CJK Extension A
// (U+3400–4DBF, 6,592 characters, about 3.4 MB per weight), and the punctuation, symbols and
// full-width forms Chinese text uses.
const CJK_RANGES = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1, Latin Extended-A and -B (as far as the font has them)
  [0x02b0, 0x036f], // Spacing Modifier Letters, Combining Diacritical Marks
  [0x0370, 0x04ff], // Greek, Cyrillic
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x2000, 0x206f], // General Punctuation
  [0x20a0, 0x20cf], // Currency Symbols
  [0x2100, 0x218f], // Letterlike Symbols, Number Forms (№ ℃ Ⅰ Ⅻ)
  [0x2460, 0x24ff], // Enclosed Alphanumerics (① ⑴ ⒈)
  [0x3000, 0x303f], // CJK Symbols and Punctuation (、。《》「」【】〔〕)
  [0x3200, 0x33ff], // Enclosed CJK Letters and Months (㈠ ㈱), CJK Compatibility (㎡ ㎏)
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
  [0xfe00, 0xfe0f], // Variation Selectors
  [0xfe30, 0xfe6f], // CJK Compatibility Forms, Small Form Variants
  [0xff00, 0xffef], // Halfwidth and Fullwidth Forms (，：；（）％￥)
  [0x20000, 0x3ffff], // Ideographs beyond the BMP (Extension B and later) that the font has
];

/**
 * The characters of a rectangle of GBK's two-byte code space (code page 936), as the WHATWG `gbk`
 * decoder maps them, except the user-defined areas (mapped to private use). The whole space
 * (lead 0x81–0xFE, trail 0x40–0xFE) is GBK; lead 0xA1–0xF7 by trail 0xA1–0xFE is GB 2312.
 */
function gbkCharacters({ leads = [0x81, 0xfe], trails = [0x40, 0xfe] } = {}) {
  const decoder = new TextDecoder("gbk");
  const out = new Set();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) {
      if (trail === 0x7f) continue;
      const text = decoder.decode(new Uint8Array([lead, trail]));
      const cp = text.codePointAt(0) ?? 0xfffd;
      if ([...text].length === 1 && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) out.add(cp);
    }
  }
  return out;
}

/** Text files under a folder, sorted (so the result does not depend on directory order). */
function textFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...textFiles(full));
    else if (/\.(hbs|ya?ml|json|md|ts|mjs)$/.test(name) && !name.endsWith(".generated.ts")) out.push(full);
  }
  return out;
}

/** Every character the built-in packs, agreement layouts, examples and source code use. */
function repoCharacters() {
  const out = new Set();
  for (const dir of ["clauses", "templates", "examples", "src"]) {
    for (const file of textFiles(join(root, dir))) {
      for (const ch of readFileSync(file, "utf8")) {
        const cp = ch.codePointAt(0) ?? 0;
        if (cp >= 0x20) out.add(cp);
      }
    }
  }
  return out;
}

const gbk = gbkCharacters();
const gb2312 = gbkCharacters({ leads: [0xa1, 0xf7], trails: [0xa1, 0xfe] });
const used = repoCharacters();
const IDEOGRAPHS = [
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x3ffff],
];
const ideograph = inRanges(IDEOGRAPHS);
const wanted = {
  latin: (cp) => inRanges(LATIN_RANGES)(cp) || used.has(cp),
  cjk: (cp) => inRanges(CJK_RANGES)(cp) || gbk.has(cp) || used.has(cp),
  // Bold sets headings (our own text, all in `used`) and the few bold deal values (party names on
  // the signature page), so it keeps GB 2312's hanzi only, not every ideograph: 3.4 MB instead of
  // 11.2. The PDF renderer sets a bold run whose character the bold face lacks in the regular face
  // (src/render/pdf/writer.ts), so a rare name still prints, in regular weight.
  cjkBold: (cp) => (inRanges(CJK_RANGES)(cp) && !ideograph(cp)) || gb2312.has(cp) || used.has(cp),
};

mkdirSync(outDir, { recursive: true });
const rows = [];
for (const face of FACES) {
  const source = readFileSync(join(face.from.dir, face.file));
  const font = fontkit.create(source);
  const keep = [...font.characterSet].filter(wanted[face.set]).sort((a, b) => a - b);
  const bytes = await subsetFont(source, String.fromCodePoint(...keep), {
    targetFormat: "truetype",
    // Besides the names harfbuzz keeps (family, style, version, PostScript name): the licence and its URL.
    preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 13, 14],
  });
  const check = fontkit.create(bytes);
  const lost = keep.filter((cp) => !check.hasGlyphForCodePoint(cp));
  if (lost.length > 0) throw new Error(`${face.out}: the subset lost ${lost.length} characters`);
  writeFileSync(join(outDir, face.out), bytes);
  rows.push({ ...face, sourceSize: source.length, size: bytes.length, chars: keep.length, postscriptName: check.postscriptName });
  console.log(`${face.out}: ${keep.length} characters, ${(source.length / 1e6).toFixed(2)} MB -> ${(bytes.length / 1e6).toFixed(2)} MB`);
}

// One licence file for both families: their copyright lines, then the licence (the same text).
const licence = (p) => readFileSync(join(p.dir, "LICENSE_FONT"), "utf8").replace(/\r\n/g, "\n");
const [latinCopyright, ...latinRest] = licence(latin).split("\n");
const [cjkCopyright] = licence(cjk).split("\n");
writeFileSync(join(outDir, "OFL.txt"), `Noto Serif: ${latinCopyright}\nNoto Serif SC: ${cjkCopyright}\n${latinRest.join("\n").replace(/[ \t]+$/gm, "")}`);

const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
const total = rows.reduce((n, r) => n + r.size, 0);
const gbkHan = [...gbk].filter((cp) => cp >= 0x4e00 && cp <= 0x9fff).length;
const cjkSource = fontkit.create(readFileSync(join(cjk.dir, FACES[4].file)));
const gbkLacking = [...gbk].filter((cp) => !cjkSource.hasGlyphForCodePoint(cp)).map((cp) => `${String.fromCodePoint(cp)} U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
writeFileSync(
  join(outDir, "README.md"),
  `# Fonts

Generated by \`node scripts/subset-fonts.mjs\` — do not edit; run the script again instead.

The PDF renderer's default fonts: Noto Serif for Latin text and Noto Serif SC for runs that contain
Chinese, subset with harfbuzz (${"`"}subset-font${"`"} ${subsetter.version}, ${"`"}harfbuzzjs${"`"} ${harfbuzz.version}) from
the npm packages \`${LATIN_PACKAGE}\` ${latin.version} and \`${CJK_PACKAGE}\` ${cjk.version}
(devDependencies). Licence: SIL Open Font License 1.1, see [OFL.txt](OFL.txt); these subsets are
Modified Versions in its terms. The PDF embeds a further subset with only the glyphs it uses.

| file | PostScript name | characters | size | source file | source size |
| --- | --- | ---: | ---: | --- | ---: |
${rows.map((r) => `| ${r.out} | ${r.postscriptName} | ${r.chars} | ${mb(r.size)} | ${r.file.split("/").pop()} | ${mb(r.sourceSize)} |`).join("\n")}
| total | | | ${mb(total)} | | |

## Character sets

Each face keeps the characters below that its source font has; nothing is added.

- **Noto Serif** (Latin): Basic Latin, Latin-1, Latin Extended-A, -B and Additional, IPA and
  spacing modifiers, combining diacritics, Greek, Cyrillic and Cyrillic Supplement, General
  Punctuation through Mathematical Operators (dashes, quotes, •, …, ‰, currency signs incl. € £ ¥ ₹,
  №, ™, fractions, arrows, −), Geometric Shapes, the f-ligatures. Left out: polytonic Greek
  and the rare Latin and Cyrillic extension blocks.
- **Noto Serif SC Regular** (Chinese): every character of GBK (${gbk.size} characters, ${gbkHan} of them hanzi in the
  CJK Unified Ideographs block; GBK contains all of GB 2312) but ${gbkLacking.join(", ")}, which the font lacks; every other ideograph the font has
  in CJK Unified Ideographs (U+4E00–9FFF), CJK Compatibility Ideographs and beyond the BMP
  (Extension B and later); CJK punctuation, full-width and half-width forms, enclosed numbers
  (① ⑴ ㈠), CJK compatibility symbols (㎡), general punctuation, currency and letterlike symbols;
  Latin, Greek and Cyrillic as far as the font has them. **Left out: CJK Extension A**
  (U+3400–4DBF, 6,592 rare characters, about 3.4 MB per weight).
- **Noto Serif SC Bold**: the same, except that of the ideographs it keeps only GB 2312's 6,763
  hanzi (and every character our own text uses). A bold run with a character outside that (a rare
  character in a party's name on the signature page) is set in the regular face, so it prints in
  regular weight rather than failing.
- Both: every character used in \`clauses/\`, \`templates/\`, \`examples/\` and \`src/\` that the font has.

A character outside these sets stops a PDF with \`RENDER_MISSING_GLYPH\`, naming it; pass a font
that has it (CLI \`--font\`, API \`fontsWithChineseFont()\`), e.g. the whole Noto Serif SC.

## Regenerating

\`\`\`sh
npm ci                          # installs the font packages and subset-font (devDependencies)
node scripts/subset-fonts.mjs   # rewrites fonts/
\`\`\`
`,
);
console.log(`fonts/: ${mb(total)} in ${rows.length} faces`);
