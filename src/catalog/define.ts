import type { Lang } from "../model/types.js";
import type { BuiltinClauseId } from "./builtin/packs.generated.js";
import type { FieldValues } from "./fields.js";
import type { StandardTerms } from "./standard.js";
import type {
  AgreementLayout,
  ClauseDef,
  ClauseRequirement,
  ClauseOverride,
  Condition,
  FieldSpec,
  GlossaryEntry,
  NumberingProfileSpec,
  Pack,
  PackTerm,
  Placement,
  TemplateSource,
  Titles,
} from "./types.js";

export type { BuiltinClauseId } from "./builtin/packs.generated.js";

/** Template text per language. */
export type Templates = { readonly [L in Lang]?: string };

/** A clause written in TypeScript; `Known` are the ids it may require, exclude or follow. */
export interface ClauseSpec<Id extends string = string, Known extends string = string> {
  readonly id: Id;
  readonly category: string;
  readonly placement?: Placement;
  readonly title: Titles;
  readonly reads?: readonly string[];
  readonly when?: Condition;
  readonly requires?: readonly Known[];
  readonly excludes?: readonly Known[];
  /** Templates of a clause without variants. */
  readonly templates?: Templates;
  /** Variants in order, each with its templates. */
  readonly variants?: readonly { readonly id: string; readonly when?: Condition; readonly templates: Templates }[];
  readonly defines?: readonly { readonly term: Titles; readonly definition?: Templates; readonly inline?: boolean }[];
  readonly generate?: "definitions";
  /** Every layout must place the clause ("always"), or every layout of a bilingual draft ("bilingual"). */
  readonly required?: ClauseRequirement;
}

/** A clause to insert before or after an anchor clause; `Known` are the ids the compiler accepts. */
export type PlacementSpec<Known extends string> = { readonly clause: Known; readonly agreement?: string } & (
  | { readonly after: Known; readonly before?: never }
  | { readonly before: Known; readonly after?: never }
);

/** A pack written in TypeScript. Ids in requires / excludes / agreements / disable / overrides are checked by the compiler. */
export interface PackSpec<Name extends string, Id extends string, F extends Readonly<Record<string, FieldSpec>>> {
  readonly name: Name;
  readonly version: string;
  readonly engine: string;
  readonly languages: readonly Lang[];
  readonly clauses?: readonly ClauseSpec<Id, NoInfer<Id> | BuiltinClauseId>[];
  readonly agreements?: readonly { readonly id: string; readonly title: Titles; readonly clauses: readonly (NoInfer<Id> | BuiltinClauseId)[]; readonly numbering?: AgreementLayout["numbering"] }[];
  /**
   * New wording for built-in clauses: variant id ("default" without variants) → templates. Each
   * key declares its override (as `overrides:` in pack.yaml does), so no `replaces` entry is needed.
   */
  readonly overrides?: { readonly [K in BuiltinClauseId]?: { readonly title?: Titles; readonly reads?: readonly string[]; readonly variants: Readonly<Record<string, Templates>> } };
  /**
   * Ids of built-in clauses this pack's `clauses` replace: a replacement must be declared
   * (`overrides:` in pack.yaml), see docs/security.md.
   */
  readonly replaces?: readonly (BuiltinClauseId | (string & Record<never, never>))[];
  readonly disable?: readonly BuiltinClauseId[];
  /** Insert clauses into existing layouts next to an anchor clause (see `place:` in docs/clause-packs.md). */
  readonly place?: readonly PlacementSpec<NoInfer<Id> | BuiltinClauseId>[];
  readonly terms?: readonly { readonly clause?: NoInfer<Id> | BuiltinClauseId; readonly term: Titles; readonly definition: Templates }[];
  readonly numbering?: readonly NumberingProfileSpec[];
  /** English term → Chinese term, or `{ zh, avoid }` (glossary.yaml for a pack folder). */
  readonly glossary?: Readonly<Record<string, string | { readonly zh: string; readonly avoid?: readonly string[] }>>;
  /** Deal fields, under `extensions.<name>` in the deal sheet. */
  readonly fields?: F;
  /** The provider's standard position, a partial deal sheet (standard.yaml for a pack folder): the base of a redline against `standard`. */
  readonly standard?: StandardTerms;
}

/** A pack built by {@link definePack}: plain {@link Pack} data, plus its types for the compiler. */
export type TypedPack<Name extends string, Id extends string, F extends Readonly<Record<string, FieldSpec>>> = Pack & {
  readonly name: Name;
  /** Type-only: the pack's clause ids. */
  readonly __ids?: Id;
  /** Type-only: the values of the pack's deal fields. */
  readonly __fields?: FieldValues<F>;
};

/** The deal-sheet addition of a pack built by {@link definePack}: `{ extensions: { <name>: fields } }`. */
export type PackDealFields<P> = P extends TypedPack<infer Name, string, infer F> ? { extensions: { [K in Name]: FieldValues<F> } } : never;

function sources(t: Templates | undefined, base: string): Partial<Record<Lang, TemplateSource>> {
  const out: Partial<Record<Lang, TemplateSource>> = {};
  for (const [lang, text] of Object.entries(t ?? {}) as [Lang, string | undefined][]) if (text !== undefined) out[lang] = { text, file: `${base}${lang}.hbs` };
  return out;
}

/** Declares one clause (identity at run time; fixes the id's literal type). */
export function defineClause<const Id extends string>(spec: ClauseSpec<Id>): ClauseSpec<Id> {
  return spec;
}

/**
 * Declares a pack in TypeScript. The result is the same data a pack folder
 * gives, so both kinds load into one catalogue with `createCatalog`. File names
 * in messages are virtual: `<name>/clauses/<id>/<lang>.hbs`.
 */
export function definePack<const Name extends string, const Id extends string = never, const F extends Readonly<Record<string, FieldSpec>> = Record<never, FieldSpec>>(
  spec: PackSpec<Name, Id, F>,
): TypedPack<Name, Id, F> {
  const clauses: ClauseDef[] = (spec.clauses ?? []).map((c) => {
    const dir = `${spec.name}/clauses/${c.id}/`;
    return {
      id: c.id,
      category: c.category,
      placement: c.placement ?? "body",
      titles: c.title,
      reads: c.reads ?? [],
      ...(c.when ? { when: c.when } : {}),
      requires: c.requires ?? [],
      excludes: c.excludes ?? [],
      variants: c.variants
        ? c.variants.map((v) => ({ id: v.id, ...(v.when ? { when: v.when } : {}), templates: sources(v.templates, `${dir}${v.id}.`) }))
        : [{ id: "default", templates: sources(c.templates, dir) }],
      defines: (c.defines ?? []).map((d, i) => ({ term: d.term, definition: sources(d.definition, `${dir}defines.${i}.`), inline: d.inline ?? false })),
      ...(c.generate ? { generate: c.generate } : {}),
      ...(c.required ? { required: c.required } : {}),
      file: `${dir}clause`,
    };
  });
  const overrides: ClauseOverride[] = Object.entries(spec.overrides ?? {}).flatMap(([id, o]) =>
    o
      ? [
          {
            id,
            reads: o.reads ?? [],
            ...(o.title ? { titles: o.title } : {}),
            file: `${spec.name}/overrides/${id}/`,
            variants: Object.fromEntries(Object.entries(o.variants).map(([v, t]) => [v, sources(t, `${spec.name}/overrides/${id}/${v}.`)])),
          },
        ]
      : [],
  );
  const terms: PackTerm[] = (spec.terms ?? []).map((t, i) => ({
    term: t.term,
    definition: sources(t.definition, `${spec.name}/terms.${i}.`),
    inline: false,
    file: `${spec.name}/terms`,
    ...(t.clause ? { clause: t.clause } : {}),
  }));
  const glossary: GlossaryEntry[] = Object.entries(spec.glossary ?? {}).map(([en, v]) =>
    typeof v === "string" ? { en, zh: v, avoid: [], file: `${spec.name}/glossary` } : { en, zh: v.zh, avoid: v.avoid ?? [], file: `${spec.name}/glossary` },
  );
  return {
    name: spec.name,
    version: spec.version,
    engine: spec.engine,
    languages: spec.languages,
    clauses,
    agreements: (spec.agreements ?? []).map((a) => ({ id: a.id, titles: a.title, clauses: a.clauses, ...(a.numbering ? { numbering: a.numbering } : {}) })),
    manifestFile: `${spec.name}/pack`,
    ...(overrides.length ? { overrides } : {}),
    ...(overrides.length || spec.replaces?.length ? { declaredOverrides: [...new Set([...overrides.map((o) => o.id), ...(spec.replaces ?? [])])] } : {}),
    ...(spec.disable?.length ? { disable: spec.disable } : {}),
    ...(spec.place?.length
      ? {
          place: spec.place.map((p) => ({
            clause: p.clause,
            ...(p.after !== undefined ? { after: p.after } : {}),
            ...(p.before !== undefined ? { before: p.before } : {}),
            ...(p.agreement !== undefined ? { agreement: p.agreement } : {}),
          })),
        }
      : {}),
    ...(terms.length ? { terms } : {}),
    ...(spec.glossary ? { glossary } : {}),
    ...(spec.numbering?.length ? { numbering: spec.numbering } : {}),
    ...(spec.fields && Object.keys(spec.fields).length ? { fields: spec.fields, fieldsFile: `${spec.name}/fields` } : {}),
    ...(spec.standard ? { standard: spec.standard, standardFile: `${spec.name}/standard` } : {}),
  };
}
