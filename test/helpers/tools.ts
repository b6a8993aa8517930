import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";

/**
 * Requirements that are not a command on PATH, by the name `itWithTools` takes and reports.
 * "python3-uno": a python3 that can import uno (Debian python3-uno), see `unoPython`.
 */
const PSEUDO_TOOLS: Record<string, () => boolean> = {
  "python3-uno": () => unoPython() !== undefined,
};

/** True when a command exists on PATH (or a requirement of `PSEUDO_TOOLS` is met). */
export function hasTool(cmd: string): boolean {
  const pseudo = PSEUDO_TOOLS[cmd];
  if (pseudo) return pseudo();
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

let unoPythonFound: string | null | undefined;
/**
 * A Python that can import uno: $CLAUSEWRIGHT_PYTHON, else python3 on PATH, else /usr/bin/python3.
 * Debian's python3-uno is built for the system Python, so a pyenv or venv python3 that comes first
 * on PATH cannot import it.
 */
export function unoPython(): string | undefined {
  if (unoPythonFound === undefined) {
    const candidates = [process.env.CLAUSEWRIGHT_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => !!c);
    unoPythonFound = candidates.find((c) => spawnSync(c, ["-c", "import uno"], { stdio: "ignore" }).status === 0) ?? null;
  }
  return unoPythonFound ?? undefined;
}

/**
 * `it` for tests that need external tools. Locally, a missing tool skips the
 * test; under CI=true a missing tool fails it, so CI can never pass by skipping.
 */
export function itWithTools(tools: string[], name: string, fn: () => Promise<void> | void, timeout?: number): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length > 0 && process.env.CI !== "true") {
    it.skip(`${name} (missing: ${missing.join(", ")})`, () => {});
    return;
  }
  it(
    name,
    async () => {
      if (missing.length > 0) throw new Error(`required tool(s) missing under CI=true: ${missing.join(", ")}; .ci/run installs them`);
      await fn();
    },
    timeout,
  );
}

/** A fresh temporary directory. */
export function tempDir(prefix = "cw-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** pdftotext -layout of PDF bytes. */
export function pdfText(pdf: Uint8Array, layout = true): string {
  const dir = tempDir();
  try {
    const f = join(dir, "a.pdf");
    writeFileSync(f, pdf);
    const args = layout ? ["-layout", f, "-"] : [f, "-"];
    return execFileSync("pdftotext", args, { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `qpdf --check`; returns its output, throws when the file is damaged. */
export function qpdfCheck(pdf: Uint8Array): string {
  const dir = tempDir();
  try {
    const f = join(dir, "a.pdf");
    writeFileSync(f, pdf);
    return execFileSync("qpdf", ["--check", f], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One LibreOffice profile per test process: a first start builds the profile (seconds), a start
 * with an existing one is much quicker. Test files in one worker run one after another, and each
 * worker process has its own profile, so two conversions never share one at the same time.
 */
let profileDir: string | undefined;
export function libreofficeProfile(): string {
  if (!profileDir) {
    const dir = tempDir("cw-lo-");
    profileDir = join(dir, "profile");
    mkdirSync(join(profileDir, "user"), { recursive: true });
    writeFileSync(join(profileDir, "user", "registrymodifications.xcu"), PROFILE_SEED);
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return profileDir;
}

/**
 * LibreOffice 7.2+ runs its ~100 graphics render tests at each start of a profile whose
 * ooSetupLastVersion is older than itself, and only its GUI ever updates that value, so every
 * headless start paid for them: about 5 s of CPU, most of a start. A profile made here says it has
 * seen every version (99.9); nothing else reads the value headless.
 */
const PROFILE_SEED = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>99.9</value></prop></item>
</oor:items>
`;

/**
 * Conversions of this test run, shared by every test file and worker: the same DOCX bytes (our
 * output is deterministic, so tests that draft the same deal get the same bytes) converted to the
 * same format start LibreOffice once per run. Emptied by the global setup at the start of a run.
 */
export const LIBREOFFICE_CACHE = join(process.cwd(), ".vitest-tmp", "libreoffice-cache");

function cacheFile(docx: Uint8Array, to: string, env: NodeJS.ProcessEnv | undefined): string {
  // A different environment (e.g. a FONTCONFIG_FILE that adds fonts) is a different conversion.
  return join(
    LIBREOFFICE_CACHE,
    createHash("sha256")
      .update(docx)
      .update("\0")
      .update(to)
      .update("\0")
      .update(env ? JSON.stringify(env) : "")
      .digest("hex"),
  );
}

/**
 * Converts several DOCX files with one headless LibreOffice start, to the given format ("txt:Text", "pdf"); the
 * outputs in order. `env` replaces LibreOffice's environment (e.g. a FONTCONFIG_FILE that adds fonts).
 */
export function libreofficeConvertAll(docxs: readonly Uint8Array[], to: string, env?: NodeJS.ProcessEnv): Buffer[] {
  const cached = docxs.map((d) => cacheFile(d, to, env));
  const missing = docxs.map((d, i) => ({ d, i })).filter(({ i }) => !existsSync(cached[i] ?? ""));
  if (missing.length > 0) {
    const converted = convertNow(
      missing.map(({ d }) => d),
      to,
      env,
    );
    mkdirSync(LIBREOFFICE_CACHE, { recursive: true });
    missing.forEach(({ i }, k) => {
      const target = cached[i] ?? "";
      // Written under a unique name and renamed: a worker converting the same document at the same time never reads half a file.
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, converted[k] ?? Buffer.alloc(0));
      renameSync(tmp, target);
    });
  }
  return cached.map((f) => readFileSync(f));
}

function convertNow(docxs: readonly Uint8Array[], to: string, env: NodeJS.ProcessEnv | undefined): Buffer[] {
  const dir = tempDir();
  try {
    const files = docxs.map((d, i) => {
      const f = join(dir, `doc${i}.docx`);
      writeFileSync(f, d);
      return f;
    });
    execFileSync("soffice", [`-env:UserInstallation=file://${libreofficeProfile()}`, "--headless", "--norestore", "--convert-to", to, "--outdir", join(dir, "out"), ...files], {
      stdio: "pipe",
      ...(env ? { env } : {}),
    });
    const produced = readdirSync(join(dir, "out"));
    return files.map((_, i) => {
      const name = produced.find((p) => p.startsWith(`doc${i}.`));
      if (!name) throw new Error(`LibreOffice produced nothing for document ${i + 1} converting to ${to}`);
      return readFileSync(join(dir, "out", name));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts DOCX bytes with headless LibreOffice to the given format ("txt:Text", "pdf") and returns the bytes. */
export function libreofficeConvert(docx: Uint8Array, to: string): Buffer {
  const [out] = libreofficeConvertAll([docx], to);
  if (!out) throw new Error(`LibreOffice produced nothing converting to ${to}`);
  return out;
}

/** Texts of several DOCX as LibreOffice reads them, with one LibreOffice start. */
export function docxTextsViaLibreOffice(docxs: readonly Uint8Array[]): string[] {
  return libreofficeConvertAll(docxs, "txt:Text (encoded):UTF8").map((b) => b.toString("utf8"));
}

/** Text of a DOCX as LibreOffice reads it. */
export function docxTextViaLibreOffice(docx: Uint8Array): string {
  return libreofficeConvert(docx, "txt:Text (encoded):UTF8").toString("utf8");
}
