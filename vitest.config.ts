import { defineConfig } from "vitest/config";

// Four tiers, run together by `npm test` and one by one with `npx vitest run --project <name>`:
// - unit: pure tests of the library in this process (the default for a new test file);
// - integration: tests that read rendered PDFs with poppler/qpdf, run the CLI, or walk every field;
// - e2e: tests whose subject is a real consumer: LibreOffice opening the DOCX, the packed tarball
//   installed into an empty project;
// - fuzz: fast-check properties over hostile deals and packs (test/fuzz), bounded runs and fixed seeds.
// Every tier is parallel-safe: each test writes only to its own temporary folder, and each worker
// process has its own LibreOffice profile (test/helpers/tools.ts).
const INTEGRATION = [
  "test/batch.test.ts",
  "test/bilingual-layouts.test.ts",
  "test/catalogue.test.ts",
  "test/check.test.ts",
  "test/cli.test.ts",
  "test/cli-io.test.ts",
  "test/golden.test.ts",
  "test/lint.test.ts",
  "test/mcp.test.ts",
  "test/output-sets.test.ts",
  "test/jurisdiction-profiles.test.ts",
  "test/packs.test.ts",
  "test/pdf-typesetting.test.ts",
  "test/pipeline.test.ts",
  "test/preview.test.ts",
  "test/queue.test.ts",
  "test/redline-render.test.ts",
  "test/render-pdf.test.ts",
  "test/yaml-traps.test.ts",
  "test/fonts.test.ts",
  "test/field-coverage/**/*.test.ts",
];
// Fuzz properties with fixed seeds (test/fuzz/config.ts); `npm run fuzz` runs only these, longer.
const FUZZ = ["test/fuzz/**/*.test.ts"];
const E2E = [
  "test/bilingual.test.ts",
  "test/chinese.test.ts",
  "test/docx-toc.test.ts",
  "test/family.test.ts",
  "test/lo-redlines-harness.test.ts",
  "test/redline-libreoffice.test.ts",
  "test/outputs.test.ts",
  "test/preview-browser.test.ts",
  "test/package.test.ts",
  "test/render-docx.test.ts",
  "test/zh-rendered-text.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/helpers/global-setup.ts"],
    // No test passes or fails by the clock: a slow, shared machine makes tests slow, not red.
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    // LibreOffice conversions are heavy; two cores.
    maxWorkers: 2,
    // Test files share a worker's module cache instead of importing the library, zod, docx and
    // pdfkit anew for each file: the suite's import time drops from ~50 s to ~12 s. The tests keep
    // no global state (no module mocks, no fake timers shared across files), which is what
    // isolation would protect.
    isolate: false,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts", "src/**/*.test.ts"], exclude: [...INTEGRATION, ...E2E, ...FUZZ] } },
      { extends: true, test: { name: "integration", include: INTEGRATION } },
      { extends: true, test: { name: "e2e", include: E2E } },
      { extends: true, test: { name: "fuzz", include: FUZZ } },
    ],
  },
});
