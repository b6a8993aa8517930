import { SaxesParser, type SaxesTagNS } from "saxes";
import { notDocx } from "./zip.js";

/** The WordprocessingML namespace: `w:` elements and attributes, whatever prefix a file binds it to. */
export const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/** Markup compatibility (`mc:AlternateContent`). */
export const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/** Where an XML part came from, for messages. */
export interface PartSource {
  readonly file: string;
  readonly part: string;
}

/**
 * The text of an XML part: UTF-8 (a byte-order mark allowed) or UTF-16 with its byte-order mark,
 * the encodings XML parsers must read. Anything else is `COMPARE_NOT_DOCX`.
 */
export function xmlText(bytes: Uint8Array, source: PartSource): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const encoding = b0 === 0xff && b1 === 0xfe ? "utf-16le" : b0 === 0xfe && b1 === 0xff ? "utf-16be" : "utf-8";
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw notDocx(source.file, `its part ${source.part} is not valid ${encoding.toUpperCase()} text`);
  }
}

/** The value of an attribute by namespace and local name (unprefixed attributes have the namespace ""). */
export function attr(tag: SaxesTagNS, uri: string, local: string): string | undefined {
  for (const a of Object.values(tag.attributes)) if (a.local === local && a.uri === uri) return a.value;
  return undefined;
}

/** What a streaming read of a part reacts to. */
export interface XmlHandlers {
  open(tag: SaxesTagNS): void;
  close(tag: SaxesTagNS): void;
  text(text: string): void;
}

/**
 * Reads a part with a strict, namespace-aware streaming parser (saxes): no regular expressions
 * over XML, no DTD entities expanded (an entity the XML standard does not predefine is an error).
 * A part that is not well-formed is `COMPARE_NOT_DOCX`.
 */
export function readXml(text: string, source: PartSource, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: Error | undefined;
  parser.on("error", (err) => {
    failure ??= err;
    throw err;
  });
  parser.on("opentag", (tag) => handlers.open(tag));
  parser.on("closetag", (tag) => handlers.close(tag));
  parser.on("text", (t) => handlers.text(t));
  parser.on("cdata", (t) => handlers.text(t));
  try {
    parser.write(text).close();
  } catch (err) {
    if (failure === undefined) throw err;
    throw notDocx(source.file, `its part ${source.part} is not well-formed XML (${failure.message})`);
  }
}

/** An element of a small part read whole. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  readonly tag: SaxesTagNS;
  readonly children: XmlElement[];
  /** The element's own text (not its descendants'). */
  text: string;
}

/** Reads a small part (relationships, content types, properties, styles) into a tree. */
export function xmlTree(text: string, source: PartSource): XmlElement {
  const root: XmlElement = { uri: "", local: "#document", tag: { name: "", prefix: "", local: "", uri: "", attributes: {}, ns: {}, isSelfClosing: false }, children: [], text: "" };
  const stack: XmlElement[] = [root];
  readXml(text, source, {
    open: (tag) => {
      const el: XmlElement = { uri: tag.uri, local: tag.local, tag, children: [], text: "" };
      stack[stack.length - 1]?.children.push(el);
      stack.push(el);
    },
    close: () => {
      stack.pop();
    },
    text: (t) => {
      const top = stack[stack.length - 1];
      if (top && stack.length > 1) top.text += t;
    },
  });
  return root;
}

/** The children of `el` with this namespace and local name. */
export function childrenOf(el: XmlElement, uri: string, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && c.uri === uri);
}
