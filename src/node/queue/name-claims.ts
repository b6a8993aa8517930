import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { nameClashKey } from "../../batch/names.js";
import { errnoCode } from "../io-error.js";

/** The folder, inside the output folder, that holds one claim file per file name taken. */
export const CLAIMS_FOLDER = ".clausewright-names";

/** Who holds a file name: the deal (by its SHA-256) whose files carry it. */
export interface NameHolder {
  readonly dealSha256: string;
  readonly reference: string;
  /** The job (or input) that claimed it first. */
  readonly source: string;
}

/** What claiming a name gave: `new` (ours now), `same` (the same deal had it: a retry or a repeat), or `clash` with its holder. */
export type ClaimOutcome = { readonly status: "new" } | { readonly status: "same"; readonly holder: NameHolder } | { readonly status: "clash"; readonly holder: NameHolder };

// A temporary claim older than this was left by a process that died between writing and linking it.
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Claims the file name `name` in `dir` for a deal, atomically across processes and machines that
 * share the folder: the claim is written to a temporary file and hard-linked to
 * `.clausewright-names/<name in lower case>.json`, which fails when the name is taken, so exactly one
 * deal gets it, and a claim is never seen half written. Names that differ only in case clash, as
 * they would on macOS and Windows.
 */
export async function claimName(dir: string, name: string, holder: NameHolder): Promise<ClaimOutcome> {
  const folder = join(dir, CLAIMS_FOLDER);
  await mkdir(folder, { recursive: true });
  const claim = join(folder, `${nameClashKey(name)}.json`);
  const temp = join(folder, `.${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, `${JSON.stringify(holder)}\n`, { flag: "wx" });
  try {
    await link(temp, claim);
    return { status: "new" };
  } catch (err) {
    if (errnoCode(err) !== "EEXIST") throw err;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  const held = await readHolder(claim);
  return held.dealSha256 === holder.dealSha256 ? { status: "same", holder: held } : { status: "clash", holder: held };
}

async function readHolder(claim: string): Promise<NameHolder> {
  const text = await readFile(claim, "utf8");
  const parsed = JSON.parse(text) as Partial<NameHolder>;
  if (typeof parsed.dealSha256 !== "string") throw new Error(`${claim} is not a name claim of clausewright`);
  return { dealSha256: parsed.dealSha256, reference: String(parsed.reference ?? ""), source: String(parsed.source ?? "") };
}

/** Removes temporary claims that processes which died half way through a claim left behind. */
export async function removeStaleClaimTemps(dir: string, now = Date.now()): Promise<void> {
  const folder = join(dir, CLAIMS_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const n of names) {
    if (!n.startsWith(".") || !n.endsWith(".tmp")) continue;
    const st = await stat(join(folder, n)).catch(() => undefined);
    if (st && now - st.mtimeMs > STALE_TEMP_MS) await unlink(join(folder, n)).catch(() => undefined);
  }
}
