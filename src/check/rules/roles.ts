import { appliedRegimes } from "../../deal/pipl.js";
import type { Deal } from "../../deal/schema.js";
import type { Finding, Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "data-protection";

/**
 * What `privacy.providerRole` means (see docs/checks.md, "Provider role"): the provider's
 * capacity for the personal data in the customer data. `processor`, `serviceProvider`,
 * `businessAssociate` and `entrustedParty` are the same capacity — processing on the customer's
 * behalf — named in the vocabulary of one regime (GDPR, CCPA, HIPAA, PIPL; `processor` is also
 * the generic name). In a deal with several regimes the one field names that capacity once, and
 * each regime's clause states the provider's role in that regime's own terms (processor, service
 * provider, business associate, entrusted party). So a regime-specific role needs its regime, and
 * `controller` contradicts every built-in data-protection clause, all of which are on-behalf terms.
 */
type Regime = "GDPR" | "UK_GDPR" | "CCPA" | "HIPAA" | "PIPL";

/** The built-in terms each regime brings, and the role they give the provider. */
const ON_BEHALF_TERMS: Readonly<Record<Regime, { terms: { en: string; zh: string }; role: { en: string; zh: string } }>> = {
  GDPR: { terms: both("data processing terms (GDPR Art. 28)", "数据处理条款（GDPR第28条）"), role: both("processor", "处理者") },
  UK_GDPR: { terms: both("data processing terms (UK GDPR Art. 28)", "数据处理条款（英国GDPR第28条）"), role: both("processor", "处理者") },
  CCPA: { terms: both("service provider terms (CCPA)", "服务提供者条款（CCPA）"), role: both("service provider", "服务提供者") },
  HIPAA: { terms: both("business associate agreement (HIPAA)", "业务伙伴协议（HIPAA）"), role: both("business associate", "业务伙伴") },
  PIPL: { terms: both("entrusted-processing terms (PIPL Art. 21)", "个人信息委托处理条款（个人信息保护法第二十一条）"), role: both("entrusted party", "受托人") },
};

/** Roles that belong to one regime, and that regime. */
const REGIME_OF_ROLE: Readonly<Record<string, { regime: Regime; law: { en: string; zh: string } }>> = {
  serviceProvider: { regime: "CCPA", law: both("the CCPA", "CCPA") },
  businessAssociate: { regime: "HIPAA", law: both("HIPAA", "HIPAA") },
  entrustedParty: { regime: "PIPL", law: both("the PIPL", "个人信息保护法") },
};

/** The regimes whose terms the agreement carries: PIPL also when it applies by default to a mainland-China customer. */
const regimesOf = (deal: Deal): readonly Regime[] => appliedRegimes(deal);

export const roleRules: readonly Rule[] = [
  defineRule({
    id: "ROLE-controller",
    group,
    severity: "error",
    message: both(
      "privacy.providerRole is controller, but {regime} applies and the agreement's {terms} make the provider its {role}, processing personal data on the customer's behalf",
      "privacy.providerRole 为控制者（controller），但适用{regime}，协议中的{terms}使乙方作为{role}代表甲方处理个人信息",
    ),
    paths: ["privacy.providerRole", "privacy.regimes"],
    hint: both(
      "Set privacy.providerRole to the on-behalf role (processor, or the regime's own: serviceProvider, businessAssociate, entrustedParty); a provider that is a controller needs controller-to-controller terms from a pack, not these.",
      "请将 privacy.providerRole 设为代表甲方处理的角色（processor，或该法规项下的角色：serviceProvider、businessAssociate、entrustedParty）；乙方如为控制者，应使用资料包中的控制者对控制者条款，而非本条款。",
    ),
    check: (deal) =>
      deal.privacy?.providerRole === "controller"
        ? regimesOf(deal).map(
            (r): Finding => ({
              path: ["privacy", "providerRole"],
              params: {
                regime: both(r === "UK_GDPR" ? "UK GDPR" : r, r === "UK_GDPR" ? "英国GDPR" : r === "PIPL" ? "个人信息保护法" : r),
                terms: ON_BEHALF_TERMS[r].terms,
                role: ON_BEHALF_TERMS[r].role,
              },
            }),
          )
        : [],
  }),
  defineRule({
    id: "ROLE-regime",
    group,
    severity: "error",
    message: both(
      "privacy.providerRole is {role}, a role under {law}, but {regime} is not in privacy.regimes, so no clause of the agreement gives the provider that role",
      "privacy.providerRole 为{role}，系{law}项下的角色，但 privacy.regimes 未包含{regime}，协议中没有条款赋予乙方该角色",
    ),
    paths: ["privacy.providerRole", "privacy.regimes"],
    hint: both(
      "Add {regime} to privacy.regimes if it applies; otherwise set privacy.providerRole to processor (the generic role of a provider processing on the customer's behalf) or to the role under a regime that applies.",
      "如适用{regime}，请将其加入 privacy.regimes；否则请将 privacy.providerRole 设为 processor（代表甲方处理的通用角色）或所适用法规项下的角色。",
    ),
    check: (deal) => {
      const role = deal.privacy?.providerRole;
      const need = role ? REGIME_OF_ROLE[role] : undefined;
      if (!role || !need || regimesOf(deal).includes(need.regime)) return [];
      return [
        {
          path: ["privacy", "providerRole"],
          params: { role: both(role, `${ON_BEHALF_TERMS[need.regime].role.zh}（${role}）`), law: need.law, regime: both(need.regime, need.regime === "PIPL" ? "PIPL（个人信息保护法）" : need.regime) },
        },
      ];
    },
  }),
];
