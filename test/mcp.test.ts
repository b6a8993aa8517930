import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolveCatalog } from "../src/catalog/builtin.js";
import { draft } from "../src/draft.js";
import { redline } from "../src/redline/redline.js";
import { defaultFonts } from "../src/node/fonts.js";
import { loadPackDir } from "../src/node/pack-dir.js";
import { ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";

// The server as a client starts it: the built bin (`npm run build` first) as a child process,
// spoken to over stdio by the SDK's own client.

const BIN = join(ROOT, "bin/clausewright.js");
const PACK = join(ROOT, "examples/packs/healthcare");
const DEAL_FILE = join(ROOT, "examples/pack-deals/us-healthcare-pack.yaml");
const DEAL_TEXT = readFileSync(DEAL_FILE, "utf8");
/** The healthcare example deal as an object (plain data, as parsed from YAML). */
const dealObject = (): any => parse(DEAL_TEXT);

interface Started {
  readonly client: Client;
  readonly stderr: () => string;
}

async function start(args: string[]): Promise<Started> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, "mcp", ...args], cwd: ROOT, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const client = new Client({ name: "clausewright-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult & { structuredContent: Record<string, any> }> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult & { structuredContent: Record<string, any> };
}

const resources = (r: CallToolResult): { uri: string; mimeType?: string; text?: string; blob?: string }[] =>
  r.content.flatMap((c) => (c.type === "resource" ? [c.resource as { uri: string; mimeType?: string; text?: string; blob?: string }] : []));

describe("clausewright mcp", () => {
  const root = tempDir("cw-mcp-root-");
  const outside = tempDir("cw-mcp-outside-");
  let server: Started;
  // What the library drafts in this process with the same pack: the bytes the server must give.
  let expected: Awaited<ReturnType<typeof draft<["docx", "pdf", "md", "html"]>>>;
  let catalog: ReturnType<typeof resolveCatalog>;

  beforeAll(async () => {
    server = await start(["--pack", PACK, "--out-root", root]);
    catalog = resolveCatalog({ packs: [await loadPackDir(PACK)] });
    expected = await draft(dealObject(), { catalog, formats: ["docx", "pdf", "md", "html"], fonts: defaultFonts() });
  });

  afterAll(async () => {
    await server?.client.close();
  });

  it("lists the five tools with input and output schemas; packs are no argument", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["list_clauses", "deal_schema", "check_deal", "draft_deal", "redline_deals"]);
    for (const t of tools) {
      expect(t.inputSchema.type).toBe("object");
      expect(t.outputSchema?.type).toBe("object");
      expect(Object.keys(t.inputSchema.properties ?? {})).not.toContain("packs");
    }
    const draftTool = tools.find((t) => t.name === "draft_deal");
    expect(Object.keys(draftTool?.inputSchema.properties ?? {})).toEqual(["deal", "lang", "layout", "primary", "agreement", "numbering", "usDates", "formats", "dir", "overwrite"]);
    expect(draftTool?.inputSchema.required).toEqual(["deal"]);
    expect(tools.find((t) => t.name === "check_deal")?.annotations).toMatchObject({ readOnlyHint: true });
    expect(server.stderr()).toContain(`writes only under ${root}`);
  });

  it("list_clauses: the catalogue with the pack's clauses and overrides", async () => {
    const r = await call(server.client, "list_clauses", {});
    expect(r.isError).toBeFalsy();
    const clauses = r.structuredContent.clauses as { id: string; pack: string; variants: string[]; titles: { en?: string } }[];
    expect(clauses).toHaveLength(catalog.clauses.size);
    expect(clauses.find((c) => c.id === "hipaa-schedule")).toMatchObject({ pack: "healthcare" });
    expect(clauses.find((c) => c.id === "liability")).toMatchObject({ pack: "healthcare" });
    expect(clauses.find((c) => c.id === "fees")?.pack).toBe("crm");
    expect(r.structuredContent.agreements).toEqual(["crm-saas"]);
    expect(JSON.parse((r.content[0] as { text: string }).text)).toEqual(r.structuredContent);
  });

  it("deal_schema: the deal's JSON Schema with the pack's fields", async () => {
    const r = await call(server.client, "deal_schema", {});
    const schema = r.structuredContent.schema as { $id: string; properties: Record<string, any>; required: string[] };
    expect(schema.$id).toBe("https://clausewright.dev/schema/deal.json");
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["agreement", "customer", "provider", "fees", "extensions"]));
    expect(Object.keys(schema.properties.extensions.properties.healthcare.properties)).toEqual(expect.arrayContaining(["coveredEntity", "breachNoticeDays"]));
  });

  it("check_deal: a good deal is ok; a bad one is a structured tool error with code, path and position", async () => {
    const good = await call(server.client, "check_deal", { deal: dealObject() });
    expect(good.isError).toBeFalsy();
    expect(good.structuredContent).toEqual({ ok: true, problems: [] });

    const deal = dealObject();
    delete deal.customer.legalName;
    deal.agreement.effectiveDate = "tomorrow";
    const bad = await call(server.client, "check_deal", { deal });
    expect(bad.isError).toBe(true);
    expect(bad.structuredContent.ok).toBe(false);
    expect(bad.structuredContent.problems).toEqual([
      expect.objectContaining({ code: "DEAL_INVALID_DATE", severity: "error", path: ["agreement", "effectiveDate"], argument: "deal" }),
      expect.objectContaining({ code: "DEAL_MISSING_FIELD", severity: "error", path: ["customer", "legalName"], argument: "deal", message: "Missing required field customer.legalName" }),
    ]);
    // The text content says the same, for clients that show only text.
    expect((bad.content[0] as { text: string }).text).toContain("DEAL_MISSING_FIELD at customer.legalName");

    // Given as text, the problems name the line and column in it.
    const text = await call(server.client, "check_deal", { deal: DEAL_TEXT.replace("legalName: Harborview Logistics, Inc.", "legalName: [1, 2]") });
    expect(text.isError).toBe(true);
    expect(text.structuredContent.problems).toEqual([expect.objectContaining({ code: "DEAL_INVALID_VALUE", path: ["customer", "legalName"], argument: "deal", file: "deal", line: 14, column: 14 })]);
  });

  it("check_deal: check findings are data (ok false, CHECK_ codes with hints), not a tool error", async () => {
    const deal = dealObject();
    deal.fees.stages = [
      { percent: 30, trigger: "signing" },
      { percent: 60, trigger: "goLive" },
    ];
    const r = await call(server.client, "check_deal", { deal });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent.ok).toBe(false);
    const p1 = (r.structuredContent.problems as Record<string, unknown>[]).find((p) => p.code === "CHECK_P1");
    expect(p1).toMatchObject({ severity: "error", path: ["fees", "stages"], messageZh: "各期付款比例合计为90%，而非100%" });
    expect(p1?.hint).toContain("100");
  });

  it("refuses arguments that do not fit, with their paths: unknown (packs), bad formats, options", async () => {
    const r = await call(server.client, "draft_deal", { deal: dealObject(), packs: ["/etc"], formats: ["docx", "exe"] });
    expect(r.isError).toBe(true);
    expect(r.structuredContent.problems).toEqual([
      expect.objectContaining({ code: "MCP_INVALID_ARGUMENT", path: ["formats", 1] }),
      expect.objectContaining({ code: "MCP_INVALID_ARGUMENT", path: ["packs"], hint: expect.stringContaining("--pack") }),
    ]);
    const missing = await call(server.client, "check_deal", {});
    expect(missing.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_INVALID_ARGUMENT", path: ["deal"] })]);
    const layout = await call(server.client, "check_deal", { deal: dealObject(), layout: "sequential" });
    expect(layout.isError).toBe(true);
    expect(layout.structuredContent.problems).toEqual([expect.objectContaining({ code: "OPTION_NOT_BILINGUAL", path: ["layout"] })]);
  });

  it("draft_deal without dir: the files as embedded resources, the same bytes as draft()", async () => {
    const r = await call(server.client, "draft_deal", { deal: dealObject(), formats: ["docx", "pdf", "md", "html"] });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ ok: true, reference: "CW-2026-0142" });
    expect(r.structuredContent.dir).toBeUndefined();
    const res = resources(r);
    expect(res.map((x) => [x.uri, x.mimeType])).toEqual([
      ["clausewright://outputs/CW-2026-0142.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["clausewright://outputs/CW-2026-0142.pdf", "application/pdf"],
      ["clausewright://outputs/CW-2026-0142.md", "text/markdown"],
      ["clausewright://outputs/CW-2026-0142.html", "text/html"],
    ]);
    expect(Buffer.from(res[0]?.blob ?? "", "base64").equals(Buffer.from(expected.docx))).toBe(true);
    expect(Buffer.from(res[1]?.blob ?? "", "base64").equals(Buffer.from(expected.pdf))).toBe(true);
    expect(res[2]?.text).toBe(expected.markdown);
    expect(res[3]?.text).toBe(expected.html);
    expect(r.structuredContent.files).toEqual([
      expect.objectContaining({ name: "CW-2026-0142.docx", bytes: expected.docx.byteLength, uri: "clausewright://outputs/CW-2026-0142.docx" }),
      expect.objectContaining({ name: "CW-2026-0142.pdf", bytes: expected.pdf.byteLength }),
      expect.objectContaining({ name: "CW-2026-0142.md", bytes: Buffer.byteLength(expected.markdown) }),
      expect.objectContaining({ name: "CW-2026-0142.html", bytes: Buffer.byteLength(expected.html) }),
    ]);
    // The pack's override is reported, as draft() reports it.
    expect(r.structuredContent.problems).toEqual([expect.objectContaining({ code: "PACK_OVERRIDE", severity: "warning", clause: "liability" })]);
  });

  it("draft_deal into a folder inside the root: written atomically, named from the reference, the bytes of draft()", async () => {
    const dir = join(root, "round-1", "drafts");
    const r = await call(server.client, "draft_deal", { deal: DEAL_TEXT, dir });
    expect(r.isError).toBeFalsy();
    expect(resources(r)).toEqual([]);
    expect(r.structuredContent).toMatchObject({ ok: true, reference: "CW-2026-0142", dir });
    expect((r.structuredContent.files as { path: string }[]).map((f) => f.path)).toEqual(["docx", "pdf", "md"].map((ext) => join(dir, `CW-2026-0142.${ext}`)));
    expect(readdirSync(dir).sort()).toEqual(["CW-2026-0142.docx", "CW-2026-0142.md", "CW-2026-0142.pdf"]);
    expect(readFileSync(join(dir, "CW-2026-0142.docx")).equals(Buffer.from(expected.docx))).toBe(true);
    expect(readFileSync(join(dir, "CW-2026-0142.pdf")).equals(Buffer.from(expected.pdf))).toBe(true);
    expect(readFileSync(join(dir, "CW-2026-0142.md"), "utf8")).toBe(expected.markdown);

    // Again into the same folder: the names are taken, nothing is replaced unless asked.
    const again = await call(server.client, "draft_deal", { deal: DEAL_TEXT, dir, formats: ["md"] });
    expect(again.isError).toBe(true);
    expect(again.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_OUTPUT_EXISTS", path: ["dir"], file: join(dir, "CW-2026-0142.md") })]);
    const replaced = await call(server.client, "draft_deal", { deal: DEAL_TEXT, dir, formats: ["md"], overwrite: true });
    expect(replaced.isError).toBeFalsy();
    expect(readFileSync(join(dir, "CW-2026-0142.md"), "utf8")).toBe(expected.markdown);
  });

  it("draft_deal refuses a folder outside the roots, through a link, or relative; nothing is written", async () => {
    const away = join(outside, "drafts");
    const r = await call(server.client, "draft_deal", { deal: dealObject(), dir: away, formats: ["md"] });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toEqual({ ok: false, problems: [expect.objectContaining({ code: "MCP_DIR_OUTSIDE_ROOTS", severity: "error", path: ["dir"], hint: expect.stringContaining(root) })] });
    expect(existsSync(away)).toBe(false);

    const dotdot = await call(server.client, "draft_deal", { deal: dealObject(), dir: `${root}/../${outside.split("/").pop()}`, formats: ["md"] });
    expect(dotdot.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_DIR_OUTSIDE_ROOTS" })]);

    symlinkSync(outside, join(root, "link-out"));
    const linked = await call(server.client, "draft_deal", { deal: dealObject(), dir: join(root, "link-out", "x"), formats: ["md"] });
    expect(linked.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_DIR_OUTSIDE_ROOTS", message: expect.stringContaining(`leads to ${join(outside, "x")}`) })]);

    const relative = await call(server.client, "draft_deal", { deal: dealObject(), dir: "drafts", formats: ["md"] });
    expect(relative.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_DIR_NOT_ABSOLUTE", path: ["dir"] })]);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("draft_deal: check errors stop the draft as a structured tool error", async () => {
    const deal = dealObject();
    deal.fees.stages = [
      { percent: 30, trigger: "signing" },
      { percent: 60, trigger: "goLive" },
    ];
    const dir = join(root, "refused");
    const r = await call(server.client, "draft_deal", { deal, dir });
    expect(r.isError).toBe(true);
    expect(r.structuredContent.problems).toEqual([expect.objectContaining({ code: "CHECK_P1", path: ["fees", "stages"] })]);
    expect(existsSync(dir)).toBe(false);
  });

  it("redline_deals: a deal against the last round, and against the standard terms", async () => {
    const base = dealObject();
    base.agreement.initialTermMonths = 24;
    base.confidentiality.survivalYears = 3;
    const r = await call(server.client, "redline_deals", { deal: dealObject(), base, formats: ["md", "docx"] });
    expect(r.isError).toBeFalsy();
    const lib = await redline(base, dealObject(), { catalog, formats: ["md", "docx"], baseName: "base" });
    expect(r.structuredContent).toMatchObject({ ok: true, reference: "CW-2026-0142", changes: lib.report.changes });
    expect(lib.report.changes).toBeGreaterThan(0);
    expect(r.structuredContent.report).toEqual(JSON.parse(JSON.stringify(lib.report)));
    expect((r.structuredContent.report.fields as { path: string }[]).map((f) => f.path)).toEqual(expect.arrayContaining(["agreement.initialTermMonths", "confidentiality.survivalYears"]));
    const res = resources(r);
    expect(res.map((x) => x.uri)).toEqual(["clausewright://outputs/CW-2026-0142-redline.docx", "clausewright://outputs/CW-2026-0142-redline.md"]);
    expect(res[1]?.text).toBe(lib.markdown);
    expect(Buffer.from(res[0]?.blob ?? "", "base64").equals(Buffer.from(lib.docx ?? new Uint8Array()))).toBe(true);

    const dir = join(root, "redlines");
    const standard = await call(server.client, "redline_deals", { deal: DEAL_TEXT, base: "standard", formats: ["md"], dir });
    expect(standard.isError).toBeFalsy();
    expect(standard.structuredContent.report.base).toBe("standard");
    expect(readdirSync(dir)).toEqual(["CW-2026-0142-redline.md"]);

    const badBase = dealObject();
    badBase.agreement.effectiveDate = "tomorrow";
    const refused = await call(server.client, "redline_deals", { deal: dealObject(), base: badBase, formats: ["md"] });
    expect(refused.isError).toBe(true);
    expect(refused.structuredContent.problems).toEqual([expect.objectContaining({ code: "DEAL_INVALID_DATE", path: ["agreement", "effectiveDate"], argument: "base" })]);
  });

  it("an unknown tool is a protocol error", async () => {
    await expect(server.client.callTool({ name: "rm_rf", arguments: {} })).rejects.toThrow(/Unknown tool rm_rf/);
  });
});

describe("clausewright mcp: what the user allows at start-up", () => {
  it("--no-write: a dir is not written; the files come back as resources with a warning", async () => {
    const root = tempDir("cw-mcp-nowrite-");
    const s = await start(["--out-root", root, "--no-write"]);
    try {
      const deal = parse(readFileSync(join(ROOT, "examples/deals/england-saas.yaml"), "utf8")) as Record<string, unknown>;
      const r = await call(s.client, "draft_deal", { deal, dir: join(root, "x"), formats: ["md"] });
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_WRITE_DISABLED", severity: "warning", path: ["dir"] })]);
      expect(resources(r).map((x) => x.mimeType)).toEqual(["text/markdown"]);
      expect(readdirSync(root)).toEqual([]);
      expect(s.stderr()).toContain("writes nothing (--no-write)");
    } finally {
      await s.client.close();
    }
  });

  it("without --out-root: a dir is refused, resources still work", async () => {
    const s = await start([]);
    try {
      const deal = parse(readFileSync(join(ROOT, "examples/deals/england-saas.yaml"), "utf8")) as Record<string, unknown>;
      const dir = join(tempDir("cw-mcp-noroot-"), "x");
      const r = await call(s.client, "draft_deal", { deal, dir, formats: ["md"] });
      expect(r.isError).toBe(true);
      expect(r.structuredContent.problems).toEqual([expect.objectContaining({ code: "MCP_DIR_OUTSIDE_ROOTS", hint: expect.stringContaining("--out-root") })]);
      expect(existsSync(dir)).toBe(false);
      // Without the healthcare pack its fields are unknown: the catalogue is the one the user started.
      const withPack = await call(s.client, "check_deal", { deal: dealObject() });
      expect(withPack.structuredContent.problems).toEqual([
        expect.objectContaining({ code: "DEAL_UNKNOWN_FIELD", path: ["extensions"], argument: "deal", hint: "Check the spelling against the deal_schema tool." }),
      ]);
    } finally {
      await s.client.close();
    }
  });

  it("refuses to start on an output root that is not a folder, or a bad pack (exit 1, problem on stderr)", () => {
    const missing = join(tempDir("cw-mcp-"), "nope");
    const r = spawnSync(process.execPath, [BIN, "mcp", "--out-root", missing], { cwd: ROOT, encoding: "utf8", input: "" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("MCP_OUT_ROOT_INVALID");
    expect(r.stdout).toBe("");
    const badPack = tempDir("cw-mcp-pack-");
    mkdirSync(join(badPack, "clauses"));
    const p = spawnSync(process.execPath, [BIN, "mcp", "--pack", badPack], { cwd: ROOT, encoding: "utf8", input: "" });
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/PACK_/);
  });

  it("answers the calls it was sent and exits 0 when the client closes its input", () => {
    const messages = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "pipe", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "draft_deal", arguments: { deal: parse(readFileSync(join(ROOT, "examples/deals/england-saas.yaml"), "utf8")), formats: ["md"] } },
      },
    ];
    const r = spawnSync(process.execPath, [BIN, "mcp"], { cwd: ROOT, encoding: "utf8", input: messages.map((m) => JSON.stringify(m)).join("\n") + "\n" });
    expect(r.status).toBe(0);
    const answers = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: number; result: Record<string, any> });
    expect(answers.map((a) => a.id)).toEqual([1, 2]);
    expect(answers[0]?.result.serverInfo).toMatchObject({ name: "clausewright" });
    expect(answers[1]?.result.structuredContent).toMatchObject({ ok: true, reference: "CW-2026-0418" });
  });
});
