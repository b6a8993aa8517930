/**
 * Caches that outlive a draft are bounded and keyed by what makes their entries the same: a font
 * file by its identity, however its path is spelled; template hashes by bytes, not entries.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync, symlinkSync, utimesSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { Catalog } from "../src/catalog/catalog.js";
import type { Deal } from "../src/deal/schema.js";
import type { AssemblyDetails } from "../src/assemble/build.js";
import { BoundedCache } from "../src/bounded-cache.js";
import { ClausewrightError } from "../src/errors/error.js";
import { FONT_FILES_KEPT, fontFileReadCount, fontsWithChineseFont } from "../src/node/fonts.js";
import { buildRecord, sha256, TEMPLATE_HASH_CACHE_BYTES, templateHashCacheBytes } from "../src/record/record.js";
import { fontParseCount, parsedCjkFonts } from "../src/render/pdf/fonts.js";
import { ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";

describe("BoundedCache", () => {
  it("drops the least recently used entries to stay within its bytes and entries; an entry over the budget is not kept", () => {
    const cache = new BoundedCache<string, string>({ maxBytes: 10, maxEntries: 3, sizeOf: (v) => v.length });
    cache.set("a", "xxx");
    cache.set("b", "yyy");
    cache.set("c", "zzz");
    expect(cache.get("a")).toBe("xxx"); // a is now the most recently used: b goes first
    cache.set("d", "ww");
    expect([cache.get("b"), cache.get("c"), cache.get("d"), cache.size, cache.bytes]).toEqual([undefined, "zzz", "ww", 3, 8]);
    cache.set("e", "vvvvvvvv"); // 8 bytes: a and c go (the least recently used), d stays
    expect([cache.get("a"), cache.get("c"), cache.get("d"), cache.get("e"), cache.bytes]).toEqual([undefined, undefined, "ww", "vvvvvvvv", 10]);
    cache.set("f", "u".repeat(11));
    expect([cache.get("f"), cache.size, cache.bytes]).toEqual([undefined, 2, 10]);
    cache.set("d", "w"); // replacing an entry counts its new size
    expect([cache.get("d"), cache.bytes]).toEqual(["w", 9]);
  });
});

describe("font files are read and parsed once, whatever the path's spelling", () => {
  it("20 spellings of one file (relative, absolute, //, ./, .., symbolic and hard links): one read, one parse, one set", () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, "fonts"));
      const file = join(dir, "fonts", "x.ttf");
      copyFileSync(join(ROOT, "fonts", "NotoSerif-Regular.ttf"), file);
      symlinkSync(file, join(dir, "link.ttf"));
      symlinkSync(join(dir, "fonts"), join(dir, "dir-link"));
      linkSync(file, join(dir, "hard.ttf"));
      const rel = relative(process.cwd(), file);
      const spellings = [
        file,
        rel,
        `./${rel}`,
        rel.replace(/\//g, "//"),
        file.replace(/\//g, "//"),
        join(dir, "fonts", ".", "x.ttf").replace("/x.ttf", "/./x.ttf"),
        `${dir}/fonts/../fonts/x.ttf`,
        `${dir}/fonts/./../fonts/./x.ttf`,
        `${dir}//fonts///x.ttf`,
        join(dir, "link.ttf"),
        `${dir}/./link.ttf`,
        join(dir, "dir-link", "x.ttf"),
        `${dir}/dir-link/../fonts/x.ttf`,
        join(dir, "hard.ttf"),
        `${dir}//hard.ttf`,
        `${rel.replace("x.ttf", "")}../fonts/x.ttf`,
        `${relative(process.cwd(), dir)}/link.ttf`,
        `${relative(process.cwd(), dir)}/hard.ttf`,
        `${relative(process.cwd(), dir)}/dir-link/x.ttf`,
        `${dir}/fonts//./x.ttf`,
      ];
      expect(new Set(spellings).size).toBe(20);
      const reads = fontFileReadCount();
      const parses = fontParseCount();
      const sets = spellings.map((s) => fontsWithChineseFont(s));
      for (const set of sets) parsedCjkFonts(set);
      expect(new Set(sets).size).toBe(1);
      expect(fontFileReadCount() - reads).toBe(1);
      expect(fontParseCount() - parses).toBe(1);
      // The same bytes as a bold face: still one parse.
      parsedCjkFonts(fontsWithChineseFont(spellings[0] ?? "", spellings[1]));
      expect(fontParseCount() - parses).toBe(1);
      // A file changed in place is read again.
      utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
      parsedCjkFonts(fontsWithChineseFont(file));
      expect(fontFileReadCount() - reads).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the last FONT_FILES_KEPT files: a process that goes through more reads the oldest again", () => {
    const dir = tempDir();
    try {
      const files = Array.from({ length: FONT_FILES_KEPT + 1 }, (_, i) => {
        const f = join(dir, `f${i}.ttf`);
        copyFileSync(join(ROOT, "fonts", "NotoSerif-Bold.ttf"), f);
        return f;
      });
      const reads = fontFileReadCount();
      for (const f of files) fontsWithChineseFont(f);
      expect(fontFileReadCount() - reads).toBe(FONT_FILES_KEPT + 1);
      fontsWithChineseFont(files[FONT_FILES_KEPT] ?? "");
      expect(fontFileReadCount() - reads).toBe(FONT_FILES_KEPT + 1);
      fontsWithChineseFont(files[0] ?? "");
      expect(fontFileReadCount() - reads).toBe(FONT_FILES_KEPT + 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a folder is no font file", () => {
    const dir = tempDir();
    try {
      let error: unknown;
      try {
        fontsWithChineseFont(dir);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ClausewrightError);
      expect((error as ClausewrightError).problems.map((p) => [p.code, p.file, p.message])).toEqual([
        ["FONT_NOT_READABLE", dir, `Cannot read the Chinese regular font file ${dir}: not a regular file`],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the template-hash cache", () => {
  /** The record of one clause whose template is `source`, through a catalogue that holds just that. */
  function record(source: string): string {
    const template = new Map([["en", { source }]]);
    const catalog = { packs: [], overrides: [], clauses: new Map([["c", { compiled: new Map([["default", template]]) }]]) } as unknown as Catalog;
    const details = { agreement: "a", lang: "en", clauses: [{ id: "c", variant: "default", pack: "p", number: "1" }], omitted: [] } as unknown as AssemblyDetails;
    return buildRecord(catalog, {} as Deal, details, {}).clauses[0]?.templateSha256 ?? "";
  }

  it("is bounded by bytes: a few huge templates push older ones out instead of piling up", () => {
    // Each is a quarter of the budget in UTF-16: four fit, ten would be two and a half times the budget.
    const huge = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(TEMPLATE_HASH_CACHE_BYTES / 8, "x"));
    for (const source of huge) {
      expect(record(source)).toBe(sha256(source));
      expect(templateHashCacheBytes()).toBeLessThanOrEqual(TEMPLATE_HASH_CACHE_BYTES);
    }
    expect(templateHashCacheBytes()).toBeGreaterThan(TEMPLATE_HASH_CACHE_BYTES / 2);
    // Small templates are kept next to them, and hashed right.
    expect(record("{{customer.legalName}}")).toBe(sha256("{{customer.legalName}}"));
  });
});
