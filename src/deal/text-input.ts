import { ClausewrightError } from "../errors/error.js";
import type { Problem } from "../errors/problem.js";
import { MAX_DEAL_BYTES } from "./limits.js";

/**
 * A deal sheet's bytes as text, or the problem that it is not a deal sheet's text: more than
 * {@link MAX_DEAL_BYTES} (`DEAL_FILE_TOO_LARGE`) or not UTF-8 (`DEAL_NOT_UTF8`). A Latin-1 or
 * GB18030 file decoded leniently would draft "M�ller Stra�e GmbH" without a word; here its first
 * bad byte is named by offset and line. A byte-order mark is dropped, in JSON as in YAML.
 */

/** `DEAL_FILE_TOO_LARGE` for a deal sheet of `bytes` bytes (or more, when `atLeast`). */
export function dealTooLarge(file: string | undefined, bytes: number, atLeast = false): ClausewrightError {
  const what = file ? `Deal file ${file}` : "The deal sheet";
  return new ClausewrightError([
    {
      code: "DEAL_FILE_TOO_LARGE",
      severity: "error",
      path: [],
      ...(file ? { file } : {}),
      message: `${what} is ${atLeast ? "more than " : ""}${formatBytes(bytes)}; the limit is ${formatBytes(MAX_DEAL_BYTES)}`,
      messageZh: `${file ? `交易单文件 ${file}` : "交易单"}${atLeast ? "超过" : "大小为"} ${formatBytes(bytes)},上限为 ${formatBytes(MAX_DEAL_BYTES)}`,
      hint: "A deal sheet holds one deal's terms (a few KiB); check that this is the right file.",
    },
  ]);
}

/** "1 MiB (1,048,576 bytes)", "3.0 GiB (3,221,225,472 bytes)". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const exact = bytes.toLocaleString("en-US");
  if (unit === 0) return `${exact} bytes`;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${units[unit]} (${exact} bytes)`;
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate counts three, as its replacement would). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Checks the size of a deal sheet given as text (`DEAL_FILE_TOO_LARGE` above
 * {@link MAX_DEAL_BYTES} of UTF-8) and drops a leading byte-order mark.
 */
export function checkDealText(text: string, file?: string): string {
  // Every UTF-16 unit takes at least one byte of UTF-8, so a long string is refused without counting.
  if (text.length > MAX_DEAL_BYTES) throw dealTooLarge(file, utf8Length(text));
  if (text.length * 3 > MAX_DEAL_BYTES) {
    const bytes = utf8Length(text);
    if (bytes > MAX_DEAL_BYTES) throw dealTooLarge(file, bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Decodes a deal sheet's bytes as UTF-8, strictly: a byte sequence that is not
 * UTF-8 is `DEAL_NOT_UTF8`, naming its byte offset, line and column. Above
 * {@link MAX_DEAL_BYTES} it is `DEAL_FILE_TOO_LARGE`. A byte-order mark is dropped.
 */
export function decodeDealBytes(bytes: Uint8Array, file?: string): string {
  if (bytes.byteLength > MAX_DEAL_BYTES) throw dealTooLarge(file, bytes.byteLength);
  try {
    // ignoreBOM false (the default): the decoder drops a leading byte-order mark.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8(bytes, file);
  }
}

function notUtf8(bytes: Uint8Array, file: string | undefined): ClausewrightError {
  const offset = firstInvalidUtf8(bytes);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // The column counts the characters before the bad byte on its line (all of them valid UTF-8).
  const column = [...new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset))].length + 1;
  const bad = Array.from(bytes.subarray(offset, Math.min(offset + 4, bytes.byteLength)), (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const problem: Problem = {
    code: "DEAL_NOT_UTF8",
    severity: "error",
    path: [],
    ...(file ? { file } : {}),
    line,
    column,
    message: `${file ? `Deal file ${file}` : "The deal sheet"} is not UTF-8: the byte at offset ${offset} (line ${line}, column ${column}; bytes ${bad}) does not form a UTF-8 character${utf16 ? " (the file looks like UTF-16)" : ""}`,
    messageZh: `${file ? `交易单文件 ${file}` : "交易单"}不是 UTF-8 编码:偏移量 ${offset} 处的字节(第 ${line} 行第 ${column} 列)不构成 UTF-8 字符`,
    hint: "Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8). Latin-1, Windows-1252, GBK/GB18030 and UTF-16 files are not read, because their characters would be misread.",
  };
  return new ClausewrightError([problem]);
}

/**
 * The offset of the first byte that does not begin or continue a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or the length when all are well-formed.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.byteLength;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return n;
}

/**
 * JSON or YAML by content, for text without a file name: a JSON deal sheet is
 * an object, so it starts with `{` (after a byte-order mark and blank space).
 * A YAML sheet written as one flow mapping would start so too; it is read as
 * JSON and a syntax error names the position.
 */
export function formatOfText(text: string): "yaml" | "json" {
  return /^\uFEFF?\s*\{/.test(text) ? "json" : "yaml";
}
