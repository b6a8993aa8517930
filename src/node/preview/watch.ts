import { resolve } from "node:path";
import { PACK_LIMITS } from "../../catalog/pack-limits.js";

/** A running watch; `close` stops it. */
export interface FileWatch {
  close(): Promise<void>;
}

/** How changes are reported. */
export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs: an editor's save is often several events. Default 100 ms. */
  readonly debounceMs?: number;
  /** The longest a burst may delay `onChange`, however long it goes on. Default 500 ms. */
  readonly maxWaitMs?: number;
  /** A failure of the watcher itself (too many watched files, a folder that went away); the watch goes on. */
  readonly onError?: (err: unknown) => void;
}

// The files a pack is read from (see pack-dir.ts); an editor's swap and backup files are not among them.
const PACK_FILE = /\.(ya?ml|hbs)$/;

/**
 * Watches a deal sheet file and pack folders (every file a pack is read from, in every sub-folder)
 * with chokidar, and calls `onChange` with the changed paths once a burst of events has settled.
 * Links are not followed (a pack may not contain any). Resolves when the first scan is done, so a
 * change made after it is seen.
 */
export async function watchPreviewFiles(deal: string, packDirs: readonly string[], onChange: (paths: readonly string[]) => void, options: WatchOptions = {}): Promise<FileWatch> {
  const { watch } = await import("chokidar");
  const debounceMs = options.debounceMs ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const dealPath = resolve(deal);
  const watcher = watch([deal, ...packDirs], {
    ignoreInitial: true,
    followSymlinks: false,
    depth: PACK_LIMITS.depth + 1,
    ignored: (path, stats) => stats?.isFile() === true && resolve(path) !== dealPath && !PACK_FILE.test(path),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstAt = 0;
  const flush = (): void => {
    timer = undefined;
    const paths = [...pending];
    pending = new Set();
    if (paths.length > 0) onChange(paths);
  };
  watcher.on("all", (_event, path) => {
    if (pending.size === 0) firstAt = Date.now();
    pending.add(path);
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstAt + maxWaitMs - Date.now()));
    timer = setTimeout(flush, wait);
  });
  watcher.on("error", (err) => options.onError?.(err));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return {
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
