import type { Lang } from "../model/types.js";

/** Display names of governing-law jurisdictions, as they read in a governing-law clause. */
const JURISDICTION_NAMES: Record<string, Record<Lang, string>> = {
  delaware: { en: "the State of Delaware, United States of America", zh: "美国特拉华州" },
  "new-york": { en: "the State of New York, United States of America", zh: "美国纽约州" },
  california: { en: "the State of California, United States of America", zh: "美国加利福尼亚州" },
  "england-wales": { en: "England and Wales", zh: "英格兰及威尔士" },
  singapore: { en: "the Republic of Singapore", zh: "新加坡共和国" },
  "hong-kong": { en: "the Hong Kong Special Administrative Region", zh: "中华人民共和国香港特别行政区" },
  prc: { en: "the People's Republic of China (excluding Hong Kong, Macau and Taiwan for this purpose)", zh: "中华人民共和国（为本合同之目的，不包括香港、澳门和台湾地区）" },
};

/** Full legal names of arbitration institutions: an arbitration clause must name one exactly. */
const INSTITUTION_NAMES: Record<string, Record<Lang, string>> = {
  CIETAC: { en: "China International Economic and Trade Arbitration Commission", zh: "中国国际经济贸易仲裁委员会" },
  SHIAC: { en: "Shanghai International Economic and Trade Arbitration Commission (Shanghai International Arbitration Center)", zh: "上海国际经济贸易仲裁委员会（上海国际仲裁中心）" },
  HKIAC: { en: "Hong Kong International Arbitration Centre", zh: "香港国际仲裁中心" },
  SIAC: { en: "Singapore International Arbitration Centre", zh: "新加坡国际仲裁中心" },
  ICC: { en: "International Court of Arbitration of the International Chamber of Commerce", zh: "国际商会国际仲裁院" },
  "AAA-ICDR": { en: "International Centre for Dispute Resolution of the American Arbitration Association", zh: "美国仲裁协会国际争议解决中心" },
  LCIA: { en: "London Court of International Arbitration", zh: "伦敦国际仲裁院" },
};

/** The display name of a jurisdiction code, or undefined when unknown. */
export function jurisdictionName(code: string, lang: Lang): string | undefined {
  return JURISDICTION_NAMES[code]?.[lang];
}

/** The full name of an arbitration institution code, or undefined when unknown. */
export function institutionName(code: string, lang: Lang): string | undefined {
  return INSTITUTION_NAMES[code]?.[lang];
}
