import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ClausewrightError } from "../../errors/error.js";
import { errnoCode } from "../io-error.js";

/** The address the preview listens on: the loopback interface only, never the network. */
export const PREVIEW_HOST = "127.0.0.1";

/** What the server serves: the page (with a fresh nonce for its script and styles) and the current state as JSON. */
export interface PreviewContent {
  /** The page, with `nonce` on its inline script and style elements. */
  page(nonce: string): string;
  /** The current state, as the event stream sends it and /page.json returns it. */
  state(): unknown;
}

/** A running preview server. */
export interface PreviewServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  /** Sends the current state to every open page. */
  publish(): void;
  /** Ends the event streams and closes the server. */
  close(): Promise<void>;
}

// Headers on every response: nothing is cached, sniffed, framed or shared with other origins.
const COMMON_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
} as const;

/**
 * The page may run only its own inline script and styles (by the nonce of this response) and
 * talk only to this server (the event stream); it loads nothing else: no fonts, images, frames or
 * other origins.
 */
function pageCsp(nonce: string): string {
  return `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

const NONE_CSP = "default-src 'none'; frame-ancestors 'none'";

// A comment line on the event stream now and then keeps proxies and the browser from closing it as idle.
const HEARTBEAT_MS = 15_000;

/**
 * Starts the preview's HTTP server (Node's own) on 127.0.0.1. It answers three routes and nothing
 * else: `/` (the page), `/events` (server-sent events: the state at once, then after each build)
 * and `/page.json` (the state). Every other path is a 404 — it never maps a path to a file — and
 * every method but GET and HEAD a 405. A request whose Host is not this server's loopback address
 * is refused (403), so a web page whose own name was rebound to 127.0.0.1 cannot read the
 * agreement. Port 0 picks a free port. A port in use is `PREVIEW_PORT_IN_USE`.
 */
export async function startPreviewServer(port: number, content: PreviewContent): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let actualPort = port;
  const server = createServer((req, res) => {
    handle(req, res);
  });
  function handle(req: IncomingMessage, res: ServerResponse): void {
    const send = (status: number, type: string, body: string, csp = NONE_CSP, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { ...COMMON_HEADERS, "content-type": type, "content-length": Buffer.byteLength(body), "content-security-policy": csp, ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const host = (req.headers.host ?? "").toLowerCase();
    if (host !== `${PREVIEW_HOST}:${actualPort}` && host !== `localhost:${actualPort}`) {
      send(403, "text/plain; charset=utf-8", "This preview answers only to its own address on this computer.\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(405, "text/plain; charset=utf-8", "Method not allowed\n", NONE_CSP, { allow: "GET, HEAD" });
      return;
    }
    // The path exactly as sent: nothing is decoded or normalised, so "/../x" or "/%2e%2e/x" is just another unknown path.
    const path = (req.url ?? "").split("?")[0];
    if (path === "/") {
      const nonce = randomBytes(16).toString("base64");
      send(200, "text/html; charset=utf-8", content.page(nonce), pageCsp(nonce));
    } else if (path === "/page.json") {
      send(200, "application/json; charset=utf-8", `${JSON.stringify(content.state())}\n`);
    } else if (path === "/events") {
      res.writeHead(200, { ...COMMON_HEADERS, "content-type": "text/event-stream; charset=utf-8", "content-security-policy": NONE_CSP, connection: "keep-alive" });
      if (req.method === "HEAD") {
        res.end();
        return;
      }
      // A reconnecting page gets the state at once, and applies it only if it missed a build.
      res.write(`retry: 1000\n\n${event(content.state())}`);
      streams.add(res);
      res.on("close", () => streams.delete(res));
    } else {
      send(404, "text/plain; charset=utf-8", "Not found\n");
    }
  }
  const event = (state: unknown): string => `event: update\ndata: ${JSON.stringify(state)}\n\n`;
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      const code = errnoCode(err);
      const why = code === "EADDRINUSE" ? "is in use by another program" : code === "EACCES" ? "may not be used by this user" : `cannot be opened (${code ?? String(err)})`;
      reject(
        new ClausewrightError(
          [{ code: "PREVIEW_PORT_IN_USE", severity: "error", message: `Port ${port} on ${PREVIEW_HOST} ${why}`, hint: "Choose another with --port, or --port 0 for any free port." }],
          { cause: err },
        ),
      );
    };
    server.once("error", fail);
    server.listen(port, PREVIEW_HOST, () => {
      server.off("error", fail);
      resolve();
    });
  });
  actualPort = (server.address() as AddressInfo).port;
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(": still here\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    url: `http://${PREVIEW_HOST}:${actualPort}/`,
    port: actualPort,
    publish() {
      const text = event(content.state());
      for (const res of streams) res.write(text);
    },
    close() {
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The event streams and kept-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      });
    },
  };
}
