import type { Lang } from "../model/types.js";

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

/** The full name of an arbitration institution code, or undefined when unknown. */
export function institutionName(code: string, lang: Lang): string | undefined {
  return INSTITUTION_NAMES[code]?.[lang];
}
