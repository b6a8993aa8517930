import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { LIBREOFFICE_CACHE } from "./tools.js";

/**
 * Generates the bundled built-in pack module so tests can import src directly, and empties the
 * LibreOffice conversions of the previous run (a run converts each document once, afresh).
 */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/bundle-packs.mjs"], { stdio: "inherit" });
  rmSync(LIBREOFFICE_CACHE, { recursive: true, force: true });
}
