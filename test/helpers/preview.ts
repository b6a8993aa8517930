import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { ROOT } from "./cli.js";
import { tempDir } from "./tools.js";

/** A temporary copy of the example healthcare pack and its deal sheet, to edit while a preview watches them. */
export interface PreviewFixture {
  readonly dir: string;
  readonly deal: string;
  readonly pack: string;
  /** The HIPAA schedule's English template, which the tests edit. */
  readonly template: string;
  /** Replaces `from` with `to` in a file (in place, as an editor's save). */
  edit(file: string, from: string | RegExp, to: string): void;
}

export function previewFixture(): PreviewFixture {
  const dir = tempDir("cw-preview-");
  const pack = join(dir, "healthcare");
  cpSync(join(ROOT, "examples/packs/healthcare"), pack, { recursive: true });
  const deal = join(dir, "deal.yaml");
  cpSync(join(ROOT, "examples/pack-deals/us-healthcare-pack.yaml"), deal);
  return {
    dir,
    deal,
    pack,
    template: join(pack, "clauses/hipaa-schedule/en.hbs"),
    edit(file, from, to) {
      const before = readFileSync(file, "utf8");
      const after = before.replace(from, to);
      if (after === before) throw new Error(`edit: ${String(from)} not found in ${file}`);
      writeFileSync(file, after);
    },
  };
}

/** A response to a request sent as written: the path is not normalised (unlike fetch, which resolves "/../"). */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export function rawRequest(port: number, path: string, options: { method?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: { host: options.host ?? `127.0.0.1:${port}` } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** One server-sent event. */
export interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

/** Reads the preview's event stream; `next` waits for the next event, after the last one it returned, that matches (every event is kept, none is missed). */
export interface EventReader {
  readonly events: readonly ServerEvent[];
  next(match: (e: ServerEvent) => boolean, what: string): Promise<ServerEvent>;
  close(): void;
}

// How long a test waits for something that should come within a second or so, before it fails
// saying what it waited for: generous, because a shared machine can be slow; not an assertion on speed.
const PATIENCE_MS = 60_000;

export function readEvents(port: number): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    const events: ServerEvent[] = [];
    let consumed = 0;
    const waiters = new Set<() => void>();
    const req = request({ host: "127.0.0.1", port, path: "/events", headers: { host: `127.0.0.1:${port}`, accept: "text/event-stream" } }, (res) => {
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = "message";
          const data: string[] = [];
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, data: data.join("\n") });
          for (const w of waiters) w();
          end = buffer.indexOf("\n\n");
        }
      });
      resolve({
        events,
        next(match, what) {
          return new Promise((ok, fail) => {
            const look = (): boolean => {
              for (; consumed < events.length; consumed++) {
                const e = events[consumed];
                if (e && match(e)) {
                  consumed++;
                  waiters.delete(check);
                  clearTimeout(timer);
                  ok(e);
                  return true;
                }
              }
              return false;
            };
            const check = (): void => {
              look();
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no event: ${what} (got ${events.length} events)`));
            }, PATIENCE_MS);
            if (!look()) waiters.add(check);
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
    req.end();
  });
}
