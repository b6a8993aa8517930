import type { Finding, Rule } from "../types.js";
import { anchorsOfModel, both, defineRule, runsOfModel } from "../util.js";

const group = "document";

export const documentRules: readonly Rule[] = [
  defineRule({
    id: "G1",
    group,
    severity: "error",
    scope: "document",
    message: both(
      'The reference "{text}" in clause "{clause}" of the {lang} text points to "{target}", which is not in that text',
      "{lang}文本条款“{clause}”中的援引“{text}”指向“{target}”，但该文本中不存在此位置",
    ),
    paths: [],
    hint: both(
      'Write references with {{ref "clause-id"}} so they are computed; a reference to a clause the deal leaves out must be guarded with {{#if}}.',
      '请用 {{ref "条款id"}} 书写援引以便自动计算；援引被省略的条款时须用 {{#if}} 包住。',
    ),
    check: (_deal, ctx) => {
      const out: Finding[] = [];
      for (const doc of ctx.documents ?? []) {
        const anchors = anchorsOfModel(doc.model);
        for (const { clause, run } of runsOfModel(doc.model)) {
          if (run.type === "ref" && (!anchors.has(run.target) || run.text.trim() === "")) {
            out.push({
              path: [],
              clause,
              params: { text: run.text, clause: clause || "front matter", target: run.target, lang: doc.lang === "zh" ? both("Chinese", "中文") : both("English", "英文") },
            });
          }
        }
      }
      return out;
    },
  }),
];
