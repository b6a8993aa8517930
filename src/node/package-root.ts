import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package name whose folder holds `fonts/` and `dist/`. */
export const PACKAGE_NAME = "clausewright";

let root: string | null | undefined;

/**
 * The clausewright package's own folder, or undefined when this code runs bundled into another
 * file with no clausewright package.json above it. This module runs as `dist/*.js` or, under the
 * tests, as `src/node/*.ts`, so walk up to the folder whose package.json is clausewright's rather
 * than count levels. The folder the walk started from is in `startedAt`, for messages.
 */
export function packageRoot(): string | undefined {
  if (root !== undefined) return root ?? undefined;
  // `import.meta.url` in the ESM build; tsup's shim provides it in the CJS build.
  for (let dir = startedAt(); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && packageName(manifest) === PACKAGE_NAME) {
      root = dir;
      return dir;
    }
    if (dirname(dir) === dir) break;
  }
  root = null;
  return undefined;
}

/** The folder of the running module, where {@link packageRoot} starts looking. */
export function startedAt(): string {
  return dirname(fileURLToPath(import.meta.url));
}

function packageName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
