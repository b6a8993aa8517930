import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";

/** True when a command exists on PATH. */
export function hasTool(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
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

/** Converts DOCX bytes with headless LibreOffice to the given format ("txt:Text", "pdf") and returns the bytes. */
export function libreofficeConvert(docx: Uint8Array, to: string): Buffer {
  const dir = tempDir();
  try {
    const f = join(dir, "doc.docx");
    writeFileSync(f, docx);
    const profile = join(dir, "profile");
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", join(dir, "out"), f],
      { stdio: "pipe", timeout: 120_000 },
    );
    const produced = readdirSync(join(dir, "out"));
    const name = produced[0];
    if (!name) throw new Error(`LibreOffice produced nothing converting to ${to}`);
    return readFileSync(join(dir, "out", name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of a DOCX as LibreOffice reads it. */
export function docxTextViaLibreOffice(docx: Uint8Array): string {
  return libreofficeConvert(docx, "txt:Text (encoded):UTF8").toString("utf8");
}
