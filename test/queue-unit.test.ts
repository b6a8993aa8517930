import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { DealInput } from "../src/deal/schema.js";
import { canonicalJson, sha256 } from "../src/record/record.js";
import { validateDeal } from "../src/deal/parse.js";
import { readJobData, type DraftJobData } from "../src/node/queue/job.js";
import { CLAIMS_FOLDER, claimName } from "../src/node/queue/name-claims.js";
import { enqueueDeals } from "../src/node/queue/producer.js";
import { ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/tools.js";

const englandText = readFileSync(join(ROOT, "examples/deals/england-saas.yaml"), "utf8");
const england = (): DealInput & { agreement: { reference: string }; customer: { legalName: string } } => parse(englandText);

interface AddedJob {
  readonly name: string;
  readonly data: DraftJobData;
  readonly opts: { readonly jobId: string; readonly attempts?: number; readonly backoff?: unknown; readonly priority?: number };
}

/** A stand-in for a BullMQ queue that records what is added (the producer needs nothing else). */
function recordingQueue(): { queue: Queue; jobs: AddedJob[]; calls: number[] } {
  const jobs: AddedJob[] = [];
  const calls: number[] = [];
  const queue = {
    add: async () => undefined,
    addBulk: async (added: AddedJob[]) => {
      calls.push(added.length);
      jobs.push(...added);
      return [];
    },
  } as unknown as Queue;
  return { queue, jobs, calls };
}

describe("enqueueDeals", () => {
  it("validates each deal before it becomes a job: a bad deal is reported with its problems and never added", async () => {
    const { queue, jobs } = recordingQueue();
    const bad = england() as { agreement: Record<string, unknown> };
    delete bad.agreement["reference"];
    bad.agreement["effectiveDate"] = "2026-02-30";
    const report = await enqueueDeals(queue, [england(), { deal: bad as DealInput, source: "crm/4711" }, { sheet: "agreement: [", source: "broken.yaml" }]);
    expect(report.enqueued.map((e) => [e.index, e.source, e.reference])).toEqual([[0, "#1", "CW-2026-0418"]]);
    expect(report.rejected.map((r) => [r.index, r.source, r.problems.map((p) => [p.code, p.path?.join(".")])])).toEqual([
      [
        1,
        "crm/4711",
        [
          ["DEAL_MISSING_FIELD", "agreement.reference"],
          ["DEAL_INVALID_DATE", "agreement.effectiveDate"],
        ],
      ],
      [2, "broken.yaml", [["DEAL_YAML_SYNTAX", ""]]],
    ]);
    expect(report.rejected[1]?.problems[0]).toMatchObject({ file: "broken.yaml", line: 1 });
    expect(jobs.map((j) => j.name)).toEqual(["CW-2026-0418"]);
  });

  it("gives one job id per deal: the same deal as an object, as sheet text or from its file is the same job", async () => {
    const { queue, jobs } = recordingQueue();
    const dir = tempDir("cw-queue-");
    const file = join(dir, "england.yaml");
    writeFileSync(file, englandText);
    const other = england();
    other.agreement.reference = "CW-OTHER-1";
    const report = await enqueueDeals(queue, [england(), { sheet: englandText, source: "england.yaml" }, { path: file }, other]);
    const id = `deal-${sha256(canonicalJson(validateDeal(england())))}`;
    expect(report.enqueued.map((e) => e.jobId)).toEqual([id, id, id, expect.stringMatching(/^deal-[0-9a-f]{64}$/)]);
    expect(report.enqueued[3]?.jobId).not.toBe(id);
    // The jobs carry the deal as it was given: an object as JSON, a sheet (or a file) as its text.
    expect(jobs.map((j) => [j.opts.jobId === id, Object.keys(j.data).sort()])).toEqual([
      [true, ["deal", "source", "v"]],
      [true, ["sheet", "source", "v"]],
      [true, ["sheet", "source", "v"]],
      [false, ["deal", "source", "v"]],
    ]);
    expect(jobs[1]?.data.sheet).toEqual({ text: englandText, format: "yaml" });
    expect(jobs[2]?.data.source).toBe(file);
    // Retries for what is not the deal's fault, by default.
    expect(jobs[0]?.opts).toMatchObject({ attempts: 3, backoff: { type: "exponential", delay: 1000 } });
  });

  it("adds a new job each time with jobId 'unique', takes an id function and job options", async () => {
    const { queue, jobs } = recordingQueue();
    const unique = await enqueueDeals(queue, [england(), england()], { jobId: "unique" });
    expect(new Set(unique.enqueued.map((e) => e.jobId)).size).toBe(2);
    const named = await enqueueDeals(queue, [england()], { jobId: (d) => `renewal-${d.reference}`, jobOptions: { attempts: 5, priority: 2 } });
    expect(named.enqueued[0]?.jobId).toBe("renewal-CW-2026-0418");
    expect(jobs[2]?.opts).toMatchObject({ jobId: "renewal-CW-2026-0418", attempts: 5, priority: 2 });
  });

  it("sends jobs to Redis a hundred at a time, reading the deals as it goes", async () => {
    const { queue, calls } = recordingQueue();
    async function* deals(): AsyncGenerator<DealInput> {
      for (let i = 0; i < 250; i++) {
        const d = england();
        d.agreement.reference = `CW-BULK-${i}`;
        yield d;
      }
    }
    const report = await enqueueDeals(queue, deals());
    expect(report.enqueued).toHaveLength(250);
    expect(calls).toEqual([100, 100, 50]);
  });
});

describe("draft job data", () => {
  it("reads the jobs enqueueDeals writes and nothing else", () => {
    expect(readJobData({ v: 1, source: "#1", deal: { agreement: {} } })).toBeDefined();
    expect(readJobData({ v: 1, source: "#1", sheet: { text: "a: 1", format: "yaml" } })).toBeDefined();
    expect(readJobData({ v: 1, source: "#1" })).toBeUndefined();
    expect(readJobData({ v: 1, source: "#1", deal: {}, sheet: { text: "", format: "yaml" } })).toBeUndefined();
    expect(readJobData({ v: 2, source: "#1", deal: {} })).toBeUndefined();
    expect(readJobData({ v: 1, source: "#1", sheet: { text: "a", format: "toml" } })).toBeUndefined();
    expect(readJobData("deal")).toBeUndefined();
  });
});

describe("file name claims", () => {
  const holder = (deal: string, source = `job ${deal}`) => ({ dealSha256: deal.padEnd(64, "0"), reference: `REF ${deal}`, source });

  it("gives a name to the first deal, again to the same deal, and refuses it to another deal whatever the case", async () => {
    const dir = tempDir("cw-claims-");
    expect(await claimName(dir, "CW-1", holder("a"))).toEqual({ status: "new" });
    expect(await claimName(dir, "CW-1", holder("a", "retry"))).toEqual({ status: "same", holder: holder("a") });
    expect(await claimName(dir, "cw-1", holder("b"))).toEqual({ status: "clash", holder: holder("a") });
    expect(await claimName(dir, "CW-2", holder("b"))).toEqual({ status: "new" });
    expect(readdirSync(join(dir, CLAIMS_FOLDER)).sort()).toEqual(["cw-1.json", "cw-2.json"]);
  });

  it("gives a name to exactly one of many deals claiming it at once, and leaves no temporary files", async () => {
    const dir = tempDir("cw-claims-");
    mkdirSync(join(dir, CLAIMS_FOLDER));
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => claimName(dir, "CW-RACE", holder(i.toString(16)))));
    const winners = outcomes.flatMap((o, i) => (o.status === "new" ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = holder((winners[0] ?? 0).toString(16));
    expect(outcomes.filter((o) => o.status === "clash").every((o) => o.status === "clash" && o.holder.dealSha256 === winner.dealSha256)).toBe(true);
    expect(readdirSync(join(dir, CLAIMS_FOLDER))).toEqual(["cw-race.json"]);
  });
});
