// Runs after tsup. Two jobs that tsup does not do:
// 1. CommonJS declarations: the declarations of both builds are the same text, differing only in
//    the relative specifiers ("./index.js" → "./index.cjs"). Copying them instead of letting tsup
//    build them twice halves the slowest step of the build.
// 2. Licences of the packages bundled into dist/ (see tsup.config.ts), which MIT/ISC/BSD require us
//    to pass on with the code.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

for (const name of readdirSync(dist)) {
  if (!name.endsWith(".d.ts")) continue;
  const text = readFileSync(join(dist, name), "utf8").replace(/(from\s+|import\s+)'(\.\/[^']+)\.js'/g, "$1'$2.cjs'");
  writeFileSync(join(dist, name.replace(/\.d\.ts$/, ".d.cts")), text);
}

// The bundled packages and what they bring with them, read from the lock file so the list is the
// one that was actually built.
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
const tsup = readFileSync(join(root, "tsup.config.ts"), "utf8");
const listed = /const bundled = (\[[^\]]*\])/.exec(tsup)?.[1];
// The list lives once, in tsup.config.ts; if it moves, fail rather than ship no licences.
if (!listed) throw new Error("finish-build: no `const bundled = [...]` in tsup.config.ts");
const bundled = JSON.parse(listed);
const seen = new Set();
const order = [];
function visit(name) {
  if (seen.has(name)) return;
  seen.add(name);
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) return;
  order.push(name);
  for (const dep of Object.keys(entry.dependencies ?? {})) if (!dep.startsWith("@types/")) visit(dep);
}
for (const name of bundled) visit(name);

let out = "# Third-party licences\n\nThese packages are bundled into the files of this folder. Their licences follow.\n";
for (const name of order.sort()) {
  const dir = join(root, "node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.md|\.txt)?$/i.test(f));
  out += `\n## ${name} ${pkg.version} (${pkg.license ?? "see below"})\n\n`;
  out += file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf8").trim() + "\n" : `${pkg.license} licence; no licence file in the package.\n`;
}
writeFileSync(join(dist, "THIRD-PARTY-LICENSES.md"), out);
