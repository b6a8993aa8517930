import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ClausewrightError } from "../errors/error.js";
import { VERSION } from "../version.js";
import { Refusal, refusal, toolProblem } from "./results.js";
import { TOOLS, type ToolSetup } from "./tools.js";

/** What the server tells a client (and its model) when it connects. */
const INSTRUCTIONS = [
  "clausewright drafts English/Chinese CRM SaaS service agreements from a deal sheet.",
  "Call deal_schema for the shape of a deal and list_clauses for the clauses and variants;",
  "check_deal before draft_deal; redline_deals compares a deal with the previous round or the standard terms.",
  "Every result has ok and problems (code, severity, message, path, hint): fix the deal at each path and call again.",
  "Packs, fonts and the folders the server may write to are set by the user when the server starts, not by tool arguments.",
].join(" ");

/** Where the server reports what a client cannot act on (a bug in a tool): standard error, never standard output (the protocol's). */
export type McpLog = (line: string) => void;

/** A server made by {@link createMcpServer}, and a way to wait for the calls it is still answering. */
export interface McpServerHandle {
  readonly server: Server;
  /** Resolves once no tool call is running: a client that sends a call and closes its end at once still gets the answer. */
  readonly settled: () => Promise<void>;
}

/**
 * The MCP server: the tools of {@link TOOLS} over `setup` (catalogue, fonts, output roots), not yet
 * connected to a transport. A tool call never fails as a protocol error for a problem of its
 * input: a bad deal, bad arguments, a refused folder come back as a result with `isError: true`
 * and the problems in `structuredContent`. Only an unknown tool name is a protocol error.
 */
export function createMcpServer(setup: ToolSetup, log: McpLog): McpServerHandle {
  const server = new Server({ name: "clausewright", title: "clausewright", version: VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  const listings = TOOLS.map((t) => t.listing);
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listings }));
  const running = new Set<Promise<CallToolResult>>();
  server.setRequestHandler(CallToolRequestSchema, (request): Promise<CallToolResult> => {
    const call = answer(request.params.name, request.params.arguments);
    running.add(call);
    const done = (): void => {
      running.delete(call);
    };
    call.then(done, done);
    return call;
  });
  const answer = async (name: string, args: unknown): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${name} (the tools are ${TOOLS.map((t) => t.name).join(", ")})`);
    try {
      return await tool.call(args, setup);
    } catch (err) {
      if (err instanceof Refusal) return refusal(err.problems);
      if (ClausewrightError.is(err)) return refusal(err.problems.map((p) => toolProblem(p)));
      // A bug: the client gets a result it can show, the stack goes to the user's log.
      log(`clausewright mcp: internal error in ${tool.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return refusal([
        {
          code: "MCP_INTERNAL_ERROR",
          severity: "error",
          path: [],
          message: `Internal error in ${tool.name}: ${err instanceof Error ? err.message : String(err)}`,
          hint: "This is a bug in clausewright; the server's standard error has the details.",
        },
      ]);
    }
  };
  const settled = async (): Promise<void> => {
    while (running.size > 0) await Promise.allSettled([...running]);
    // The protocol layer sends an answer a few promise turns after the call settles: let it.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { server, settled };
}
