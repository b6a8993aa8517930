// The package as a user gets it: packed into a tarball (from the dist/ that `npm test` built),
// installed into an empty project, imported as ESM and CommonJS, run as a command, and compiled
// against with `tsc --strict` using the README's own examples, verbatim.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
let work: string;
let tarball: string;
let app: string;

function run(cmd: string, args: string[], cwd: string, input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", ...(input === undefined ? {} : { input }), env: { ...process.env, npm_config_update_notifier: "false" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function sizeOf(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** The fenced ```js / ```ts blocks of a Markdown file that import the package. */
function examplesOf(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:js|ts|mjs|javascript|typescript)\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
  return blocks.filter((b) => /from "clausewright(\/node)?"/.test(b));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cw-package-"));
  // --ignore-scripts: npm test has just built dist/; prepack would build it a second time.
  const packed = run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT);
  expect(packed.stderr).not.toMatch(/ERR!/);
  const [info] = JSON.parse(packed.stdout) as { filename: string }[];
  tarball = join(work, info?.filename ?? "");
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const installed = run(npm, ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"], app);
  expect(installed.stderr).not.toMatch(/ERR!/);
  expect(installed.code).toBe(0);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("contains the built library, the command, fonts, licence and docs, and no sources or tests", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ""));
    for (const f of [
      "dist/index.js",
      "dist/index.cjs",
      "dist/index.d.ts",
      "dist/index.d.cts",
      "dist/node.js",
      "dist/node.cjs",
      "dist/node.d.ts",
      "dist/node.d.cts",
      "dist/queue.js",
      "dist/queue.cjs",
      "dist/queue.d.ts",
      "dist/queue.d.cts",
      "dist/cli.js",
      "dist/batch-worker.js",
      "dist/THIRD-PARTY-LICENSES.md",
      "bin/clausewright.js",
      "LICENSE",
      "README.md",
      "docs/clause-packs.md",
      "docs/checks.md",
      "examples/api.mjs",
      "examples/deals/us-crm-enterprise.yaml",
      "clauses/crm/pack.yaml",
      "fonts/OFL.txt",
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith("fonts/") && f.endsWith(".ttf")).length).toBe(6);
    expect(files.filter((f) => /^(src|test|bench|scripts)\//.test(f) || f.startsWith("docs/review/"))).toEqual([]);
  });

  it("installs in under 60 MB with its dependencies", () => {
    const mb = sizeOf(join(app, "node_modules")) / 1024 / 1024;
    expect(mb).toBeLessThan(60);
  });

  it("links every README and guide link to a file the package contains", () => {
    const root = join(app, "node_modules", pkg.name);
    for (const doc of [
      "README.md",
      ...readdirSync(join(root, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ]) {
      const text = readFileSync(join(root, doc), "utf8");
      const base = doc.includes("/") ? "docs" : ".";
      for (const m of text.matchAll(/\]\(([^)#\s]+)(#[^)\s]*)?\)/g)) {
        const target = m[1] ?? "";
        if (/^[a-z]+:/.test(target)) continue;
        expect(() => statSync(join(root, base, target)), `${doc} links to ${target}`).not.toThrow();
      }
    }
  });
});

describe("the installed package", () => {
  it("imports every entry point as ESM and CommonJS, with one copy of the library", () => {
    const esm = run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
      const a = await import("clausewright"); const b = await import("clausewright/node");
      console.log(JSON.stringify({ draft: typeof a.draft, same: a.draft === b.draft && a.ClausewrightError === b.ClausewrightError, version: a.VERSION }));`,
      ],
      app,
    );
    expect(esm.stderr).toBe("");
    expect(JSON.parse(esm.stdout)).toEqual({ draft: "function", same: true, version: pkg.version });
    const cjs = run(
      process.execPath,
      [
        "--input-type=commonjs",
        "-e",
        `
      const a = require("clausewright"); const b = require("clausewright/node");
      console.log(JSON.stringify({ draft: typeof a.draft, same: a.draft === b.draft && a.ClausewrightError === b.ClausewrightError, version: a.VERSION }));`,
      ],
      app,
    );
    expect(cjs.stderr).toBe("");
    expect(JSON.parse(cjs.stdout)).toEqual({ draft: "function", same: true, version: pkg.version });
  });

  it("loads clausewright/queue without bullmq (an optional peer) and says what to install when it is used", () => {
    const script = (load: string) => `
      ${load}
      (async () => {
        const codes = [];
        for (const use of [() => queue.enqueueDeals({ connection: {}, queueName: "q" }, []), () => queue.createDraftWorker({ connection: {}, queueName: "q", store: { dir: "." } })]) {
          try { await use(); codes.push("no error"); } catch (e) { codes.push(e.code); }
        }
        console.log(JSON.stringify({ enqueueDeals: typeof queue.enqueueDeals, codes }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const expected = { enqueueDeals: "function", codes: ["QUEUE_BULLMQ_MISSING", "QUEUE_BULLMQ_MISSING"] };
    const esm = run(process.execPath, ["--input-type=module", "-e", script('const queue = await import("clausewright/queue");')], app);
    expect(esm.stderr).toBe("");
    expect(JSON.parse(esm.stdout)).toEqual(expected);
    const cjs = run(process.execPath, ["--input-type=commonjs", "-e", script('const queue = require("clausewright/queue");')], app);
    expect(cjs.stderr).toBe("");
    expect(JSON.parse(cjs.stdout)).toEqual(expected);
  });

  it("drafts an English DOCX, PDF and Markdown and a Chinese PDF through CommonJS", () => {
    const r = run(
      process.execPath,
      [
        "--input-type=commonjs",
        "-e",
        `
      const { draft, defaultFonts, readDealFile } = require("clausewright/node");
      (async () => {
        const deal = await readDealFile(require.resolve("clausewright/package.json").replace("package.json", "examples/deals/cn-crm-standard.yaml"));
        const en = await draft(deal, { fonts: defaultFonts() });
        const zh = await draft(deal, { lang: "zh", formats: ["pdf"], fonts: defaultFonts() });
        console.log(JSON.stringify({ docx: en.docx.length > 10000, pdf: en.pdf.length > 10000, md: en.markdown.length > 1000, zh: zh.pdf.length > 10000 }));
      })().catch((e) => { console.error(e); process.exit(1); });`,
      ],
      app,
    );
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ docx: true, pdf: true, md: true, zh: true });
  });

  it("drafts many deals on worker threads through ESM and CommonJS, and with the bin's batch", () => {
    const script = (load: string) => `
      ${load}
      (async () => {
        const deal = await readDealFile(require.resolve("clausewright/package.json").replace("package.json", "examples/deals/us-crm-enterprise.yaml"));
        const names = [];
        for await (const r of draftMany([deal, { ...deal, agreement: { ...deal.agreement, reference: "X-2" } }], { concurrency: 2, formats: ["md"] })) names.push(r.ok ? r.files[0].name : r.problems[0].code);
        console.log(JSON.stringify(names.sort()));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const cjs = run(process.execPath, ["--input-type=commonjs", "-e", script('const { draftMany, readDealFile } = require("clausewright/node");')], app);
    expect(cjs.stderr).toBe("");
    expect(JSON.parse(cjs.stdout)).toEqual(["CW-2026-0142.md", "X-2.md"]);
    const esm = run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        script('import { createRequire } from "node:module"; const require = createRequire(import.meta.url); const { draftMany, readDealFile } = await import("clausewright/node");'),
      ],
      app,
    );
    expect(esm.stderr).toBe("");
    expect(JSON.parse(esm.stdout)).toEqual(["CW-2026-0142.md", "X-2.md"]);
    const bin = join(app, "node_modules", ".bin", "clausewright");
    const out = join(work, "batch-out");
    const batch = run(bin, ["batch", join(app, "node_modules", pkg.name, "examples/deals"), "--format", "md", "--out", out, "--jobs", "2"], app);
    expect(batch.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".md")).length).toBe(12);
    expect(readdirSync(out)).toContain("batch-report.json");
  });

  it("runs the bin and the README's library example", () => {
    const bin = join(app, "node_modules", ".bin", "clausewright");
    expect(run(bin, ["--version"], app).stdout.trim()).toBe(pkg.version);
    const out = join(work, "cli-out");
    const drafted = run(bin, ["draft", join(app, "node_modules", pkg.name, "examples/deals/us-crm-enterprise.yaml"), "--format", "md", "--out", out], app);
    expect(drafted.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".md")).length).toBe(1);
    // examples/api.mjs reads its deal relative to the package folder and writes out/ there.
    const api = run(process.execPath, ["examples/api.mjs"], join(app, "node_modules", pkg.name));
    expect(api.stderr).toBe("");
    expect(api.stdout).toMatch(/Definitions/);
  });

  it("runs the MCP server from the installed package: the SDK is bundled, not installed", () => {
    const bin = join(app, "node_modules", ".bin", "clausewright");
    const deal = readFileSync(join(app, "node_modules", pkg.name, "examples/deals/england-saas.yaml"), "utf8");
    const messages = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "package-test", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "check_deal", arguments: { deal } } },
    ];
    const r = run(bin, ["mcp"], app, messages.map((m) => JSON.stringify(m)).join("\n") + "\n");
    expect(r.stderr).toContain("clausewright mcp: ready");
    expect(r.code).toBe(0);
    const answers = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: number; result: { tools?: { name: string }[]; structuredContent?: unknown } });
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3]);
    expect(answers[1]?.result.tools?.map((t) => t.name)).toEqual(["list_clauses", "deal_schema", "check_deal", "draft_deal", "redline_deals"]);
    expect(answers[2]?.result.structuredContent).toEqual({ ok: true, problems: [] });
    expect(readdirSync(join(app, "node_modules"))).not.toContain("@modelcontextprotocol");
  });

  it("type-checks the README's examples verbatim with tsc --strict", () => {
    const readme = readFileSync(join(app, "node_modules", pkg.name, "README.md"), "utf8");
    const examples = examplesOf(readme);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const files = examples.map((code, i) => {
      const file = `readme-${i + 1}.mts`;
      writeFileSync(join(app, file), code);
      return file;
    });
    // What the result types promise, beyond the README: outputs follow `formats`.
    writeFileSync(
      join(app, "typed.mts"),
      `
      import { draft, type Deal, type Problem, type ProblemCode } from "clausewright";
      declare const deal: Deal;
      const some = await draft(deal, { formats: ["docx", "md"] });
      const docx: Uint8Array = some.docx;
      const md: string = some.markdown;
      // @ts-expect-error: no PDF was asked for
      const pdf: Uint8Array = some.pdf;
      const all = await draft(deal);
      const bytes: Uint8Array[] = [all.docx, all.pdf];
      export function describe(p: Problem): string {
        const code: ProblemCode = p.code;
        switch (code) {
          case "DEAL_INVALID_DATE": return "date";
          // @ts-expect-error: not a problem code
          case "DEAL_NO_SUCH_CODE": return "never";
          default: return code;
        }
      }
      console.log(docx, md, pdf, bytes);
    `,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          // Other packages' declarations (zod, @types/node) are not ours to check; ours are checked
          // through their use here, and the test below proves they import only what installs with us.
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
        },
        files: [...files, "typed.mts"],
      }),
    );
    const tsc = run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });

  it("has declarations that import only packages a consumer installs with it", () => {
    const dist = join(app, "node_modules", pkg.name, "dist");
    const manifest = JSON.parse(readFileSync(join(app, "node_modules", pkg.name, "package.json"), "utf8")) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
    // bullmq, an optional peer, is named only by clausewright/queue's declarations: whoever uses that entry has it.
    const deps = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)];
    for (const file of readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f))) {
      const specifiers = [...readFileSync(join(dist, file), "utf8").matchAll(/(?:from|import)\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? "");
      // Relative files, the package itself (doc comments show `from "clausewright/node"`) and Node's built-ins are always there.
      const external = specifiers.filter((x) => !x.startsWith(".") && x !== pkg.name && !x.startsWith(`${pkg.name}/`) && !x.startsWith("node:"));
      expect(
        external.filter((x) => !deps.includes(x)),
        file,
      ).toEqual([]);
    }
  });

  it("passes publint and Are the Types Wrong", () => {
    const publint = run(process.execPath, [join(ROOT, "node_modules/publint/src/cli.js"), "--strict", join(app, "node_modules", pkg.name)], ROOT);
    expect(publint.stdout).toMatch(/All good!/);
    expect(publint.code).toBe(0);
    const attw = run(process.execPath, [join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js"), tarball, "--profile", "node16", "--format", "json"], ROOT);
    const report = JSON.parse(attw.stdout) as { analysis: { problems: { resolutionKind?: string }[] } };
    // node10 resolution (TypeScript's pre-`exports` mode) is out of scope, as in attw's node16 profile.
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
  });
});
