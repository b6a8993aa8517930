/**
 * Every problem code the engine reports, so a consumer can switch on `Problem.code` and have the
 * compiler check the cases. Codes are stable: a code is never reused for another meaning.
 */
export const PROBLEM_CODES = [
  // assemble
  "ASSEMBLE_CONFLICT",
  "ASSEMBLE_DUPLICATE_ID",
  "ASSEMBLE_DUPLICATE_TERM",
  "ASSEMBLE_LAYOUT_MISSING_CLAUSE",
  "ASSEMBLE_MISSING_LANGUAGE",
  "ASSEMBLE_MISSING_REQUIRED",
  "ASSEMBLE_NO_JURISDICTION_PROFILE",
  "ASSEMBLE_NO_VARIANT",
  "ASSEMBLE_REF_TO_OMITTED",
  "ASSEMBLE_SUBCLAUSE_OUTSIDE_BODY",
  "ASSEMBLE_TERM_FROM_OMITTED",
  "ASSEMBLE_UNDEFINED_TERM",
  "ASSEMBLE_UNKNOWN_AGREEMENT",
  "ASSEMBLE_UNKNOWN_CLAUSE",
  "ASSEMBLE_UNKNOWN_NUMBERING",
  "ASSEMBLE_UNKNOWN_REF",
  // bilingual
  "BILINGUAL_MISALIGNED",
  "BILINGUAL_NESTED",
  // deal
  "DEAL_DUPLICATE_KEY",
  "DEAL_DUPLICATE_MODULE",
  "DEAL_EMPTY",
  "DEAL_FILE_TOO_LARGE",
  "DEAL_FILE_UNREADABLE",
  "DEAL_INSURANCE_AGGREGATE",
  "DEAL_INSURANCE_NO_COVER",
  "DEAL_INVALID_AMOUNT",
  "DEAL_INVALID_DATE",
  "DEAL_INVALID_FORMAT",
  "DEAL_INVALID_PERCENT",
  "DEAL_INVALID_TYPE",
  "DEAL_INVALID_VALUE",
  "DEAL_INVISIBLE_CHARACTER",
  "DEAL_JSON_SYNTAX",
  "DEAL_MISSING_FIELD",
  "DEAL_NEGATIVE_AMOUNT",
  "DEAL_NESTING_TOO_DEEP",
  "DEAL_NOT_A_MAPPING",
  "DEAL_NOT_UTF8",
  "DEAL_PREVAILING_LANGUAGE_REQUIRED",
  "DEAL_SAME_PARTY",
  "DEAL_TOO_BIG",
  "DEAL_TOO_MANY_PROBLEMS",
  "DEAL_TOO_SMALL",
  "DEAL_UNKNOWN_FIELD",
  "DEAL_UNKNOWN_MODULE",
  "DEAL_YAML_ALIAS_LIMIT",
  "DEAL_YAML_SYNTAX",
  "DEAL_YAML_TRAILING_COMMENT",
  // font
  "FONT_NOT_READABLE",
  // option
  "OPTION_BILINGUAL_SAME_LANGUAGE",
  "OPTION_FONTS_REQUIRED",
  "OPTION_INVALID",
  "OPTION_NOT_BILINGUAL",
  "OPTION_NOT_FOR_DRAFT",
  "OPTION_UNKNOWN",
  "OPTION_UNKNOWN_AGREEMENT",
  "OPTION_UNKNOWN_DATE_STYLE",
  "OPTION_UNKNOWN_FORMAT",
  "OPTION_UNKNOWN_LANG",
  "OPTION_UNKNOWN_LAYOUT",
  "OPTION_UNKNOWN_NUMBERING",
  "OPTION_UNKNOWN_PRIMARY",
  // output
  "OUTPUT_NOT_WRITABLE",
  "OUTPUT_RECOVERED",
  // pack
  "PACK_BAD_DEFAULT",
  "PACK_BAD_ENGINE_RANGE",
  "PACK_CLAUSE_NOT_PLACED",
  "PACK_DISABLE_UNKNOWN_CLAUSE",
  "PACK_DUPLICATE_AGREEMENT",
  "PACK_DUPLICATE_ID",
  "PACK_DUPLICATE_PLACEMENT",
  "PACK_DUPLICATE_RULE",
  "PACK_DUPLICATE_SECTION",
  "PACK_FILE_TOO_LARGE",
  "PACK_GLOSSARY_AVOIDED_VARIANT",
  "PACK_GLOSSARY_CONFLICT",
  "PACK_GLOSSARY_MISSING_TERM",
  "PACK_GLOSSARY_OVERRIDE",
  "PACK_GLOSSARY_TERM_MISMATCH",
  "PACK_HARD_LINK",
  "PACK_ID_FOLDER_MISMATCH",
  "PACK_INCOMPATIBLE_ENGINE",
  "PACK_INVALID",
  "PACK_JURISDICTION_CYCLE",
  "PACK_JURISDICTION_INCOMPLETE",
  "PACK_JURISDICTION_UNKNOWN_BASE",
  "PACK_LANGUAGE_STRUCTURE",
  "PACK_LAYOUT_MISSING_CLAUSE",
  "PACK_LAYOUT_PLACEMENT",
  "PACK_MISSING_FILE",
  "PACK_MISSING_LANGUAGE",
  "PACK_MISSING_TITLE",
  "PACK_NOT_A_FILE",
  "PACK_NOT_FOUND",
  "PACK_NOT_READABLE",
  "PACK_NOT_UTF8",
  "PACK_NO_FIXTURES",
  "PACK_OVERRIDE",
  "PACK_OVERRIDE_DISABLED",
  "PACK_OVERRIDE_DROPS_VALUE",
  "PACK_OVERRIDE_UNKNOWN_CLAUSE",
  "PACK_OVERRIDE_UNKNOWN_VARIANT",
  "PACK_OVERRIDE_UNUSED",
  "PACK_PATH_ESCAPE",
  "PACK_REF_TO_DISABLED",
  "PACK_REQUIRES_DISABLED",
  "PACK_RULES_NOT_A_LIST",
  "PACK_RULE_BAD_CONDITION",
  "PACK_SAFETY_RULE_OVERRIDE",
  "PACK_STANDARD_INVALID",
  "PACK_SYMLINK",
  "PACK_TOO_LARGE",
  "PACK_UNDECLARED_OVERRIDE",
  "PACK_UNDECLARED_VARIABLE",
  "PACK_UNDEFINED_TERM",
  "PACK_UNEXPECTED_FILE",
  "PACK_UNKNOWN_AGREEMENT",
  "PACK_UNKNOWN_ANCHOR",
  "PACK_UNKNOWN_BUILTIN",
  "PACK_UNKNOWN_CATEGORY",
  "PACK_UNKNOWN_CLAUSE",
  "PACK_UNKNOWN_ENUM_VALUE",
  "PACK_UNKNOWN_PATH",
  "PACK_UNKNOWN_REFERENCE",
  "PACK_UNUSED_VARIABLE",
  "PACK_YAML_LIMIT",
  "PACK_YAML_SYNTAX",
  "PACK_ZH_ASCII_PUNCTUATION",
  // redline
  "REDLINE_NO_STANDARD",
  // render
  "RENDER_BAD_FONT",
  "RENDER_DOCX_INTERNAL",
  "RENDER_INVALID_CHARACTER",
  "RENDER_INVALID_DATE",
  "RENDER_MISSING_GLYPH",
  "RENDER_NO_CJK_FONT",
  // template
  "TEMPLATE_BAD_ARGUMENT",
  "TEMPLATE_BUDGET_EXCEEDED",
  "TEMPLATE_MARKUP",
  "TEMPLATE_MISSING_VALUE",
  "TEMPLATE_NOT_PRINTABLE",
  "TEMPLATE_PRIVATE_USE_CHARACTER",
  "TEMPLATE_RAW_OUTPUT",
  "TEMPLATE_SYNTAX",
  "TEMPLATE_TOO_COMPLEX",
  "TEMPLATE_UNKNOWN_HELPER",
  "TEMPLATE_UNSUPPORTED",
  // term
  "TERM_UNMARKED",
  "TERM_UNUSED",
  // text
  "TEXT_AMOUNT_TOO_LARGE",
  "TEXT_INVALID_AMOUNT",
  "TEXT_NEGATIVE_AMOUNT",
  "TEXT_UNKNOWN_CURRENCY",
] as const;

/** A problem code reported by the engine itself (see {@link PROBLEM_CODES}). */
export type EngineProblemCode = (typeof PROBLEM_CODES)[number];

/** The code of a problem found by a check rule: `CHECK_` and the rule id ("D1-transfer" → "CHECK_D1_TRANSFER"), built-in or from a pack. */
export type CheckCode = `CHECK_${string}`;

/** A deal-file code (`DEAL_YAML_SYNTAX`) re-based onto another prefix (`PACK_YAML_SYNTAX`). */
export type RebasedCode<C extends string, Prefix extends string> = C extends `DEAL_${infer Rest}` ? `${Prefix}${Rest}` : never;

/** The deal-sheet codes a pack YAML file reports under `PACK_` (`PACK_YAML_SYNTAX`, `PACK_DUPLICATE_KEY`, ...). */
export type PackFileCode = RebasedCode<Extract<EngineProblemCode, `DEAL_${string}`>, "PACK_">;

/** The deal-validation codes a pack's rules.yaml reports under `PACK_RULE_` (`PACK_RULE_INVALID_TYPE`, ...). */
export type PackRuleCode = RebasedCode<Extract<EngineProblemCode, `DEAL_${string}`>, "PACK_RULE_">;

/**
 * Every problem code: {@link EngineProblemCode}, the deal-file codes re-based for pack files, and
 * {@link CheckCode}. A `switch` over the engine's codes narrows exactly; check codes need a
 * `default` (packs add rules).
 */
export type ProblemCode = EngineProblemCode | PackFileCode | PackRuleCode | CheckCode;

/** Re-bases a deal-file problem code for a pack file (`DEAL_YAML_SYNTAX` → `PACK_YAML_SYNTAX`); other codes pass unchanged. */
export function rebaseCode<P extends "PACK_" | "PACK_RULE_">(code: ProblemCode, prefix: P): ProblemCode {
  return code.startsWith("DEAL_") ? (`${prefix}${code.slice("DEAL_".length)}` as ProblemCode) : code;
}

const ENGINE_CODES: ReadonlySet<string> = new Set(PROBLEM_CODES);

/** True when `code` is one of {@link PROBLEM_CODES}. */
export function isEngineProblemCode(code: string): code is EngineProblemCode {
  return ENGINE_CODES.has(code);
}
