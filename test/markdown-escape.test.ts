/**
 * Markdown output: a value inserted into the document stays text in a Markdown reader, wherever it
 * lands at the start of a line (a paragraph, a list item, a table cell, the signature block). The
 * output is parsed with markdown-it, HTML on (as GitHub reads it), and its block structure compared
 * with the same document holding a plain word instead.
 */
import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Block, DocumentModel, Run } from "../src/model/types.js";
import { renderMarkdown } from "../src/render/markdown/index.js";

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

const reader = new MarkdownIt({ html: true });

const t = (text: string, extra: { bold?: boolean; italic?: boolean } = {}): Run => ({ type: "text", text, ...extra });

/** A document with `value` at the start of every kind of line the renderer writes. */
function modelWith(value: string): DocumentModel {
  const front: Block[] = [
    { kind: "paragraph", role: "body", runs: [t(value)] },
    { kind: "paragraph", role: "body", runs: [t(value, { bold: true }), t(" as agreed")] },
    { kind: "paragraph", role: "body", runs: [t("  "), t(value)] },
    { kind: "paragraph", role: "center", runs: [t(value)] },
    { kind: "paragraph", role: "note", runs: [t(value, { italic: true })] },
    {
      kind: "list",
      style: "bullet",
      depth: 0,
      items: [
        { label: "•", runs: [t(value)] },
        { label: "•", runs: [t(value, { bold: true })] },
      ],
    },
    { kind: "list", style: "lettered", depth: 0, items: [{ label: "(a)", runs: [t(value)], children: { kind: "list", style: "bullet", depth: 1, items: [{ label: "•", runs: [t(value)] }] } }] },
    {
      kind: "table",
      columns: [
        { header: [t(value)], width: 1, align: "left" },
        { header: [t("Amount")], width: 1, align: "right" },
      ],
      rows: [{ cells: [[t(value)], [t(value)]] }, { cells: [[t(value)], [t("1")]], emphasis: true }],
    },
    {
      kind: "parallel",
      langs: ["en", "zh"],
      cells: [
        { kind: "paragraph", role: "body", runs: [t(value)] },
        { kind: "list", style: "bullet", depth: 0, items: [{ label: "•", runs: [t(value)] }] },
      ],
    },
  ];
  return {
    meta: { lang: "en", title: "T", subject: "S", reference: "R-1", parties: ["A", "B"], createdAt: "2026-12-01T00:00:00.000Z", producer: "test" },
    front,
    clauses: [
      {
        id: "c",
        anchor: "cl-c",
        number: "1",
        label: "1.",
        title: "Clause",
        blocks: [{ kind: "paragraph", role: "body", runs: [t(value)] }],
        subclauses: [{ anchor: "cl-c-1", number: "1.1", blocks: [{ kind: "paragraph", role: "body", runs: [t(value)] }] }],
      },
    ],
    signatures: {
      heading: "Signatures",
      intro: [t(value)],
      noFurtherText: value,
      parties: [
        {
          role: "CUSTOMER",
          name: value,
          lines: [
            { kind: "name", label: "Name", value },
            { kind: "signature", label: value },
          ],
        },
      ],
    },
    schedules: [],
  };
}

/** The block structure: token types and nesting, without the inline content. */
function structure(md: string): string[] {
  return reader.parse(md, {}).map((tok) => `${"  ".repeat(tok.level)}${tok.type}${tok.tag && tok.type !== "inline" ? `:${tok.tag}` : ""}`);
}

/** What a reader shows of an inline token: its text, emphasis and our own anchors left out. */
function shown(tok: Token): string {
  return (tok.children ?? [])
    .map((c) => {
      if (c.type === "text" || c.type === "text_special" || c.type === "code_inline") return c.content;
      if (c.type === "softbreak" || c.type === "hardbreak") return "\n";
      if (c.type === "html_inline") return /^<\/?(strong|em)>$|^<a id="[^"]*"><\/a>$|^<\/a>$/.test(c.content) ? "" : c.content;
      return "";
    })
    .join("");
}

const normal = (s: string): string => s.replace(/[ \t\n]+/g, " ").trim();

const PLAIN = "Plain";

/** The values of the issue, and the other ways a line can open a block in CommonMark or GFM. */
const HOSTILE = [
  "1. X",
  "1) X",
  "# X",
  "###### X",
  "- X",
  "+ X",
  "* X",
  "> X",
  "===",
  "---",
  "***",
  "___",
  "    indented code",
  "\tX",
  "```",
  "```js",
  "~~~",
  "| a |",
  "| a | b |\n|---|---|",
  "<div>",
  "<div>X</div>",
  "<!-- X -->",
  "<script>alert(1)</script>",
  "[x]: http://example.com",
  "- [ ] task",
  "123456789. X",
  "   # X",
  "1.\tX",
  "=",
  "-",
];

describe("Markdown: inserted values never become block markup", () => {
  const plain = structure(renderMarkdown(modelWith(PLAIN)));

  it.each(HOSTILE)("%j at the start of a paragraph, list item, cell or signature line stays text", (value) => {
    const md = renderMarkdown(modelWith(value));
    expect(structure(md)).toEqual(plain);
    // Every place the value went shows it, as text.
    const texts = reader
      .parse(md, {})
      .filter((tok) => tok.type === "inline")
      .map(shown);
    const expected = normal(value);
    expect(texts.filter((s) => normal(s) === expected).length).toBeGreaterThanOrEqual(9);
  });

  it("property: any string at the start of a paragraph or a list item is one paragraph or one item, shown as it is", () => {
    const marker = fc.constantFrom("#", ">", "-", "+", "*", "=", "_", "`", "~", "|", "<", "[", "!", "1.", "2)", "    ", "\t", " ", "\\", "&amp;", "div>", "a", "甲", ":");
    const value = fc.array(marker, { minLength: 1, maxLength: 8 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(fc.oneof(value, fc.string({ maxLength: 12 })), (v) => {
        fc.pre(normal(v) !== "" && !/[\u0000-\u0008\u000B-\u001F\u007F]/.test(v));
        for (const block of [
          { kind: "paragraph", role: "body", runs: [t(v)] },
          { kind: "list", style: "bullet", depth: 0, items: [{ label: "•", runs: [t(v)] }] },
        ] satisfies Block[]) {
          const md = renderMarkdown({ ...modelWith(PLAIN), front: [block], clauses: [], signatures: { heading: "S", intro: [], parties: [] } });
          const tokens = reader.parse(md, {});
          const expected =
            block.kind === "paragraph"
              ? ["paragraph_open", "inline", "paragraph_close"]
              : ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "bullet_list_close"];
          // The value's block, then the signature heading.
          expect(tokens.map((x) => x.type)).toEqual([...expected, "heading_open", "inline", "heading_close"]);
          expect(normal(shown(tokens.find((x) => x.type === "inline") as Token))).toBe(normal(v));
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
