import type { Comparison, ReadPath } from "./transform.js";

/**
 * A template compiled when the library was built: what `TemplateEnvironment.compile` finds by
 * analysing the source (reads, comparisons, references), and the Handlebars template
 * specification `Handlebars.precompile` produced from the same rewritten syntax tree.
 */
export interface PrecompiledTemplate {
  readonly reads: readonly ReadPath[];
  readonly comparisons: readonly Comparison[];
  readonly refs: readonly { readonly id: string; readonly line: number; readonly column: number }[];
  /** The template specification (an object of functions), as `Handlebars.template` takes it. */
  readonly spec: object;
}

const registry = new Map<string, PrecompiledTemplate>();

/**
 * Adds templates compiled at build time, by their exact source text. Parsing, checking and
 * compiling the built-in pack's templates at every start was most of a CLI draft's time; a source
 * that matches one of these (the built-in pack's own templates, in every governing law's English,
 * also when a user pack is layered over it) is not parsed again.
 */
export function registerPrecompiled(entries: Iterable<readonly [string, PrecompiledTemplate]>): void {
  for (const [source, template] of entries) registry.set(source, template);
}

/** The template compiled at build time for exactly this source, if there is one. */
export function precompiledFor(source: string): PrecompiledTemplate | undefined {
  return registry.get(source);
}

/** Forgets every registered template (tests compare precompiled and freshly compiled output). */
export function clearPrecompiled(): void {
  registry.clear();
}
