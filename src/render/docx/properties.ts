import type { IPropertiesOptions } from "docx";
import { ClausewrightError } from "../../errors/error.js";
import type { DocumentMeta } from "../../model/types.js";
import { checkXmlText, escapeXml } from "./text.js";

/**
 * The model's creation time. It stands in for the clock everywhere a DOCX
 * wants a time (core properties, zip entries), so it must parse.
 */
export function creationDate(meta: DocumentMeta): Date {
  const date = new Date(meta.createdAt);
  if (Number.isNaN(date.getTime())) {
    throw new ClausewrightError([{ code: "RENDER_INVALID_DATE", severity: "error", message: `The creation time "${meta.createdAt}" is not an ISO 8601 date` }]);
  }
  return date;
}

type CustomProperty = NonNullable<IPropertiesOptions["customProperties"]>[number];

const prop = (text: string): string => checkXmlText(text, "the document properties");

/**
 * `docProps/core.xml`, written by us rather than the docx package, which
 * stamps created/modified with the clock: title, subject, creator and last
 * editor (the producer), keywords (reference and parties), a description,
 * and created = modified = the model's creation time.
 */
export function coreXml(meta: DocumentMeta, created: Date): string {
  const x = (text: string): string => escapeXml(prop(text));
  const when = created.toISOString().replace(/\.000Z$/, "Z");
  const description = `${meta.title} (${meta.reference}): ${meta.parties.join("; ")}`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${x(meta.title)}</dc:title>` +
    `<dc:subject>${x(meta.subject)}</dc:subject>` +
    `<dc:creator>${x(meta.producer)}</dc:creator>` +
    `<cp:keywords>${x([meta.reference, ...meta.parties].join("; "))}</cp:keywords>` +
    `<dc:description>${x(description)}</dc:description>` +
    `<dc:language>${meta.lang === "zh" ? "zh-CN" : "en"}</dc:language>` +
    `<cp:lastModifiedBy>${x(meta.producer)}</cp:lastModifiedBy>` +
    "<cp:revision>1</cp:revision>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/** Custom properties: reference and parties for document management systems, and the assembly record. */
export function customProperties(meta: DocumentMeta): CustomProperty[] {
  return [
    { name: "Reference", value: prop(meta.reference) },
    { name: "Parties", value: prop(meta.parties.join("; ")) },
    ...(meta.record ? [{ name: "clausewright.record", value: prop(meta.record) }] : []),
  ];
}
