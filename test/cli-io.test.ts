import { spawnSync } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { writeFilesAtomic } from "../src/node/write.js";
import { VERSION } from "../src/version.js";
import { variant } from "./helpers/check.js";
import { ROOT, runCli, runCliProcess, type CliResult } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";
import { exampleDealText } from "./fixtures/deals.js";

const DEAL = "examples/deals/us-crm-enterprise.yaml";
const PACK = "examples/packs/healthcare";
const JSON_KEYS = ["clause", "column", "file", "hint", "id", "line", "message", "path", "severity"];

/** Every file and folder under `dir`, relative, sorted: what a failed run must leave as it found. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

/** The run failed with exactly one line on stderr, `error CODE (file): message`, and no stack trace. */
function oneLine(r: CliResult, code: string, file: string, message: string): void {
  expect(r.stderr).toBe(`error ${code} (${file}): ${message}\n`);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stdout).toBe("");
}

interface Report {
  ok: boolean;
  problems: Record<string, unknown>[];
  outputs?: string[];
}

function report(r: CliResult): Report {
  const out = JSON.parse(r.stdout) as Report;
  for (const p of out.problems) expect(Object.keys(p).sort()).toEqual(JSON_KEYS);
  return out;
}

describe("draft: an output that cannot be written is exit 1 with one line, and nothing is written", () => {
  it("--out is a file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "out"), "mine");
    const r = await runCli(["draft", DEAL, "--out", join(dir, "out"), "-f", "md,docx"]);
    expect(r.code).toBe(1);
    const file = join(dir, "out", "us-crm-enterprise.docx");
    oneLine(r, "OUTPUT_NOT_WRITABLE", file, `Cannot write ${file}: ${join(dir, "out")} is a file, not a folder; nothing was written`);
    expect(tree(dir)).toEqual(["out"]);
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("mine");
  });

  it("the folder of --out is a file (ENOTDIR)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    const r = await runCli(["draft", DEAL, "--out", join(dir, "file", "sub", "out"), "-f", "md"]);
    expect(r.code).toBe(1);
    const file = join(dir, "file", "sub", "out", "us-crm-enterprise.md");
    oneLine(r, "OUTPUT_NOT_WRITABLE", file, `Cannot write ${file}: ${join(dir, "file")} is a file, not a folder; nothing was written`);
    expect(tree(dir)).toEqual(["file"]);
  });

  it("--out goes through a symbolic link to nowhere", async () => {
    const dir = tempDir();
    symlinkSync(join(dir, "missing"), join(dir, "link"));
    const r = await runCli(["draft", DEAL, "--out", join(dir, "link", "out"), "-f", "md"]);
    expect(r.code).toBe(1);
    const file = join(dir, "link", "out", "us-crm-enterprise.md");
    oneLine(r, "OUTPUT_NOT_WRITABLE", file, `Cannot write ${file}: ${join(dir, "link")} is a symbolic link to a folder that does not exist; nothing was written`);
    expect(tree(dir)).toEqual(["link"]);
  });

  it("an output file's name is taken by a folder: the other formats are not written, an old file keeps its content", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "us-crm-enterprise.md"));
    writeFileSync(join(dir, "us-crm-enterprise.docx"), "old");
    const r = await runCli(["draft", DEAL, "--out", dir, "-f", "docx,md", "--record"]);
    expect(r.code).toBe(1);
    const file = join(dir, "us-crm-enterprise.md");
    oneLine(r, "OUTPUT_NOT_WRITABLE", file, `Cannot write ${file}: it is a folder; nothing was written`);
    expect(tree(dir)).toEqual(["us-crm-enterprise.docx", "us-crm-enterprise.md"]);
    expect(readFileSync(join(dir, "us-crm-enterprise.docx"), "utf8")).toBe("old");
  });

  // Node 20's mkdir({ recursive: true }) never returns for such a path; the draft must end.
  it.runIf(existsSync("/proc/self"))("--out under /proc, which takes no new folders", async () => {
    const r = await runCli(["draft", DEAL, "--out", "/proc/clausewright-test/out", "-f", "md"]);
    expect(r.code).toBe(1);
    const file = "/proc/clausewright-test/out/us-crm-enterprise.md";
    oneLine(r, "OUTPUT_NOT_WRITABLE", file, `Cannot write ${file}: cannot create the folder /proc/clausewright-test: /proc does not take new folders (ENOENT); nothing was written`);
  });

  it.runIf(existsSync("/proc/self"))("--out is /proc, which takes no new files", async () => {
    const r = await runCli(["draft", DEAL, "--out", "/proc", "-f", "md"]);
    expect(r.code).toBe(1);
    oneLine(r, "OUTPUT_NOT_WRITABLE", "/proc/us-crm-enterprise.md", "Cannot write /proc/us-crm-enterprise.md: /proc does not take new files (ENOENT); nothing was written");
  });
});

describe("writeFilesAtomic", () => {
  it("removes the folders it created when a later file fails", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "blocker"), "");
    const err = await writeFilesAtomic([
      { path: join(dir, "a", "b", "one.txt"), data: "1" },
      { path: join(dir, "blocker", "two.txt"), data: "2" },
    ]).catch((e: unknown) => e);
    expect(err).toMatchObject({ problems: [{ code: "OUTPUT_NOT_WRITABLE", file: join(dir, "blocker", "two.txt") }] });
    expect(tree(dir)).toEqual(["blocker"]);
  });

  it("replaces existing files and leaves no temporary or backup files", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "one.txt"), "old");
    await writeFilesAtomic([
      { path: join(dir, "one.txt"), data: "new 1" },
      { path: join(dir, "sub", "two.txt"), data: "new 2" },
    ]);
    expect(tree(dir)).toEqual(["one.txt", "sub", join("sub", "two.txt")]);
    expect(readFileSync(join(dir, "one.txt"), "utf8")).toBe("new 1");
  });
});

describe("a deal or pack that cannot be read is exit 1 (a pack folder argument: 2) with one line", () => {
  it.each([
    ["draft", ["--out", "OUT"]],
    ["check", []],
  ])("%s: a missing deal file, a folder, a path through a file", async (command, rest) => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    const args = (deal: string): string[] => [command, deal, ...rest.map((a) => (a === "OUT" ? join(dir, "out") : a))];
    const missing = join(dir, "nope.yaml");
    const a = await runCli(args(missing));
    expect(a.code).toBe(1);
    oneLine(a, "DEAL_FILE_UNREADABLE", missing, `Deal file ${missing} does not exist`);
    const b = await runCli(args(ROOT + "examples"));
    expect(b.code).toBe(1);
    oneLine(b, "DEAL_FILE_UNREADABLE", `${ROOT}examples`, `Cannot read deal file ${ROOT}examples: it is a folder, not a file (EISDIR)`);
    const through = join(dir, "file", "deal.yaml");
    const c = await runCli(args(through));
    expect(c.code).toBe(1);
    oneLine(c, "DEAL_FILE_UNREADABLE", through, `Cannot read deal file ${through}: a part of the path is a file, not a folder (ENOTDIR)`);
    expect(tree(dir)).toEqual(["file"]);
  });

  it.runIf(existsSync("/proc/self/mem"))("a deal in /proc that cannot be read", async () => {
    const r = await runCli(["check", "/proc/self/mem"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error DEAL_FILE_UNREADABLE \(\/proc\/self\/mem\): Cannot read deal file \/proc\/self\/mem: [^\n]+ \(E[A-Z]+\)\n$/);
  });

  it("draft --pack with a file instead of a folder", async () => {
    const dir = tempDir();
    const r = await runCli(["draft", DEAL, "--out", dir, "--pack", "README.md"]);
    expect(r.code).toBe(1);
    oneLine(r, "PACK_NOT_FOUND", "README.md", "Pack folder README.md is a file, not a folder");
    expect(tree(dir)).toEqual([]);
  });

  it.each([["check"], ["test"]])("pack %s with a file or a missing folder is a usage error", async (command) => {
    const file = await runCli(["pack", command, "README.md"]);
    expect(file.code).toBe(2);
    oneLine(file, "PACK_NOT_FOUND", "README.md", "Pack folder README.md is a file, not a folder");
    const missing = await runCli(["pack", command, "no/such/pack"]);
    expect(missing.code).toBe(2);
    oneLine(missing, "PACK_NOT_FOUND", "no/such/pack", "Pack folder no/such/pack does not exist");
  });

  it("--font that is a folder", async () => {
    const dir = tempDir();
    const r = await runCli(["draft", "examples/deals/cn-crm-standard.yaml", "--lang", "zh", "-f", "pdf", "--font", "examples", "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error FONT_NOT_READABLE \(.*examples\): Cannot read the Chinese regular font file .*examples: [^\n]*\n$/);
    expect(tree(dir)).toEqual([]);
  });
});

describe("pack test: snapshots that cannot be read or written", () => {
  function copyPack(): string {
    const dir = join(tempDir(), "hc");
    cpSync(join(ROOT, PACK), dir, { recursive: true });
    return dir;
  }

  it("a snapshot that is a folder is PACK_NOT_READABLE", async () => {
    const dir = copyPack();
    rmSync(join(dir, "snapshots/en.md"));
    mkdirSync(join(dir, "snapshots/en.md"));
    const r = await runCli(["pack", "test", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${dir}/snapshots/en.md PACK_NOT_A_FILE ${dir}/snapshots/en.md is not a regular file\n`);
    expect(r.stderr).toBe("");
  });

  it("--update where snapshots/ is a file is OUTPUT_NOT_WRITABLE, and the file stays", async () => {
    const dir = copyPack();
    rmSync(join(dir, "snapshots"), { recursive: true });
    writeFileSync(join(dir, "snapshots"), "not a folder");
    const r = await runCli(["pack", "test", dir, "--update"]);
    expect(r.code).toBe(1);
    const file = `${dir}/snapshots/en.md`;
    expect(r.stdout).toContain(`${file} OUTPUT_NOT_WRITABLE Cannot write ${file}: ${dir}/snapshots is a file, not a folder; nothing was written\n`);
    expect(readFileSync(join(dir, "snapshots"), "utf8")).toBe("not a folder");
  });
});

describe("--json: { ok, problems, outputs? } on stdout, nothing on stderr", () => {
  it("draft: the files written", async () => {
    const dir = tempDir();
    const r = await runCli(["draft", DEAL, "--out", dir, "-f", "md,docx", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(report(r)).toEqual({ ok: true, problems: [], outputs: [join(dir, "us-crm-enterprise.docx"), join(dir, "us-crm-enterprise.md")] });
    expect(tree(dir)).toEqual(["us-crm-enterprise.docx", "us-crm-enterprise.md"]);
  });

  it("draft: an invalid deal, with its position", async () => {
    const dir = tempDir();
    const deal = join(dir, "bad.yaml");
    writeFileSync(deal, exampleDealText().replace("2026-12-01", "2026-02-30"));
    const r = await runCli(["draft", deal, "--out", join(dir, "out"), "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const out = report(r);
    expect(out).toMatchObject({ ok: false, outputs: [] });
    expect(Object.keys(out)).toEqual(["ok", "problems", "outputs"]);
    expect(out.problems[0]).toMatchObject({ id: "DEAL_INVALID_DATE", severity: "error", path: "agreement.effectiveDate", file: deal, line: 6, hint: null, clause: null });
    expect(tree(dir)).toEqual(["bad.yaml"]);
  });

  it("draft: an output that cannot be written", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "out"), "");
    const r = await runCli(["draft", DEAL, "--out", join(dir, "out"), "-f", "md", "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const file = join(dir, "out", "us-crm-enterprise.md");
    expect(report(r)).toEqual({
      ok: false,
      problems: [
        {
          id: "OUTPUT_NOT_WRITABLE",
          severity: "error",
          message: {
            en: `Cannot write ${file}: ${join(dir, "out")} is a file, not a folder; nothing was written`,
            zh: `Cannot write ${file}: ${join(dir, "out")} is a file, not a folder; nothing was written`,
          },
          path: null,
          hint: null,
          file,
          line: null,
          column: null,
          clause: null,
        },
      ],
      outputs: [],
    });
  });

  it("draft --force: ok, with the overridden check error among the problems", async () => {
    const dir = tempDir();
    const deal = join(dir, "deal.yaml");
    writeFileSync(
      deal,
      stringify(
        variant(
          (d) =>
            (d.fees.stages = [
              { percent: 30, trigger: "signing" },
              { percent: 60, trigger: "goLive" },
            ]),
        ),
      ),
    );
    const r = await runCli(["draft", deal, "--out", join(dir, "out"), "-f", "md", "--force", "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = report(r);
    expect(out.ok).toBe(true);
    expect(out.problems).toContainEqual(expect.objectContaining({ id: "CHECK_P1", severity: "error", path: "fees.stages", file: deal }));
    expect(out.outputs).toEqual([join(dir, "out", "deal.md")]);
  });

  it("check: a deal file that cannot be read", async () => {
    const r = await runCli(["check", "no/such/deal.yaml", "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    expect(report(r)).toMatchObject({ ok: false, problems: [{ id: "DEAL_FILE_UNREADABLE", file: "no/such/deal.yaml", path: null }] });
    expect(Object.keys(report(r))).toEqual(["ok", "problems"]);
  });

  it("pack check: ok, a pack with errors (file, line, column), and a missing folder (exit 2)", async () => {
    const good = await runCli(["pack", "check", PACK, "--json"]);
    expect(good.code).toBe(0);
    // Its one problem is the warning that it replaces the built-in liability wording, as it declares.
    expect(report(good).problems.map((p) => p["id"])).toEqual(["PACK_OVERRIDE"]);
    expect(report(good).ok).toBe(true);
    const dir = join(tempDir(), "bad");
    cpSync(join(ROOT, PACK), dir, { recursive: true });
    const fields = join(dir, "fields.yaml");
    writeFileSync(fields, `${readFileSync(fields, "utf8")}\n  - [unclosed\n`);
    const bad = await runCli(["pack", "check", dir, "--json"]);
    expect(bad.code).toBe(1);
    const out = report(bad);
    expect(out.ok).toBe(false);
    expect(out.problems[0]).toMatchObject({ id: "PACK_YAML_SYNTAX", severity: "error", file: fields, line: expect.any(Number) as number });
    const missing = await runCli(["pack", "check", "no/such/pack", "--json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("");
    expect(report(missing)).toMatchObject({ ok: false, problems: [{ id: "PACK_NOT_FOUND", file: "no/such/pack" }] });
  });
});

describe("- reads the deal from standard input", () => {
  const yamlText = exampleDealText();
  const jsonText = JSON.stringify(parse(yamlText), null, 2);

  it("check: YAML and JSON, told apart by content", async () => {
    for (const stdin of [yamlText, jsonText]) {
      const r = await runCli(["check", "-"], { stdin });
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe("No problems found.\n");
      expect(r.code).toBe(0);
    }
  });

  it("problems name <stdin> with the line and column, in YAML and in JSON", async () => {
    const yaml = await runCli(["check", "-"], { stdin: yamlText.replace("2026-12-01", "2026-02-30") });
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/^error DEAL_INVALID_DATE at agreement\.effectiveDate \(<stdin>:6:\d+\): /);
    const json = await runCli(["check", "-", "--json"], { stdin: '{ "agreement": {} } x' });
    expect(json.code).toBe(1);
    expect(report(json).problems[0]).toMatchObject({ id: "DEAL_JSON_SYNTAX", file: "<stdin>", line: 1, column: 21 });
    const empty = await runCli(["check", "-"], { stdin: "" });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe("error DEAL_EMPTY (<stdin>): The deal sheet is empty\n");
  });

  it("draft: the files are named agreement.* unless --name says otherwise", async () => {
    const dir = tempDir();
    const r = await runCli(["draft", "-", "--out", dir, "-f", "md"], { stdin: jsonText });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(dir, "agreement.md")}\n`);
    const named = await runCli(["draft", "-", "--out", dir, "-f", "md", "--name", "harborview"], { stdin: yamlText });
    expect(named.code).toBe(0);
    expect(tree(dir)).toEqual(["agreement.md", "harborview.md"]);
    expect(readFileSync(join(dir, "harborview.md"), "utf8")).toBe(readFileSync(join(dir, "agreement.md"), "utf8"));
  });
});

describe("in-process runs resolve paths against io.cwd", () => {
  it("a relative deal, pack and --out", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deal.yaml"), exampleDealText());
    cpSync(join(ROOT, PACK), join(dir, "hc"), { recursive: true });
    const before = process.cwd();
    const r = await runCli(["draft", "deal.yaml", "--out", "out", "-f", "md"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("wrote out/deal.md\n");
    expect(existsSync(join(dir, "out", "deal.md"))).toBe(true);
    expect((await runCli(["pack", "check", "hc"], { cwd: dir })).stdout).toMatch(/PACK_OVERRIDE .*\nok: hc \(1 warning\(s\)\)\n$/);
    expect(process.cwd()).toBe(before);
  });
});

describe("the bin (a real process)", () => {
  it("starts with a shebang and prints the version", () => {
    // The bin package.json names: a shebang, executable (the bundle itself is shared chunks, without one).
    expect(readFileSync(join(ROOT, "bin/clausewright.js"), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(statSync(join(ROOT, "bin/clausewright.js")).mode & 0o111).not.toBe(0);
    const r = runCliProcess(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: "" });
  });

  it("reads a deal piped to stdin, and exits 1 with one line when the output cannot be written", () => {
    const ok = runCliProcess(["check", "-", "--json"], { input: exampleDealText() });
    expect(ok.stderr).toBe("");
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, problems: [] });
    expect(ok.code).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, "out"), "");
    const bad = runCliProcess(["draft", "-", "--out", join(dir, "out"), "-f", "md"], { input: exampleDealText() });
    expect(bad.code).toBe(1);
    const file = join(dir, "out", "agreement.md");
    expect(bad.stderr).toBe(`error OUTPUT_NOT_WRITABLE (${file}): Cannot write ${file}: ${join(dir, "out")} is a file, not a folder; nothing was written\n`);
  });

  it.runIf(existsSync("/dev/full"))("a standard output that cannot be written is one line and exit 1", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "dist/cli.js"), "schema"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", full, "pipe"] });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("error: cannot write to standard output: no space left on the device (ENOSPC)\n");
    } finally {
      closeSync(full);
    }
  });

  it("a reader that closes the pipe early ends the run quietly", () => {
    // Whether the CLI is still writing when the reader goes depends on timing; either way the
    // run must end with exit 0 and nothing on stderr.
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" dist/cli.js schema --pack ${PACK} | head -c 1 >/dev/null`], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
