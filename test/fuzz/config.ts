import fc from "fast-check";

/**
 * How the fuzz properties run. `npm test` runs each property with its fixed seed and its default
 * number of runs, so a failure is the same on every machine. `npm run fuzz` (scripts/fuzz.mjs)
 * sets:
 * - `FUZZ_RUNS`: a factor on every property's number of runs (20 there);
 * - `FUZZ_SEED`: one seed for every property, chosen at random and printed, so a failure found
 *   that way can be replayed with `FUZZ_SEED=<seed> npx vitest run test/fuzz/<file>`;
 * - `FUZZ_PATH` (with `FUZZ_SEED`): fast-check's shrink path from a failure report, to replay
 *   only the counterexample.
 */
export interface FuzzParameters {
  readonly seed: number;
  readonly numRuns: number;
  readonly path?: string;
  readonly endOnFailure: boolean;
}

function positiveNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

/** The factor on every property's default number of runs (`FUZZ_RUNS`, default 1). */
export const RUN_FACTOR = positiveNumber("FUZZ_RUNS") ?? 1;

/**
 * Whether to generate the large shapes (`FUZZ_LARGE=1`): lists grown to 150,000 items, nesting
 * 20,000 deep in the text, strings of 200,000 characters, pack templates with up to 14 nested
 * loops. Off in `npm test` and by default in `npm run fuzz`: until the limits of issue 15 land,
 * several of them take minutes and gigabytes and can end the test worker.
 */
export const LARGE = process.env.FUZZ_LARGE === "1";

/** Size bounds of the generated shapes (see {@link LARGE}). */
export const BOUNDS = LARGE ? { maxGrow: 150_000, maxDepth: 20_000, maxLong: 200_000, packNesting: 14 } : { maxGrow: 300, maxDepth: 2_000, maxLong: 6_000, packNesting: 4 };

/**
 * A case that takes longer than this fails as a hang. Generous on purpose: it detects hangs (a
 * template that nests loops without bound, a layout that is quadratic in the text), not speed on
 * a busy machine; the slowest ordinary case here (a DOCX of a bilingual deal) takes under 2 s on
 * two shared cores. `FUZZ_HANG_MS` changes it.
 */
export const HANG_MS = positiveNumber("FUZZ_HANG_MS") ?? 15_000;

/**
 * The fast-check parameters of one property: its own fixed seed and `runs` runs by default; the
 * seed, run factor and replay path from the environment when set.
 */
export function fuzzParameters(fixedSeed: number, runs: number): FuzzParameters {
  const seed = positiveNumber("FUZZ_SEED") ?? fixedSeed;
  const path = process.env.FUZZ_PATH;
  return {
    seed,
    numRuns: Math.max(1, Math.round(runs * RUN_FACTOR)),
    ...(path ? { path } : {}),
    // Shrinking a case that fails by taking too long can take very long; the report still names
    // the seed and path of the first failure.
    endOnFailure: process.env.FUZZ_SHRINK === "0",
  };
}

/**
 * Runs an async property with {@link fuzzParameters}, and fails with fast-check's report (seed,
 * path, counterexample). `examples` run first, every time: inputs known to have broken the
 * engine (issue 15), so the property keeps them fixed whatever the seed draws.
 */
export async function checkProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts>, fixedSeed: number, runs: number, examples: readonly Ts[] = []): Promise<void> {
  await fc.assert(property, { ...fuzzParameters(fixedSeed, runs), verbose: 1, examples: [...examples] });
}

/** How long each case of a property took, to report the slowest and to fail on a hang. */
export class CaseTimer {
  private readonly durations: number[] = [];
  /** CPU time of the cases (this process, microseconds): on a shared machine, what a case costs whatever the load. */
  private cpu = 0;
  private readonly tally = new Map<string, number>();

  /** Counts an outcome ("drafted", a problem code), so the log shows how deep the cases got. */
  count(outcome: string): void {
    this.tally.set(outcome, (this.tally.get(outcome) ?? 0) + 1);
  }

  /** Runs `fn`, records its duration and throws when it took longer than {@link HANG_MS} (whatever it ended with). */
  async time<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await fn() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    this.cpu += cpu.user + cpu.system;
    this.durations.push(ms);
    if (ms > HANG_MS) throw new Error(`hang: ${what} took ${Math.round(ms)} ms (bound ${HANG_MS} ms)`);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Cases, total and slowest duration, for the log. */
  summary(): string {
    const total = this.durations.reduce((a, b) => a + b, 0);
    const max = Math.max(0, ...this.durations);
    const top = [...this.tally.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    return `${this.durations.length} cases, ${Math.round(total)} ms in all (CPU ${Math.round(this.cpu / 1000)} ms), slowest ${Math.round(max)} ms${top ? `; outcomes: ${top}` : ""}`;
  }
}
