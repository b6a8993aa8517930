import { execFileSync } from "node:child_process";

/** Generates the bundled built-in pack module so tests can import src directly. */
export default function setup(): void {
  execFileSync(process.execPath, ["scripts/bundle-packs.mjs"], { stdio: "inherit" });
}
