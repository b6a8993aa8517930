import { isLocalTextObject } from "../../deal/primitives.js";
import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "english";

/**
 * Place names that English writes with "the": "store the data in the United States", never
 * "in United States". The deal's value is printed as given (data is never rewritten), so a bare
 * name would read as pasted; the rule asks for the article in the deal instead.
 */
const NEEDS_THE =
  /^(United States|United Kingdom|European Union|European Economic Area|Netherlands|Philippines|Czech Republic|United Arab Emirates|Bahamas|Republic of [A-Z][a-z]+|People's Republic of China|Hong Kong Special Administrative Region)\b/;

/** Deal values that English text prints inside a sentence and that may need an article. */
export const englishTextRules: readonly Rule[] = [
  defineRule({
    id: "EN1-article",
    group,
    severity: "warning",
    message: both(
      'data.storageLocation "{value}" is printed in a sentence ("store the Customer Data in {value}"), where English needs "the {value}"',
      "data.storageLocation“{value}”将嵌入英文句子（“store the Customer Data in {value}”），英文应写作“the {value}”",
    ),
    paths: ["data.storageLocation"],
    hint: both("Write storageLocation: the {value}.", "请写作 storageLocation: the {value}。"),
    check: (deal) => {
      const loc: unknown = deal.data.storageLocation;
      const local = isLocalTextObject(loc);
      const en = local ? loc.en : typeof loc === "string" ? loc : undefined;
      if (en === undefined || !NEEDS_THE.test(en.trim())) return [];
      return [{ path: ["data", "storageLocation", ...(local ? ["en"] : [])], params: { value: both(en.trim()) } }];
    },
  }),
];
