// The linter and formatter (Biome, biome.json) and the import boundaries between the layers run
// with the tests, so `npm test` and CI fail on a lint error, an unformatted file or a layer that
// reaches where it must not.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

const biome = join(ROOT, "node_modules/@biomejs/biome/bin/biome");

/** Lints a probe file written at `path` (inside src/, where the layer rules apply), then removes it. */
function lintProbe(path: string, code: string): { code: number; output: string } {
  const file = join(ROOT, path);
  writeFileSync(file, code);
  try {
    const r = spawnSync(process.execPath, [biome, "lint", "--colors=off", file], { cwd: ROOT, encoding: "utf8" });
    return { code: r.status ?? -1, output: r.stdout + r.stderr };
  } finally {
    rmSync(file, { force: true });
  }
}

describe("lint", () => {
  it("finds no lint error and no unformatted file (biome ci)", () => {
    const r = spawnSync(process.execPath, [biome, "ci", "--colors=off", "."], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).not.toMatch(/×/);
    expect(r.status).toBe(0);
  });

  it("keeps the library core away from the Node layer, the CLI and I/O built-ins", () => {
    const r = lintProbe("src/assemble/lint-probe.ts", 'import { defaultFonts } from "../node/fonts.js";\nimport { readFileSync } from "node:fs";\nexport const x = [defaultFonts, readFileSync];\n');
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("The library core is pure");
    expect(r.output).toContain("No I/O in the library core");
  });

  it("keeps renderers reading the document model only", () => {
    const r = lintProbe(
      "src/render/pdf/lint-probe.ts",
      'import { prepare } from "../../prepare.js";\nimport { createCatalog } from "../../catalog/catalog.js";\nexport const x = [prepare, createCatalog];\n',
    );
    expect(r.code).not.toBe(0);
    expect(r.output.match(/read the document model only/g)?.length).toBe(2);
  });

  it("lets the Node layer and the core use what they may", () => {
    expect(lintProbe("src/node/lint-probe.ts", 'import { readFileSync } from "node:fs";\nimport { draft } from "../draft.js";\nexport const x = [readFileSync, draft];\n').code).toBe(0);
    expect(lintProbe("src/record/lint-probe.ts", 'import { createHash } from "node:crypto";\nexport const x = createHash;\n').code).toBe(0);
  });
});
