/** Markdown without emphasis markers, link targets and escapes, so phrases can be matched across runs. */
export function plainMarkdown(md: string): string {
  return md.replace(/\[([^\]]*)\]\(#[^)]*\)/g, "$1").replace(/\*\*|<\/?(?:strong|em)>|\\/g, "");
}

/** The plain text of the Markdown from the anchor `<a id="…">` to the next anchor. */
export function markdownSection(md: string, anchor: string): string {
  const start = md.indexOf(`<a id="${anchor}"></a>`);
  if (start < 0) throw new Error(`no anchor ${anchor}`);
  const end = md.indexOf('<a id="', start + anchor.length + 10);
  return plainMarkdown(md.slice(start, end < 0 ? undefined : end));
}
