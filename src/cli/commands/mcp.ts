import type { Readable, Writable } from "node:stream";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { resolveCatalog } from "../../catalog/builtin.js";
import { resolveOutRoots } from "../../mcp/out-roots.js";
import { createMcpServer } from "../../mcp/server.js";
import { defaultFonts, fontsWithChineseFont } from "../../node/fonts.js";
import { fsPath, type CommandContext } from "../context.js";
import { EXIT } from "../report.js";
import { loadPacks } from "./shared.js";

/** The flags of `mcp`. */
export interface McpFlags {
  readonly pack: readonly string[];
  readonly allowRuleOverride: readonly string[];
  /** Folders the tools may write under (`--out-root`, repeatable); none: the tools return files only. */
  readonly outRoot: readonly string[];
  readonly font?: string;
  /** False with `--no-write`: files always come back as resources, whatever a client asks. */
  readonly write: boolean;
}

/**
 * `mcp`: an MCP server on standard input and output until the client closes the input (or
 * Ctrl-C). Everything the tools may touch is fixed here, from the user's flags: the packs are
 * loaded and checked, the font read and the output roots resolved before the server answers, and
 * a problem with any of them stops the start (exit 1) instead of surfacing in a tool call.
 */
export async function runMcp(opts: McpFlags, ctx: CommandContext, streams: { readonly input: Readable; readonly output: Writable }): Promise<number> {
  const packs = await loadPacks(opts.pack, ctx);
  const catalog = resolveCatalog({ packs, allowRuleOverride: opts.allowRuleOverride });
  const fonts = opts.font ? fontsWithChineseFont(fsPath(ctx, opts.font)) : defaultFonts();
  const roots = await resolveOutRoots(opts.outRoot, ctx.cwd);
  const log = (line: string): void => {
    ctx.stderr.write(`${line}\n`);
  };
  const { server, settled } = createMcpServer({ catalog, fonts, roots, write: opts.write }, log);
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
  });
  const transport = new StdioServerTransport(streams.input, streams.output);
  await server.connect(transport);
  const where = !opts.write ? "writes nothing (--no-write)" : roots.length > 0 ? `writes only under ${roots.map((r) => r.given).join(", ")}` : "writes nothing (no --out-root)";
  log(`clausewright mcp: ready on standard input/output; ${catalog.clauses.size} clauses, ${packs.length} extra pack(s); ${where}`);
  // The transport does not end with its input: the server stops when the client closes it.
  const stop = (): void => {
    void settled().then(() => server.close());
  };
  streams.input.once("end", stop);
  streams.input.once("close", stop);
  const unsubscribe = ctx.onInterrupt?.(stop);
  await closed;
  unsubscribe?.();
  streams.input.off("end", stop);
  streams.input.off("close", stop);
  return EXIT.ok;
}
