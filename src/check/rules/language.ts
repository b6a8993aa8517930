import type { Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "language";

const bilingual = (langs: readonly string[]): boolean => langs.includes("en") && langs.includes("zh");

export const languageRules: readonly Rule[] = [
  defineRule({
    id: "B1",
    group,
    severity: "error",
    message: both(
      "The agreement is bilingual, but it does not say which text prevails; PRC law then treats both as equally authentic and resolves conflicts by purpose (Civil Code Art. 466)",
      "协议为双语文本，但未约定以何种文本为准；依《民法典》第四百六十六条，两种文本视为同等效力，冲突时按合同目的解释",
    ),
    paths: ["agreement.prevailingLanguage"],
    hint: both("Set agreement.prevailingLanguage to en, zh or equal.", "请将 agreement.prevailingLanguage 设为 en、zh 或 equal。"),
    check: (deal, ctx) => (bilingual(ctx.langs) && deal.agreement.prevailingLanguage === undefined ? [{ path: ["agreement", "prevailingLanguage"] }] : []),
  }),
  defineRule({
    id: "B1-arbitration",
    group,
    severity: "warning",
    message: both("The {prevailing} text prevails, but the arbitration is to be conducted in {arbitration}", "协议以{prevailing}文本为准，但仲裁语言为{arbitration}"),
    paths: ["law.forum.language", "agreement.prevailingLanguage"],
    hint: both("Set law.forum.language to the prevailing language, unless the difference is intended.", "请将 law.forum.language 设为作准文本的语言，除非有意不同。"),
    check: (deal, ctx) => {
      const f = deal.law.forum;
      const p = deal.agreement.prevailingLanguage;
      if (!bilingual(ctx.langs) || f.type !== "arbitration" || p === undefined || p === "equal" || p === f.language) return [];
      const name = { en: both("English", "英文"), zh: both("Chinese", "中文") };
      return [{ path: ["law", "forum", "language"], params: { prevailing: name[p], arbitration: name[f.language] } }];
    },
  }),
  defineRule({
    id: "B1-terms",
    group,
    severity: "error",
    scope: "document",
    message: both(
      'The agreement is bilingual, but the term "{term}" defined by clause "{clause}" has no {missing} form, so it cannot be translated consistently',
      "协议为双语文本，但条款“{clause}”定义的术语“{term}”没有{missing}表述，无法保持译名一致",
    ),
    paths: [],
    hint: both("Give the term both an en and a zh form in the clause's defines.", "请在条款的 defines 中为该术语提供 en 和 zh 两种表述。"),
    check: (_deal, ctx) => {
      if (!bilingual(ctx.langs) || !ctx.documents) return [];
      const out: Finding[] = [];
      const seen = new Set<string>();
      for (const doc of ctx.documents) {
        for (const c of doc.clauses) {
          for (const t of c.terms) {
            const missing = !t.en ? both("English", "英文") : !t.zh ? both("Chinese", "中文") : undefined;
            const term = t.en ?? t.zh ?? "";
            if (!missing || seen.has(`${c.id}\u0000${term}`)) continue;
            seen.add(`${c.id}\u0000${term}`);
            out.push({ path: [], clause: c.id, params: { term, clause: c.id, missing } });
          }
        }
      }
      return out;
    },
  }),
];
