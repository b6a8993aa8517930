import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the review files in docs/review", () => {
  // They are what a lawyer reads to review the catalogue's wording: a template change that is not
  // regenerated (npm run golden) would leave them showing text the library no longer drafts.
  it("are what the built library drafts today (catalogue and PRC domestic example, en and zh)", () => {
    const r = spawnSync(process.execPath, ["scripts/catalogue-golden.mjs", "--check"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
