import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import { parsePack } from "../../src/catalog/parse-pack.js";
import { draft } from "../../src/draft.js";
import { packStack } from "../../src/node/pack-check.js";
import { runCli } from "../helpers/cli.js";
import { exampleDeal, exampleDealText } from "../fixtures/deals.js";
import { CaseTimer, checkProperty } from "./config.js";
import { KNOWN_PACK_CASES } from "./known.js";
import { isKnownCode, leftovers, outcomeOf } from "./oracle.js";
import { type PackCase, packCase } from "./pack-arbitraries.js";

// Generated packs (test/fuzz/pack-arbitraries.ts) through what `pack check` and `draft --pack`
// do, in this process: parsePack, the catalogue over the built-in pack, a Markdown draft of the
// example deal. A pack is untrusted: whatever its templates say, the result is a draft or typed
// problems, within a bounded time.

const timer = new CaseTimer();
const cliTimer = new CaseTimer();
const work = mkdtempSync(join(tmpdir(), "cw-fuzz-pack-"));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(`pack fuzz: ${timer.summary()}`);
  console.log(`pack fuzz, CLI: ${cliTimer.summary()}`);
});
const dealText = exampleDealText();

/** pack check, then a draft with the pack: success or typed problems, no leftovers in the draft. */
async function checkPackCase(c: PackCase): Promise<void> {
  const input = `${dealText}\n${Object.values(c.files).join("\n")}`;
  await timer.time(Object.keys(c.files).join(", "), async () => {
    // pack check: the pack's own problems, then the catalogue's (with its warnings).
    const parsed = parsePack(c.files);
    const unknown = parsed.problems.map((p) => p.code).filter((code) => !isKnownCode(code, { packRules: true }));
    expect(unknown, "parsePack problem codes").toEqual([]);
    if (!parsed.pack) {
      expect(parsed.problems.length, "a pack that could not be built says why").toBeGreaterThan(0);
      timer.count(parsed.problems[0]?.code ?? "?");
      return;
    }
    const pack = parsed.pack;
    const checked = await outcomeOf(() => createCatalog(packStack(pack)), { packRules: true });
    if (!checked.ok) {
      timer.count(checked.problems[0].code);
      return;
    }
    expect(
      checked.value.warnings.map((w) => w.code).filter((code) => !isKnownCode(code, { packRules: true })),
      "catalogue warning codes",
    ).toEqual([]);
    const drafted = await outcomeOf(() => draft(exampleDeal(), { catalog: checked.value, formats: ["md"], force: true }), { packRules: true });
    timer.count(drafted.ok ? "drafted" : drafted.problems[0].code);
    if (drafted.ok) expect(leftovers(drafted.value.markdown, input), "leftovers in the Markdown").toEqual([]);
  });
}

let packDirs = 0;

/** `pack check <dir>` and `draft - --pack <dir>` on the pack written to a folder: never exit 3. */
async function checkPackCli(c: PackCase): Promise<void> {
  const dir = join(work, `pack-${packDirs++}`);
  for (const [file, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  for (const args of [
    ["pack", "check", dir],
    ["draft", "-", "--pack", dir, "--format", "md", "--out", join(dir, "out")],
  ]) {
    const r = await cliTimer.time(args.slice(0, 2).join(" "), () => runCli(args, { stdin: dealText }));
    cliTimer.count(`${args[0]} ${r.code}`);
    expect(r.code, `${args.slice(0, 2).join(" ")}: ${r.stderr.split("\n").slice(0, 4).join("\n")}`).not.toBe(3);
  }
}

describe("pack template fuzzing", () => {
  it("pack check and draft end in success or typed problems (PACK_/TEMPLATE_/ASSEMBLE_…), with no leftover placeholders", async () => {
    await checkProperty(fc.asyncProperty(packCase(), checkPackCase), 0x5eed_0005, 40);
  });

  it("pack check and draft --pack through the CLI never exit 3 (internal error)", async () => {
    await checkProperty(fc.asyncProperty(packCase(), checkPackCli), 0x5eed_0006, 8);
  });
});

describe("known hostile packs (issue 15)", () => {
  it.each(KNOWN_PACK_CASES)("library, bounded: $name", async ({ input }) => checkPackCase(input));
  it.each(KNOWN_PACK_CASES)("CLI never exits 3: $name", async ({ input }) => checkPackCli(input));
});
