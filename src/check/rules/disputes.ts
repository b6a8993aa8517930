import type { Deal } from "../../deal/schema.js";
import type { Rule } from "../types.js";
import { both, defineRule, display, placeName, placesOf, texts } from "../util.js";

const group = "disputes";

/** Where the known institutions sit when the seat does not say (ICC has no home seat). */
const INSTITUTION_HOME: Readonly<Record<string, string>> = { CIETAC: "CN", SHIAC: "CN", HKIAC: "HK", SIAC: "SG", LCIA: "GB", "AAA-ICDR": "US" };

/** The places of the chosen forum: the courts' location, or the seat (else the institution's home). */
export function forumPlaces(deal: Deal): Set<string> | undefined {
  const f = deal.law.forum;
  if (f.type === "courts") return placesOf(f.courts);
  const seat = placesOf(f.seat);
  if (seat) return seat;
  if (typeof f.institution === "string") {
    const home = INSTITUTION_HOME[f.institution];
    return home ? new Set([home]) : undefined;
  }
  return placesOf(f.institution.name);
}

/** Words a full institution name contains (an arbitration commission, centre, court…). */
const INSTITUTION_WORDS_EN = /\b(arbitration|arbitral|centre|center|court|commission|chamber|institute|association|tribunal)\b/i;
const INSTITUTION_WORDS_ZH = /(仲裁委员会|仲裁院|仲裁中心|仲裁庭|仲裁机构|国际商会)/;

/** Why an institution name is not a full legal name, or undefined when it looks like one. */
function notFullName(name: string): { en: string; zh: string } | undefined {
  const letters = name.replace(/[^A-Za-z]/g, "");
  if (/^[A-Z]+$/.test(letters) && letters.length <= 6 && !/[\u3400-\u9fff]/.test(name)) return both("it is an abbreviation", "这是简称");
  if (/[\u3400-\u9fff]/.test(name) ? !INSTITUTION_WORDS_ZH.test(name) : !INSTITUTION_WORDS_EN.test(name)) {
    return both("it names no arbitration commission, centre or court (a city alone is not enough)", "未写明仲裁委员会、仲裁中心或仲裁院（仅写城市不足以确定）");
  }
  return undefined;
}

export const disputeRules: readonly Rule[] = [
  defineRule({
    id: "R1",
    group,
    severity: "error",
    message: both(
      'The arbitration institution "{name}" is not a full legal name: {why}. An arbitration clause naming no clear institution is void under PRC law',
      "仲裁机构“{name}”不是完整的法定名称：{why}。依中国法律，未约定明确仲裁机构的仲裁条款无效",
    ),
    paths: ["law.forum.institution"],
    hint: both(
      "Use a known code (CIETAC, SHIAC, HKIAC, SIAC, ICC, AAA-ICDR, LCIA) or the institution's full name, e.g. { name: 北京仲裁委员会 }.",
      "请使用已知代码（CIETAC、SHIAC、HKIAC、SIAC、ICC、AAA-ICDR、LCIA）或完整名称，例如 { name: 北京仲裁委员会 }。",
    ),
    check: (deal) => {
      const f = deal.law.forum;
      if (f.type !== "arbitration" || typeof f.institution === "string") return [];
      for (const name of texts(f.institution.name)) {
        const why = notFullName(name);
        if (why) return [{ path: ["law", "forum", "institution", "name"], params: { name, why } }];
      }
      return [];
    },
  }),
  defineRule({
    id: "R1-either",
    group,
    severity: "error",
    message: both(
      'The dispute clause allows both arbitration and the courts; under PRC law such an "arbitrate or litigate" clause invalidates the arbitration agreement',
      "争议解决条款同时约定仲裁和诉讼（“或裁或诉”），依中国法律仲裁协议无效",
    ),
    paths: ["law.forum"],
    hint: both("Choose one forum: law.forum.type courts or arbitration, and describe only that one.", "请只选择一种争议解决方式：law.forum.type 为 courts 或 arbitration，并只描述该方式。"),
    check: (deal) => {
      const f = deal.law.forum;
      if (f.type === "courts") return texts(f.courts).some((t) => /arbitrat|仲裁/i.test(t)) ? [{ path: ["law", "forum", "courts"] }] : [];
      const named = [...texts(f.seat), ...(typeof f.institution === "string" ? [] : texts(f.institution.name))];
      return named.some((t) => /people's court|litigation|lawsuit|人民法院|诉讼|起诉/i.test(t)) ? [{ path: ["law", "forum"] }] : [];
    },
  }),
  defineRule({
    id: "R1-prc-court",
    group,
    severity: "warning",
    message: both('PRC law governs and the courts are chosen, but "{courts}" does not name a people\'s court', "适用中国法律并选择法院管辖，但“{courts}”未写明人民法院"),
    paths: ["law.forum.courts"],
    hint: both(
      "Name the people's court of a place connected to the dispute (a party's domicile, the place of performance or of signing), e.g. 甲方住所地有管辖权的人民法院.",
      "请写明与争议有实际联系地点（一方住所地、合同履行地或签订地）的人民法院，例如“甲方住所地有管辖权的人民法院”。",
    ),
    check: (deal) => {
      const f = deal.law.forum;
      if (deal.law.governingLaw !== "prc" || f.type !== "courts") return [];
      const places = placesOf(f.courts);
      if (places && [...places].some((c) => c !== "CN")) return []; // a foreign court: rule R3
      return texts(f.courts).some((t) => /people's court|人民法院/i.test(t)) ? [] : [{ path: ["law", "forum", "courts"], params: { courts: display(f.courts) } }];
    },
  }),
  defineRule({
    id: "R2",
    group,
    severity: "error",
    message: both(
      "Both parties are registered in mainland China and nothing else makes the contract foreign-related, so it cannot choose {law} law; PRC law applies",
      "双方均在中国大陆注册，合同不具有涉外因素，不能选择{law}法律，应适用中国法律",
    ),
    paths: ["law.governingLaw", "customer.country", "provider.country"],
    hint: both("Set law.governingLaw: prc.", "请设置 law.governingLaw: prc。"),
    check: (deal) =>
      deal.law.governingLaw !== "prc" && deal.customer.country === "CN" && deal.provider.country === "CN" ? [{ path: ["law", "governingLaw"], params: { law: deal.law.governingLaw } }] : [],
  }),
  defineRule({
    id: "R3",
    group,
    severity: "warning",
    message: both(
      "PRC law governs, but disputes go to a forum outside mainland China ({where}), which will have to apply foreign law; for a contract with no foreign element a foreign forum is not allowed at all",
      "适用中国法律，但争议提交中国大陆以外的机构或法院（{where}），其须适用外国法律；不具有涉外因素的合同不得约定境外争议解决",
    ),
    paths: ["law.governingLaw", "law.forum"],
    hint: both(
      "Choose a PRC forum (a people's court, or CIETAC / SHIAC seated in mainland China), or a governing law that matches the forum.",
      "请选择中国大陆的争议解决机构（人民法院，或仲裁地在中国大陆的贸仲 / 上国仲），或选择与争议解决地相符的准据法。",
    ),
    check: (deal) => {
      if (deal.law.governingLaw !== "prc") return [];
      const places = forumPlaces(deal);
      const foreign = places ? [...places].filter((c) => c !== "CN") : [];
      const names = foreign.map(placeName);
      return foreign.length > 0 ? [{ path: ["law", "forum"], params: { where: both(names.map((n) => n.en).join(", "), names.map((n) => n.zh).join("、")) } }] : [];
    },
  }),
];
