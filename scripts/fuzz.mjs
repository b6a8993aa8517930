// `npm run fuzz`: the fuzz properties of test/fuzz with 20 times their runs and a random seed,
// printed first so that a failure can be replayed:
//   FUZZ_SEED=<seed> npx vitest run --project fuzz            (all properties, default runs)
//   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run <file> -t <name>   (one counterexample)
// Extra arguments go to vitest (a file, `-t <name>`). FUZZ_RUNS, FUZZ_SEED and FUZZ_LARGE set in
// the environment win (see test/fuzz/config.ts).
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.FUZZ_RUNS ??= "20";
env.FUZZ_SEED ??= String(randomInt(1, 2 ** 31 - 1));
console.log(`fuzz: FUZZ_SEED=${env.FUZZ_SEED} FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_LARGE ? ` FUZZ_LARGE=${env.FUZZ_LARGE}` : ""}`);
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const r = spawnSync(process.execPath, [vitest, "run", "--project", "fuzz", ...process.argv.slice(2)], { stdio: "inherit", env });
console.log(`fuzz: replay with FUZZ_SEED=${env.FUZZ_SEED} (and FUZZ_PATH from a failure report)`);
process.exitCode = r.status ?? 1;
