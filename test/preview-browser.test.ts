import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { describe, expect } from "vitest";
import { startPreview } from "../src/node/preview/index.js";
import { ROOT } from "./helpers/cli.js";
import { previewFixture } from "./helpers/preview.js";
import { itWithTools } from "./helpers/tools.js";

// The live preview in a real browser: Debian's chromium (installed by .ci/run), driven by
// playwright-core over its own protocol; no browser is downloaded. Screenshots go to
// $CLAUSEWRIGHT_SHOTS (default .vitest-tmp/) for a person to look at.
const SHOTS = process.env.CLAUSEWRIGHT_SHOTS ?? join(ROOT, ".vitest-tmp");
// A shared machine can be slow; this bounds the wait for something that comes in about a second, it does not time it.
const PATIENCE = { timeout: 60_000 };

// The browser globals the page functions below use (the project's TypeScript has no DOM library).
interface PageElement {
  readonly id: string;
  readonly textContent: string | null;
  getBoundingClientRect(): { readonly top: number };
  scrollIntoView(): void;
}
declare const document: { getElementById(id: string): PageElement | null; querySelector(selector: string): PageElement | null };
declare const window: { readonly scrollY: number; scrollBy(x: number, y: number): void; notReloaded?: boolean };

function chromiumPath(): string {
  return spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();
}

/** Where an element is in the window, and how far the page is scrolled. */
async function placeOf(page: Page, selector: string): Promise<{ top: number; scrollY: number }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    return { top: el.getBoundingClientRect().top, scrollY: window.scrollY };
  }, selector);
}

describe("clausewright preview in chromium", () => {
  itWithTools(["chromium"], "shows the agreement, redraws in place keeping the scroll position, shows a broken template's error with its line, and the agreement again once fixed", async () => {
    const fx = previewFixture();
    const preview = await startPreview({ deal: fx.deal, packs: [fx.pack], port: 0 });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      const refused: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
      });
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(preview.url);
      // The script ran (the CSP let it, by its nonce) and the event stream is open.
      await page.waitForFunction(() => document.getElementById("pv-live")?.textContent === "live", undefined, PATIENCE);

      const numbers = await page.$$eval("#pv-doc h2 .num", (els) => els.map((e) => e.textContent));
      expect(numbers.slice(0, 4)).toEqual(["1.", "2.", "3.", "4."]);
      expect(numbers).toContain("16.");
      expect(await page.textContent("#cw-hipaa-schedule")).toBe("16. HIPAA Business Associate Schedule");
      // The pack's warning about the liability clause sits right under its heading.
      expect(await page.$eval("#cw-liability + aside.pv-notes", (el) => el.textContent)).toContain("PACK_OVERRIDE");

      // Read from the liability clause on (after the schedule the edit changes), then screenshot agreement and problems.
      await page.evaluate(() => {
        document.getElementById("cw-liability")?.scrollIntoView();
        window.scrollBy(0, -120);
        window.notReloaded = true;
      });
      const before = await placeOf(page, "#cw-liability");
      expect(before.scrollY).toBeGreaterThan(2000);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, "preview-shot.png") });

      // Two more lines in the HIPAA schedule, above the part being read (in the English text only: a
      // sentence, not a paragraph, which the Chinese text would have to match).
      fx.edit(
        fx.template,
        "if the [[Customer]] did it.",
        "if the [[Customer]] did it. It keeps a register of every disclosure it makes under this Section, with the date, the recipient and the purpose of each, for six years after the disclosure, and gives a copy of it on request.",
      );
      await page.waitForFunction(() => document.getElementById("pv-doc")?.textContent?.includes("keeps a register of every disclosure"), undefined, PATIENCE);
      expect(await page.evaluate(() => window.notReloaded)).toBe(true);
      const after = await placeOf(page, "#cw-liability");
      // The clause being read stays where it was in the window; the page scrolled by the new lines' height.
      expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(2);
      expect(after.scrollY).toBeGreaterThan(before.scrollY);

      // Break the template: the error with its file, line and column, beside the schedule and in the status.
      fx.edit(fx.template, "{{#if extensions.healthcare.offshoreAccess}}", "{{#if extensions.healthcare.offshoreAccess}");
      await page.waitForSelector(".pv-stale-notice", PATIENCE);
      const loc = `${fx.pack}/clauses/hipaa-schedule/en.hbs:9:296`;
      expect(await page.$eval("#cw-hipaa-schedule + aside.pv-notes .pv-loc", (el) => el.textContent)).toBe(loc);
      expect(await page.textContent("#pv-status")).toContain("Not drafted");
      expect(await page.evaluate(() => window.notReloaded)).toBe(true);
      expect(Math.abs((await placeOf(page, "#cw-liability")).top - before.top)).toBeLessThanOrEqual(2);
      await page.evaluate(() => {
        document.getElementById("cw-hipaa-schedule")?.scrollIntoView();
        window.scrollBy(0, -60);
      });
      await page.screenshot({ path: join(SHOTS, "preview-shot-error.png") });

      // Fixed: the agreement again, current, with the new sentence.
      fx.edit(fx.template, "{{#if extensions.healthcare.offshoreAccess}", "{{#if extensions.healthcare.offshoreAccess}}");
      await page.waitForSelector("#pv-doc > .pv-current", PATIENCE);
      expect(await page.$(".pv-stale-notice")).toBeNull();
      expect(await page.$$("[data-code='TEMPLATE_SYNTAX']")).toEqual([]);
      expect(await page.textContent("#pv-status")).toContain("Drafted");
      expect(await page.textContent("#pv-doc")).toContain("keeps a register of every disclosure");
      expect(await page.evaluate(() => window.notReloaded)).toBe(true);

      // Nothing was refused by the Content-Security-Policy, and the page asked only its own server.
      expect(refused).toEqual([]);
      expect(requests.every((u) => u.startsWith(preview.url))).toBe(true);
    } finally {
      await browser?.close();
      await preview.close();
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });
});
