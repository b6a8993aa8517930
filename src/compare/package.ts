import { attr, xmlText, xmlTree, type XmlElement } from "./xml.js";
import { notDocx, openZip, type ZipReader } from "./zip.js";

/** The parts of a DOCX that a comparison reads, as text. */
export interface DocxParts {
  /** The main document part (`word/document.xml` in files Word writes). */
  readonly document: string;
  /** Its styles part, when it has one: heading levels and contents styles come from there. */
  readonly styles?: string;
  /** The custom property `clausewright.record` (our assembly record, JSON), when the file has it. */
  readonly record?: string;
  /** Where the main part is, for messages. */
  readonly documentPart: string;
}

/** The name of the custom property our DOCX carries the assembly record in (src/render/docx/properties.ts). */
export const RECORD_PROPERTY = "clausewright.record";

const MAIN_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
  "application/vnd.ms-word.document.macroEnabled.main+xml",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
]);

/** A part's name without a leading slash and with `.` and `..` steps resolved, relative to the folder `base`. */
function resolvePart(base: string, target: string): string {
  const steps = target.startsWith("/") ? [] : base.split("/").filter(Boolean);
  for (const s of target.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") steps.pop();
    else steps.push(s);
  }
  return steps.join("/");
}

/** The target of the first relationship whose type ends with `/<type>`, resolved against `base`. */
function relationshipTarget(rels: XmlElement | undefined, type: string, base: string): string | undefined {
  for (const root of rels?.children ?? []) {
    for (const r of root.children) {
      if (r.local !== "Relationship" || attr(r.tag, "", "TargetMode") === "External") continue;
      const t = attr(r.tag, "", "Type");
      const target = attr(r.tag, "", "Target");
      if (t !== undefined && target !== undefined && t.endsWith(`/${type}`)) return resolvePart(base, target);
    }
  }
  return undefined;
}

/** The content type of a part, by its override or else its extension's default. */
function contentType(types: XmlElement, part: string): string | undefined {
  const root = types.children[0];
  if (!root) return undefined;
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  let byDefault: string | undefined;
  for (const el of root.children) {
    const type = attr(el.tag, "", "ContentType");
    if (el.local === "Override" && attr(el.tag, "", "PartName")?.replace(/^\//, "").toLowerCase() === part.toLowerCase()) return type;
    if (el.local === "Default" && attr(el.tag, "", "Extension")?.toLowerCase() === ext) byDefault = type;
  }
  return byDefault;
}

function readText(zip: ZipReader, part: string, file: string): string | undefined {
  const bytes = zip.read(part);
  return bytes === undefined ? undefined : xmlText(bytes, { file, part });
}

/** The text of the custom property `name`, if the custom properties part has it. */
function customProperty(custom: XmlElement, name: string): string | undefined {
  for (const root of custom.children) {
    for (const p of root.children) {
      if (p.local !== "property" || attr(p.tag, "", "name") !== name) continue;
      const value = p.children[0];
      return value?.text;
    }
  }
  return undefined;
}

/**
 * Opens a file as a WordprocessingML package the way Word does: the zip, its content types, the
 * package relationships that name the main document part, and that part's own relationships for
 * the styles. A file that is not a zip, or a zip that is not a Word document (a spreadsheet, a
 * presentation, any other archive), is `COMPARE_NOT_DOCX`; limits are `COMPARE_TOO_LARGE`.
 */
export function readDocxParts(bytes: Uint8Array, file: string): DocxParts {
  const zip = openZip(bytes, file);
  const typesText = readText(zip, "[Content_Types].xml", file);
  const relsText = readText(zip, "_rels/.rels", file);
  if (typesText === undefined || relsText === undefined) throw notDocx(file, "it is a zip archive, but not an Office document (it has no content types or package relationships)");
  const types = xmlTree(typesText, { file, part: "[Content_Types].xml" });
  const rels = xmlTree(relsText, { file, part: "_rels/.rels" });
  const main = relationshipTarget(rels, "officeDocument", "");
  if (main === undefined || !zip.has(main)) throw notDocx(file, "it is a zip archive, but not an Office document (it names no main document part)");
  const type = contentType(types, main);
  if (type === undefined || !MAIN_TYPES.has(type)) throw notDocx(file, `it is an Office file, but not a Word document (its main part is ${type ?? "of no known type"})`);
  const document = readText(zip, main, file) ?? "";
  const folder = main.includes("/") ? main.slice(0, main.lastIndexOf("/")) : "";
  const mainRelsPart = `${folder ? `${folder}/` : ""}_rels/${main.slice(folder ? folder.length + 1 : 0)}.rels`;
  const mainRelsText = readText(zip, mainRelsPart, file);
  const stylesPart = mainRelsText === undefined ? undefined : relationshipTarget(xmlTree(mainRelsText, { file, part: mainRelsPart }), "styles", folder);
  const styles = stylesPart === undefined ? undefined : readText(zip, stylesPart, file);
  const customPart = relationshipTarget(rels, "custom-properties", "");
  const customText = customPart === undefined ? undefined : readText(zip, customPart, file);
  const record = customText === undefined ? undefined : customProperty(xmlTree(customText, { file, part: customPart ?? "" }), RECORD_PROPERTY);
  return { document, documentPart: main, ...(styles !== undefined ? { styles } : {}), ...(record !== undefined ? { record } : {}) };
}
