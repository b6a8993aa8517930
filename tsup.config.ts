import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

// The CommonJS build leaves out the built-in templates compiled at build time (3 MB of generated
// code; src/template/precompiled.ts): it compiles them at run time, like a user pack, with the
// same output. Shipping them twice would put the package over its install budget.
const noPrecompiledTemplates = {
  name: "no-precompiled-templates",
  setup(build: { onResolve: (o: { filter: RegExp }, cb: () => { path: string }) => void }) {
    build.onResolve({ filter: /templates\.generated\.js$/ }, () => ({ path: fileURLToPath(new URL("./scripts/templates.empty.js", import.meta.url)) }));
  },
};

// Kept as runtime dependencies: zod appears in the public types (dealSchema is a zod schema), and
// pdfkit/fontkit read data files (font metrics, Unicode tables) from their own folders at run time.
// Everything else is bundled: the published package then installs a few MB of code instead of
// ~60 MB of packages that ship every build format (docx, date-fns), and the library loads one copy.
// Their licences are collected into dist/THIRD-PARTY-LICENSES.md by scripts/third-party-licenses.mjs.
// bullmq (clausewright/queue) is an optional peer dependency: the user's service already runs its
// own copy, whose Queue and Worker must be the ones it configures and monitors.
const external = ["zod", "pdfkit", "fontkit", "bullmq"];
// @modelcontextprotocol/sdk (and what it pulls in: ajv) lands in chunks only `clausewright mcp` loads; chokidar in one only
// `clausewright preview` loads.
const bundled = ["docx", "handlebars", "yaml", "date-fns", "@date-fns/utc", "diff", "semver", "commander", "big.js", "fflate", "n2words", "saxes", "@modelcontextprotocol/sdk", "chokidar"];

const common: Options = {
  target: "node20",
  sourcemap: false,
  // One copy of the library: the entry points share chunks, so `draft` and `ClausewrightError`
  // from "clausewright" and "clausewright/node" are the same objects, and the CLI loads only the
  // chunks its command needs.
  splitting: true,
  external,
  noExternal: bundled,
  // Gives the CJS build an import.meta.url, used to find the bundled fonts.
  shims: true,
  // Smaller files load faster and install lighter (the built-in templates are 4 MB of generated
  // Handlebars code before this); names are kept, so stack traces still read.
  minifyWhitespace: true,
  minifySyntax: true,
};

export default defineConfig([
  {
    ...common,
    // batch-worker: the worker thread of draftMany (src/node/batch/pool.ts), ESM only: the CommonJS
    // build starts the same file (a worker thread loads an ES module whatever its parent is).
    entry: { index: "src/index.ts", node: "src/node/index.ts", queue: "src/node/queue/index.ts", cli: "src/cli/main.ts", "batch-worker": "src/node/batch/worker.ts" },
    format: ["esm"],
    // Bundled CommonJS packages (yaml, handlebars) require Node built-ins; an ES module has no
    // `require`, so each ESM file gets one.
    banner: { js: 'import { createRequire as __cwCreateRequire } from "node:module";\nconst require = __cwCreateRequire(import.meta.url);' },
    dts: { entry: { index: "src/index.ts", node: "src/node/index.ts", queue: "src/node/queue/index.ts" } },
  },
  {
    ...common,
    entry: { index: "src/index.ts", node: "src/node/index.ts", queue: "src/node/queue/index.ts" },
    format: ["cjs"],
    esbuildPlugins: [noPrecompiledTemplates],
    // The .d.cts declarations are copied from the ESM ones by scripts/finish-build.mjs.
  },
]);
