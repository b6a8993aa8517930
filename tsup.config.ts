import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts", node: "src/node/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: false,
    clean: true,
    target: "node20",
    splitting: false,
    // Gives the CJS build an import.meta.url, used to find the bundled fonts.
    shims: true,
    // n2words is ESM-only; bundling it keeps the CommonJS build loadable with require().
    noExternal: ["n2words"],
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
    noExternal: ["n2words"],
  },
]);
