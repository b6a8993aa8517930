import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../../src/check/index.js";
import { type CliResult, runCli } from "../helpers/cli.js";
import { type DealCase, dealCase, dealText, seedDeal } from "./arbitraries.js";
import { CaseTimer, checkProperty } from "./config.js";
import { KNOWN_DEAL_CASES } from "./known.js";
import { isKnownCode, leftovers } from "./oracle.js";

// The deal fuzz corpus (test/fuzz/arbitraries.ts) through the CLI in this process, as a portal
// would pipe a user's deal into `clausewright check -` and `clausewright draft -`. Exit codes:
// 0 ok, 1 problems in the input, 2 usage, 3 internal error (a bug). Nothing a user can type may
// end in 3.

const out = mkdtempSync(join(tmpdir(), "cw-fuzz-cli-"));
const timers = { json: new CaseTimer(), human: new CaseTimer() };
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  for (const [name, t] of Object.entries(timers)) console.log(`CLI fuzz, ${name}: ${t.summary()}`);
});

const RULE_IDS: ReadonlySet<string> = new Set(builtinRules.map((r) => r.id));

/** The CLI arguments of a fuzz case: its language, its packs, `--force` for draft. */
function caseArgs(c: DealCase, command: "check" | "draft"): string[] {
  const seed = seedDeal(c.seed);
  return [command, "-", "--lang", seed.lang, ...seed.packs.flatMap((p) => ["--pack", p]), ...(command === "draft" ? ["--format", "md", "--out", out, ...(c.force ? ["--force"] : [])] : [])];
}

/** The start of what a run printed on stderr, for a failure message. */
function stderrHead(r: CliResult): string {
  return r.stderr.split("\n").slice(0, 6).join("\n");
}

interface JsonReport {
  ok: boolean;
  problems: { id: string }[];
}

/** check --json and draft --json: exit 0 or 1, `ok` saying which, documented problem ids, no leftovers in a written draft. */
async function checkJsonCase(c: DealCase): Promise<void> {
  const stdin = dealText(c);
  for (const command of ["check", "draft"] as const) {
    const r = await timers.json.time(`${command} ${c.seed}`, () => runCli([...caseArgs(c, command), "--json"], { stdin }));
    expect(r.code, `${command} exit code; stderr: ${stderrHead(r)}`).not.toBe(3);
    expect([0, 1], `${command} exit code`).toContain(r.code);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.ok).toBe(r.code === 0);
    // check reports its findings by rule id ("P1"), everything else by problem code.
    const unknown = report.problems.map((p) => p.id).filter((id) => !isKnownCode(id) && !(command === "check" && RULE_IDS.has(id)));
    expect(unknown, `${command}: problem ids not documented`).toEqual([]);
    timers.json.count(`${command} ${r.code === 0 ? "ok" : (report.problems[0]?.id ?? "?")}`);
    if (command === "draft" && r.code === 0) expect(leftovers(readFileSync(join(out, "agreement.md"), "utf8"), stdin), "leftovers in the Markdown").toEqual([]);
  }
}

/** check and draft with human output: never exit 3, never "internal error". */
async function checkHumanCase(c: DealCase): Promise<void> {
  const stdin = dealText(c);
  for (const command of ["check", "draft"] as const) {
    const r = await timers.human.time(`${command} ${c.seed}`, () => runCli(caseArgs(c, command), { stdin }));
    timers.human.count(`${command} ${r.code}`);
    expect(r.code, `${command} exit code; stderr: ${stderrHead(r)}`).not.toBe(3);
    expect(r.stderr).not.toContain("internal error");
  }
}

describe("CLI fuzzing", () => {
  it("check --json and draft --json end with exit 0 or 1, a report that says so, and documented problem ids", async () => {
    await checkProperty(fc.asyncProperty(dealCase(), checkJsonCase), 0x5eed_0003, 30);
  });

  it("never exits 3 (internal error) over the deal fuzz corpus: check and draft --format md, human output", async () => {
    await checkProperty(fc.asyncProperty(dealCase(), checkHumanCase), 0x5eed_0004, 30);
  });
});

describe("known hostile deal sheets through the CLI (issue 15)", () => {
  it.each(KNOWN_DEAL_CASES)("never exits 3: $name", async ({ input }) => checkHumanCase(input));
});
