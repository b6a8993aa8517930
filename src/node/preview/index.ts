import { randomBytes } from "node:crypto";
import { createPreviewBuilder, type PreviewBuild, type PreviewDocument, type PreviewInput } from "./build.js";
import { previewPage, previewView, type PreviewView } from "./page.js";
import { startPreviewServer } from "./server.js";
import { watchPreviewFiles } from "./watch.js";

export type { PreviewBuild, PreviewClause, PreviewDocument, PreviewInput, PreviewProblem } from "./build.js";
export type { PreviewView } from "./page.js";

/** Options of {@link startPreview}. */
export interface PreviewOptions extends PreviewInput {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Called after each build has been sent to the open pages (the first one included). */
  readonly onBuild?: (view: PreviewView, build: PreviewBuild) => void;
  /** A failure of the file watcher; the preview goes on. */
  readonly onWatchError?: (err: unknown) => void;
  /** Quiet time after a burst of file events before the preview rebuilds. Default 100 ms. */
  readonly debounceMs?: number;
}

/** A running live preview. */
export interface Preview {
  /** The page's address, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  /** The current view (what the page shows). */
  view(): PreviewView;
  /** Stops watching and closes the server. */
  close(): Promise<void>;
}

/** The time of day as the status line shows it. */
const clock = (): string => new Date().toTimeString().slice(0, 8);

/**
 * Starts the live preview of a deal sheet with its packs: builds the agreement (see
 * `buildPreview`), serves it as a page on 127.0.0.1 (see `startPreviewServer`), and watches the
 * deal file and every file of the packs; each save rebuilds and the open pages redraw in place.
 * A broken pack or deal never stops it: the page shows the problems, beside the clauses they
 * concern, and the last agreement that drafted. Builds run one at a time; changes that come in
 * during one are built together after it.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const packs = options.packs ?? [];
  // Tells this run's builds from another run's, for a page left open across a restart.
  const run = randomBytes(4).toString("hex");
  let builds = 0;
  let lastGood: PreviewDocument | undefined;
  const builder = createPreviewBuilder(options);
  let started = 0;
  const compose = (build: PreviewBuild): PreviewView => {
    if (build.document) lastGood = build.document;
    builds++;
    return previewView(build, lastGood, { key: `${run}-${builds}`, deal: options.deal, packs, time: clock(), ms: Math.round(performance.now() - started) });
  };
  const safeBuild = async (): Promise<PreviewBuild> => {
    started = performance.now();
    try {
      return await builder.build();
    } catch (err) {
      // A bug, not a problem of the pack or deal: shown on the page, and the preview goes on.
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      return { problems: [{ code: "PREVIEW_BUILD_FAILED", severity: "error", message: `Internal error (please report it): ${message}` }] };
    }
  };
  let build = await safeBuild();
  let view = compose(build);
  const server = await startPreviewServer(options.port ?? 0, { page: (nonce) => previewPage(view, { deal: options.deal, packs }, nonce), state: () => view });
  options.onBuild?.(view, build);

  let running = false;
  let again = false;
  let closed = false;
  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        build = await safeBuild();
        if (closed) return;
        // Files changed while it ran (it may have read a file half saved): only the next build is shown.
        if (again) continue;
        view = compose(build);
        server.publish();
        options.onBuild?.(view, build);
      } while (again);
    } finally {
      running = false;
    }
  };
  let watch: Awaited<ReturnType<typeof watchPreviewFiles>>;
  try {
    watch = await watchPreviewFiles(
      options.deal,
      packs,
      () => {
        void rebuild();
      },
      { ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}), ...(options.onWatchError ? { onError: options.onWatchError } : {}) },
    );
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    url: server.url,
    port: server.port,
    view: () => view,
    async close() {
      closed = true;
      await watch.close();
      await server.close();
    },
  };
}
