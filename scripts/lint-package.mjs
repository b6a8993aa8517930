// `npm run lint:package`: packs the built package (no rebuild) and runs publint and
// Are the Types Wrong on it, as test/package.test.ts does on every `npm test`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "cw-lint-"));
try {
  const [info] = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { encoding: "utf8" }));
  execFileSync(process.execPath, ["node_modules/publint/src/cli.js", "--strict"], { stdio: "inherit" });
  execFileSync(process.execPath, ["node_modules/@arethetypeswrong/cli/dist/index.js", join(dir, info.filename), "--profile", "node16"], { stdio: "inherit" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
