import type { ClauseDef, Pack, TemplateSource } from "./types.js";

/**
 * The same pack with every file name prefixed by `root` (e.g. the folder it was
 * read from), so problems found later, when a catalogue is built from several
 * packs, name the file as the author sees it. Pure: names only.
 */
export function relocatePack(pack: Pack, root: string): Pack {
  const base = root.endsWith("/") ? root : `${root}/`;
  const at = (file: string): string => base + file;
  const src = (t: TemplateSource): TemplateSource => ({ ...t, file: at(t.file) });
  const langs = <T extends Partial<Record<string, TemplateSource>>>(m: T): T => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ? src(v) : v])) as T;
  const clause = (c: ClauseDef): ClauseDef => ({
    ...c,
    file: at(c.file),
    variants: c.variants.map((v) => ({ ...v, templates: langs(v.templates) })),
    defines: c.defines.map((d) => ({ ...d, definition: langs(d.definition) })),
  });
  return {
    ...pack,
    manifestFile: at(pack.manifestFile ?? "pack.yaml"),
    clauses: pack.clauses.map(clause),
    ...(pack.overrides ? { overrides: pack.overrides.map((o) => ({ ...o, file: at(o.file), variants: Object.fromEntries(Object.entries(o.variants).map(([k, v]) => [k, langs(v)])) })) } : {}),
    ...(pack.terms ? { terms: pack.terms.map((t) => ({ ...t, file: at(t.file), definition: langs(t.definition) })) } : {}),
    ...(pack.fieldsFile ? { fieldsFile: at(pack.fieldsFile) } : {}),
    ...(pack.standardFile ? { standardFile: at(pack.standardFile) } : {}),
  };
}
