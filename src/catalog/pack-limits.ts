/**
 * What one pack may contain. A pack is untrusted data (legal teams load packs written by others),
 * so everything that makes later stages slower is bounded here, at the door, with a problem that
 * names the file. Each value is far above what a real pack needs: the built-in CRM pack has 194
 * files, 0.65 MB, 57 clauses, and its largest template is 17 KB.
 */
export const PACK_LIMITS = {
  /** Bytes in one pack file (a template, a YAML file). 15× the largest built-in template. */
  fileBytes: 256 * 1024,
  /** Files the reader looks at in one pack folder (pack files and others alike). */
  files: 2_000,
  /** Bytes of all pack files together. */
  totalBytes: 16 * 1024 * 1024,
  /** Folder depth below the pack folder (clauses/<id>/ is depth 2). */
  depth: 8,
  /** Clauses a pack defines (clauses/<id>/ folders). */
  clauses: 1_000,
  /** Defined terms a pack adds (terms.yaml plus every clause's `defines`). */
  terms: 1_000,
  /** Rules in rules.yaml. */
  rules: 1_000,
  /**
   * `{{` in all the pack's files together: compiling a template costs about a third of a
   * millisecond per tag, so this bounds loading at seconds. The built-in pack has about 3,600.
   */
  templateTags: 30_000,
  /** YAML aliases expanded in one file: enough for sharing, far too few for an alias bomb. */
  yamlAliases: 100,
  /** Nesting of YAML collections in one file: pack files are a few levels deep. */
  yamlDepth: 64,
} as const;
