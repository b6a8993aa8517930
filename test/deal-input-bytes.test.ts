import { closeSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readDealInput } from "../src/cli/deal-input.js";
import { runCli as runCliWith } from "../src/cli/run.js";
import { MAX_DEAL_BYTES } from "../src/deal/limits.js";
import { parseDealSheet } from "../src/deal/parse.js";
import { firstInvalidUtf8 } from "../src/deal/text-input.js";
import { readDealSheet } from "../src/node/deal-file.js";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";
import { exampleDealText } from "./fixtures/deals.js";
import { problemsOfAsync as problemsOf } from "./helpers/problems.js";

// Issue 15, item 5 (bad bytes and ambiguous data) and item 6 (files over 2 GB): what a deal sheet's
// bytes must be before any of it is read as a deal.

const NAME = "legalName: Harborview Logistics, Inc.";
const yamlText = exampleDealText();
const jsonText = JSON.stringify(parse(yamlText), null, 2);
/** The example deal with the customer's name in the bytes of another encoding, and where that name starts. */
function withNameBytes(name: Uint8Array): { bytes: Uint8Array; offset: number } {
  const [before = "", after = ""] = yamlText.split(NAME);
  const head = Buffer.from(`${before}legalName: `, "utf8");
  return { bytes: Buffer.concat([head, name, Buffer.from(after, "utf8")]), offset: head.byteLength };
}
const LATIN1 = withNameBytes(Buffer.from("Müller Straße GmbH", "latin1"));
// 北京蓝石有限公司 in GB18030 (iconv -t GB18030): no byte of it begins a UTF-8 character.
const GB18030 = withNameBytes(Buffer.from("b1b1bea9c0b6caafd3d0cfdeb9abcbbe", "hex"));
const NAME_LINE = yamlText.split("\n").findIndex((l) => l.includes(NAME)) + 1;

describe("a deal sheet must be UTF-8", () => {
  it.each([
    ["Latin-1 Müller Straße GmbH", LATIN1, 1, "FC 6C 6C 65"],
    ["GB18030 北京蓝石有限公司", GB18030, 0, "B1 B1 BE A9"],
  ])("%s is DEAL_NOT_UTF8 naming the byte offset and line (parseDealSheet)", async (_, { bytes, offset }, into, shown) => {
    const [p, ...rest] = await problemsOf(() => parseDealSheet(bytes, { file: "deal.yaml" }));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: "DEAL_NOT_UTF8", file: "deal.yaml", line: NAME_LINE, column: 14 + into });
    expect(p?.message).toBe(`Deal file deal.yaml is not UTF-8: the byte at offset ${offset + into} (line ${NAME_LINE}, column ${14 + into}; bytes ${shown}) does not form a UTF-8 character`);
    expect(p?.hint).toMatch(/^Save the file as UTF-8/);
  });

  it("readDealSheet and the CLI (file and stdin) refuse it too; the same text in UTF-8 is read", async () => {
    const dir = tempDir();
    const file = join(dir, "latin1.yaml");
    writeFileSync(file, LATIN1.bytes);
    expect((await problemsOf(() => readDealSheet(file)))[0]).toMatchObject({ code: "DEAL_NOT_UTF8", file, line: NAME_LINE });
    const r = await runCli(["check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error DEAL_NOT_UTF8 \\(${file.replace(/[.]/g, "\\.")}:${NAME_LINE}:15\\): `));
    const chunks = (async function* () {
      yield GB18030.bytes.subarray(0, 100);
      yield GB18030.bytes.subarray(100);
    })();
    expect((await problemsOf(() => readDealInput("-", { stdin: chunks, cwd: dir })))[0]).toMatchObject({ code: "DEAL_NOT_UTF8", file: "<stdin>", line: NAME_LINE });
    const utf8 = Buffer.from(yamlText.replace(NAME, "legalName: Müller Straße GmbH"), "utf8");
    expect(parseDealSheet(utf8).deal.customer.legalName).toBe("Müller Straße GmbH");
  });

  it("firstInvalidUtf8 refuses overlong forms, surrogates, code points above U+10FFFF and cut sequences", () => {
    const at = (...b: number[]): number => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x61, 0xc3, 0xa9, 0xe4, 0xb8, 0xad, 0xf0, 0x9f, 0x98, 0x80)).toBe(10); // "aé中😀"
    expect(at(0x61, 0xc0, 0xaf)).toBe(1); // overlong "/"
    expect(at(0xe0, 0x80, 0xaf)).toBe(0); // overlong, three bytes
    expect(at(0x61, 0xed, 0xa0, 0x80)).toBe(1); // U+D800
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(at(0x61, 0x62, 0xe4, 0xb8)).toBe(2); // cut short
  });
});

describe("a byte-order mark is accepted in JSON as in YAML", () => {
  const BOM = "\uFEFF";
  it("parseDealSheet: text and bytes", () => {
    for (const [text, format] of [
      [jsonText, "json"],
      [yamlText, "yaml"],
    ] as const) {
      expect(parseDealSheet(BOM + text, { format }).deal.customer.legalName).toBe("Harborview Logistics, Inc.");
      expect(parseDealSheet(Buffer.from(BOM + text, "utf8"), { format }).deal.customer.legalName).toBe("Harborview Logistics, Inc.");
    }
  });

  it("readDealSheet and the CLI: file and stdin", async () => {
    const dir = tempDir();
    const file = join(dir, "bom.json");
    writeFileSync(file, BOM + jsonText);
    expect((await readDealSheet(file)).deal.agreement.reference).toBe("CW-2026-0142");
    for (const r of [await runCli(["check", file]), await runCli(["check", "-"], { stdin: BOM + jsonText })]) {
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    }
  });
});

describe("a key given twice in JSON is refused as in YAML, on every path", () => {
  const dup = jsonText.replace('"legalName": "Harborview Logistics, Inc."', '"legalName": "Evil Corp",\n    "legalName": "Harborview Logistics, Inc."');
  const dupLine = dup.split("\n").findIndex((l) => l.includes('"legalName": "Harborview')) + 1;
  const expected = { code: "DEAL_DUPLICATE_KEY", path: ["customer", "legalName"], line: dupLine, column: 5 };

  it("parseDealSheet, readDealSheet, the CLI with a file and with stdin (also after a byte-order mark)", async () => {
    expect(dupLine).toBeGreaterThan(1);
    expect((await problemsOf(() => parseDealSheet(dup, { format: "json" })))[0]).toMatchObject(expected);
    expect((await problemsOf(() => parseDealSheet(`\uFEFF${dup}`, { format: "json" })))[0]).toMatchObject(expected);
    const dir = tempDir();
    const file = join(dir, "dup.json");
    writeFileSync(file, dup);
    expect((await problemsOf(() => readDealSheet(file)))[0]).toMatchObject({ ...expected, file });
    const fromFile = await runCli(["check", file]);
    const fromStdin = await runCli(["check", "-"], { stdin: `\uFEFF${dup}` });
    expect([fromFile.code, fromStdin.code]).toEqual([1, 1]);
    expect(fromFile.stderr).toContain(`error DEAL_DUPLICATE_KEY at customer.legalName (${file}:${dupLine}:5): customer.legalName is given twice`);
    expect(fromStdin.stderr).toContain(`error DEAL_DUPLICATE_KEY at customer.legalName (<stdin>:${dupLine}:5): customer.legalName is given twice`);
  });

  it("20,000 repeated keys are found in linear time: 101 problems, the first with its line", async () => {
    const many = `{${Array.from({ length: 20_000 }, () => '"k": 1').join(",")}}`;
    const problems = await problemsOf(() => parseDealSheet(many, { format: "json" }));
    expect(problems).toHaveLength(101);
    expect(problems[0]).toMatchObject({ code: "DEAL_DUPLICATE_KEY", path: ["k"], line: 1, column: 9 });
    expect(problems[100]).toMatchObject({ code: "DEAL_TOO_MANY_PROBLEMS", message: "19,899 more problems were found and are not shown (the first 100 are)" });
  });
});

describe("a deal sheet over MAX_DEAL_BYTES is refused before it is read whole", () => {
  it("a sparse 3 GiB file: DEAL_FILE_TOO_LARGE from its size alone (readDealSheet, CLI exit 1)", async () => {
    const dir = tempDir();
    const file = join(dir, "huge.yaml");
    const fd = openSync(file, "w");
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    const message = `Deal file ${file} is 3 GiB (3,221,225,472 bytes); the limit is 1 MiB (1,048,576 bytes)`;
    expect((await problemsOf(() => readDealSheet(file)))[0]).toMatchObject({ code: "DEAL_FILE_TOO_LARGE", file, message });
    const r = await runCli(["check", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error DEAL_FILE_TOO_LARGE (${file}): ${message}\n  hint: A deal sheet holds one deal's terms (a few KiB); check that this is the right file.\n`);
  });

  it("one byte over the limit is refused, the limit itself is read; a device that never ends stops at the limit", async () => {
    const dir = tempDir();
    const file = join(dir, "big.yaml");
    writeFileSync(file, `${yamlText}\n#`.padEnd(MAX_DEAL_BYTES + 1, "#"));
    expect((await problemsOf(() => readDealSheet(file)))[0]).toMatchObject({ code: "DEAL_FILE_TOO_LARGE" });
    writeFileSync(file, `${yamlText}\n#`.padEnd(MAX_DEAL_BYTES, "#"));
    expect((await readDealSheet(file)).deal.agreement.reference).toBe("CW-2026-0142");
    if (process.platform === "linux") {
      expect((await problemsOf(() => readDealSheet("/dev/zero")))[0]).toMatchObject({
        code: "DEAL_FILE_TOO_LARGE",
        message: "Deal file /dev/zero is more than 1 MiB (1,048,576 bytes); the limit is 1 MiB (1,048,576 bytes)",
      });
    }
  });

  it("stdin stops being read at the first chunk past the limit; text and bytes are measured in UTF-8", async () => {
    let pulled = 0;
    const endless = (async function* () {
      for (;;) {
        pulled++;
        yield new Uint8Array(64 * 1024);
      }
    })();
    let stderr = "";
    const code = await runCliWith(["check", "-"], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, stdin: endless, cwd: tempDir() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error DEAL_FILE_TOO_LARGE \(<stdin>\): Deal file <stdin> is more than 1 MiB \(1,048,576 bytes\); the limit is 1 MiB/);
    expect(pulled).toBe(17);
    // 400,000 Chinese characters are 1,200,000 bytes of UTF-8.
    const zh = `${yamlText}\n# ${"中".repeat(400_000)}`;
    expect((await problemsOf(() => parseDealSheet(zh)))[0]).toMatchObject({ code: "DEAL_FILE_TOO_LARGE" });
    expect((await problemsOf(() => readDealInput("-", { stdin: zh, cwd: tempDir() })))[0]).toMatchObject({ code: "DEAL_FILE_TOO_LARGE", file: "<stdin>" });
  });
});
