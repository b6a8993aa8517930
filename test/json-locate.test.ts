import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { jsonValueOffset, locateInJson } from "../src/deal/json-locate.js";
import { locate } from "../src/deal/locate.js";
import { sheetLocator } from "../src/deal/sheet-positions.js";

// Positions in a JSON deal sheet come from a scan of the text, not from the YAML parser; they must
// be the YAML parser's positions exactly, so that a JSON sheet's messages do not change.

function yamlPosition(text: string, path: readonly (string | number)[]): { line: number; column: number } | undefined {
  const lines = new LineCounter();
  return locate(parseDocument(text, { lineCounter: lines, uniqueKeys: false }), lines, path);
}

describe("locateInJson", () => {
  const text = '{\n  "a": {"b": [10, {"c": null}, "x"]},\n  "d\\"e": true,\n  "f": [],\n  "g": {},\n  "f2": [{}, "s"]\n}';

  it.each<[readonly (string | number)[], string]>([
    [["a"], '{"b"'],
    [["a", "b"], "[10"],
    [["a", "b", 0], "10,"],
    [["a", "b", 1], '{"c"'],
    [["a", "b", 1, "c"], "null"],
    [["a", "b", 2], '"x"'],
    [["a", "b", 3], "[10"],
    [["a", "b", "0"], "[10"],
    [["a", "b", 0, "z"], "10,"],
    [['d"e'], "true"],
    [["f"], "[]"],
    [["f", 0], "[]"],
    [["g", "h"], "{}"],
    [["zz"], text],
    [["zz", "yy"], text],
    // After an empty object, a string in the enclosing array is a value, not a key.
    [["f2", 1], '"s"'],
  ])("%j → the value at %j", (path, at) => {
    expect(jsonValueOffset(text, path)).toBe(text.indexOf(at));
    expect(locateInJson(text, path)).toEqual(yamlPosition(text, path));
  });

  it("line and column count UTF-16 code units from 1, after CRLF line ends and a byte-order mark", () => {
    const crlf = '{\r\n  "名称": "甲方",\r\n  "n": 1\r\n}';
    expect(locateInJson(crlf, ["n"])).toEqual({ line: 3, column: 8 });
    expect(locateInJson(crlf, ["名称"])).toEqual({ line: 2, column: 9 });
    expect(locateInJson(`\uFEFF${crlf}`, ["n"])).toEqual({ line: 3, column: 8 });
    expect(locateInJson("", ["n"])).toBeUndefined();
  });

  it("a sheet locator for JSON gives the file with the position", () => {
    expect(sheetLocator('{"a": {"b": 1}}', "d.jsonl", "json")(["a", "b"])).toEqual({ file: "d.jsonl", line: 1, column: 13 });
    expect(sheetLocator('{"a": 1}', "d.jsonl", "json")([])).toEqual({ file: "d.jsonl" });
  });

  it("agrees with the YAML parser's position for any JSON text and any path (property)", () => {
    const key = fc.constantFrom("a", "b", "0", "1", 'q"', "s\\", "名", "é");
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("a", '"', "}", "{", ",", ":", "\\", "", null, true, false)),
        fc.array(tie("v"), { maxLength: 4 }),
        fc.dictionary(key, tie("v"), { maxKeys: 5 }),
      ),
    })).v;
    const space = fc.constantFrom("", " ", "\n", "\r\n", "\t", "  \n  ");
    // Spacing around every token, as hand-written or pretty-printed JSON has.
    const write = (v: unknown, ws: string): string => {
      if (Array.isArray(v)) return `[${ws}${v.map((x) => write(x, ws)).join(`${ws},${ws}`)}${ws}]`;
      if (v !== null && typeof v === "object")
        return `{${ws}${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)}${ws}:${ws}${write(x, ws)}`)
          .join(`${ws},${ws}`)}${ws}}`;
      return JSON.stringify(v);
    };
    const segment = fc.oneof(key, fc.integer({ min: 0, max: 4 }));
    fc.assert(
      fc.property(json, fc.array(segment, { maxLength: 5 }), space, (value, path, ws) => {
        const text = write(value, ws);
        JSON.parse(text);
        expect(locateInJson(text, path)).toEqual(yamlPosition(text, path));
      }),
      { numRuns: 10_000 },
    );
  });
});
