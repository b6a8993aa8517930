import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LibreOffice conversions are heavy; two cores.
    maxWorkers: 2,
    // Test files share a worker's module cache instead of importing the library, zod, docx and
    // pdfkit anew for each file: the suite's import time drops from ~50 s to ~12 s. The tests keep
    // no global state (no module mocks, no fake timers shared across files), which is what
    // isolation would protect.
    isolate: false,
  },
});
