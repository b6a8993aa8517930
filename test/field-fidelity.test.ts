// Issue 11: a deal term that does not reach the text is lost data. Each test here changes one
// deal field and asserts that the agreement's wording follows it, in English and in Chinese.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { checkDeal } from "../src/check/check-deal.js";
import { draft } from "../src/draft.js";
import type { Clause, DocumentModel } from "../src/model/types.js";
import { clauseText } from "./helpers/model-text.js";

type Lang = "en" | "zh";
/** A mutable deal sheet, as read from YAML. */
type Sheet = any;

const sheet = (name: string): Sheet => parse(readFileSync(new URL(`../examples/deals/${name}.yaml`, import.meta.url), "utf8")) as Sheet;

function clauseOf(model: DocumentModel, id: string): Clause | undefined {
  return model.clauses.find((c) => c.id === id);
}

/** The plain text of one clause (all its paragraphs, list items and table rows, one per line), or undefined when the agreement leaves it out. */
function clauseTextOf(model: DocumentModel, id: string): string | undefined {
  const c = clauseOf(model, id);
  return c ? clauseText(c) : undefined;
}

/** Drafts the sheet in one language (Markdown only) and returns the text of one clause. */
async function textOf(deal: Sheet, lang: Lang, clause: string, options: { force?: boolean } = {}): Promise<string> {
  const result = await draft(deal, { formats: ["md"], lang, ...options });
  const text = clauseTextOf(result.model, clause);
  if (text === undefined) throw new Error(`clause ${clause} is not in the ${lang} agreement`);
  return text;
}

/** The sheet with a change applied (a fresh copy each time). */
function withChange(name: string, mutate: (d: Sheet) => void): Sheet {
  const d = sheet(name);
  mutate(d);
  return d;
}

describe("contact telephone numbers reach the notices clause", () => {
  it("shows each party's telephone when given, in English", async () => {
    const deal = withChange("us-crm-enterprise", (d) => {
      d.customer.contact.phone = "+1 302 555 0199";
      d.provider.contact.phone = "+1 212 555 0123";
    });
    const text = await textOf(deal, "en", "notices");
    expect(text).toContain("Dana Whitfield, Director of Sales Operations (telephone: +1 302 555 0199)");
    expect(text).toContain("(telephone: +1 212 555 0123)");
    expect(text).toContain("A telephone number above is for contact only: a notice given by telephone or text message is not valid notice.");
  });

  it("shows each party's telephone when given, in Chinese", async () => {
    const deal = withChange("cn-crm-standard", (d) => {
      d.customer.contact.phone = "+86 21 5555 0111";
      d.provider.contact.phone = "+86 10 5555 0222";
    });
    const text = await textOf(deal, "zh", "notices");
    expect(text).toContain("（电话：+86 21 5555 0111）");
    expect(text).toContain("（电话：+86 10 5555 0222）");
    expect(text).toContain("上表所列电话仅供联络之用，以电话或短信方式发出的通知不发生通知效力。");
  });

  it("shows only the telephone that is given, and no telephone wording when neither is", async () => {
    const one = withChange("us-crm-enterprise", (d) => {
      d.customer.contact.phone = "+1 302 555 0199";
      delete d.provider.contact.phone;
    });
    const oneText = await textOf(one, "en", "notices");
    expect(oneText.match(/telephone: /g)).toHaveLength(1);
    const none = withChange("us-crm-enterprise", (d) => {
      delete d.customer.contact.phone;
      delete d.provider.contact.phone;
    });
    for (const lang of ["en", "zh"] as const) {
      const text = await textOf(none, lang, "notices");
      expect(text).not.toMatch(/telephone|电话/);
    }
  });
});

describe("security.commitment sets the security clause's commitment", () => {
  const certs =
    (commitment: string, list: string[]) =>
    (d: Sheet): void => {
      d.security = { ...(d.security ?? {}), commitment, certifications: list };
    };

  it("certifications: the provider maintains the listed certifications for the term and gives evidence (en)", async () => {
    const text = await textOf(withChange("us-crm-enterprise", certs("certifications", ["ISO/IEC 27001", "SOC 2 Type II"])), "en", "security");
    expect(text).toMatch(
      /appropriate to the risks of the processing and meeting at least the requirements of the certifications and audit standards listed in Section \d+\.\d+ \(Certifications\)\. These include:/,
    );
    expect(text).toContain("The Provider will maintain for the Term the following certifications or audit reports: ISO/IEC 27001, SOC 2 Type II.");
    expect(text).toContain("evidence that each is current: the current certificate with its scope, or the latest audit report.");
    expect(text).not.toContain("industry standards");
  });

  it("commerciallyReasonable: industry-standard measures, and listed certifications only as held at the Effective Date (en)", async () => {
    const text = await textOf(withChange("us-crm-enterprise", certs("commerciallyReasonable", ["ISO/IEC 27001"])), "en", "security");
    expect(text).toContain("appropriate to the risks of the processing and consistent with recognized industry standards for cloud services of this kind. These include:");
    expect(text).toContain("At the Effective Date the Provider holds the following certifications or audit reports: ISO/IEC 27001.");
    expect(text).not.toContain("will maintain for the Term the following certifications");
    const none = await textOf(withChange("us-crm-enterprise", certs("commerciallyReasonable", [])), "en", "security");
    expect(none).toContain("consistent with recognized industry standards for cloud services of this kind");
    expect(none).not.toContain("Certifications");
  });

  it("certifications and commerciallyReasonable read differently in Chinese", async () => {
    const cert = await textOf(withChange("cn-crm-standard", certs("certifications", ["ISO/IEC 27001", "等保三级测评报告"])), "zh", "security");
    expect(cert).toMatch(/与处理风险相适应且至少符合第\S+所列认证和审计标准要求的管理、物理和技术措施/);
    expect(cert).toContain("合同期限内，乙方应保持以下认证或审计报告持续有效：ISO/IEC 27001、等保三级测评报告。");
    expect(cert).toContain("即现行有效的证书及其认证范围，或者最新的审计报告。");
    const reasonable = await textOf(withChange("cn-crm-standard", certs("commerciallyReasonable", ["ISO/IEC 27001"])), "zh", "security");
    expect(reasonable).toContain("与处理风险相适应且符合云服务业界通行标准的管理、物理和技术措施");
    expect(reasonable).toContain("截至生效日，乙方持有以下认证或审计报告：ISO/IEC 27001。");
    expect(reasonable).not.toContain("持续有效：");
  });

  it("certifications with an empty list is the error SEC1; forced, the clause falls back to industry-standard measures", async () => {
    const deal = withChange("us-crm-enterprise", certs("certifications", []));
    const r = checkDeal(deal, { document: false });
    expect(r.errors.map((p) => [p.id, p.path.join(".")])).toEqual([["SEC1", "security.certifications"]]);
    await expect(draft(deal, { formats: ["md"] })).rejects.toThrow(/SEC1|security commitment/);
    for (const lang of ["en", "zh"] as const) {
      const text = await textOf(deal, lang, "security", { force: true });
      expect(text).toContain(lang === "en" ? "consistent with recognized industry standards for cloud services of this kind" : "且符合云服务业界通行标准");
      expect(text).not.toMatch(/Certifications|认证或审计报告/);
    }
  });

  it("commerciallyReasonable with a list is the info SEC2; certifications with a list is clean", () => {
    const info = checkDeal(withChange("us-crm-enterprise", certs("commerciallyReasonable", ["ISO/IEC 27001", "SOC 2 Type II"])), { document: false });
    expect(info.problems.filter((p) => p.id.startsWith("SEC")).map((p) => [p.id, p.severity, p.message.en])).toEqual([
      ["SEC2", "info", expect.stringContaining("lists ISO/IEC 27001, SOC 2 Type II, but the security commitment is commerciallyReasonable")],
    ]);
    const clean = checkDeal(withChange("us-crm-enterprise", certs("certifications", ["ISO/IEC 27001"])), { document: false });
    expect(clean.problems.filter((p) => p.id.startsWith("SEC"))).toEqual([]);
  });
});

describe("law.negotiationDays sets the negotiation period before the forum", () => {
  const days =
    (n: number) =>
    (d: Sheet): void => {
      d.law.negotiationDays = n;
    };

  it("courts: the negotiation period follows the field, and 0 means no negotiation step (en)", async () => {
    const text = await textOf(withChange("us-crm-enterprise", days(45)), "en", "disputes");
    expect(text).toContain("Escalation");
    expect(text).toContain("If the dispute is not settled within forty-five (45) days after that notice, either Party may bring proceedings in ");
    const none = await textOf(withChange("us-crm-enterprise", days(0)), "en", "disputes");
    expect(none).not.toMatch(/Escalation|senior executives|after that notice/);
    expect(none).toContain("Either Party may bring proceedings on any dispute arising out of or relating to this Agreement in ");
  });

  it("arbitration: the negotiation period follows the field, and 0 means no negotiation step (en)", async () => {
    const text = await textOf(withChange("eu-gdpr-icc", days(14)), "en", "disputes");
    expect(text).toContain("If the dispute is not settled within fourteen (14) days after that notice, it will be finally resolved by arbitration");
    const none = await textOf(withChange("eu-gdpr-icc", days(0)), "en", "disputes");
    expect(none).not.toMatch(/Escalation|senior executives|after that notice/);
    expect(none).toContain("Any dispute arising out of or relating to this Agreement will be finally resolved by arbitration administered by the");
  });

  it("courts and arbitration follow the field in Chinese", async () => {
    const courts = await textOf(
      withChange("cn-crm-standard", (d) => {
        d.law.forum = { type: "courts", courts: "甲方住所地有管辖权的人民法院" };
        d.law.negotiationDays = 20;
      }),
      "zh",
      "disputes",
    );
    expect(courts).toContain("争议自上述通知发出之日起20日内未能协商解决的，任何一方均可以向甲方住所地有管辖权的人民法院提起诉讼");
    const courtsNone = await textOf(
      withChange("cn-crm-standard", (d) => {
        d.law.forum = { type: "courts", courts: "甲方住所地有管辖权的人民法院" };
        d.law.negotiationDays = 0;
      }),
      "zh",
      "disputes",
    );
    expect(courtsNone).not.toMatch(/协商/);
    expect(courtsNone).toContain("因本合同引起的或者与本合同有关的任何争议，任何一方均可以向甲方住所地有管辖权的人民法院提起诉讼");
    const arb = await textOf(withChange("shanghai-singapore-shiac", days(15)), "zh", "disputes");
    expect(arb).toContain("争议自上述通知发出之日起15日内未能协商解决的，应当提交");
    const arbNone = await textOf(withChange("shanghai-singapore-shiac", days(0)), "zh", "disputes");
    expect(arbNone).not.toMatch(/协商/);
    expect(arbNone).toContain("因本合同引起的或者与本合同有关的任何争议，均应提交");
  });
});

describe("privacy.subprocessorNoticeDays reaches the PIPL sub-entrustment terms", () => {
  const notice =
    (n: number) =>
    (d: Sheet): void => {
      d.privacy.subprocessorNoticeDays = n;
    };

  it("states the notice period before the customer's consent decision (en)", async () => {
    const text = await textOf(withChange("prc-domestic-cietac", notice(21)), "en", "pipl");
    expect(text).toContain("the Provider will notify the Customer in writing at least twenty-one (21) days before the intended sub-entrustment");
    expect(text).toContain("The Customer will tell the Provider whether it consents within that period.");
    expect(text).toContain("the Customer's silence is not consent");
    expect(text).toMatch(/not entrust the processing of the Personal Information to another party except as Section \d+\.\d+ \(Sub-entrustment\) permits;/);
    const none = await textOf(withChange("prc-domestic-cietac", notice(0)), "en", "pipl");
    expect(none).toContain("the Provider will notify the Customer in writing before the intended sub-entrustment");
    expect(none).toContain("whether it consents within a reasonable time.");
    expect(none).not.toContain("zero");
  });

  it("states the notice period before the customer's consent decision (zh)", async () => {
    const text = await textOf(withChange("prc-domestic-cietac", notice(21)), "zh", "pipl");
    expect(text).toContain("乙方拟转委托的，应至少提前21日书面通知甲方");
    expect(text).toContain("甲方应在该期限内答复是否同意。");
    expect(text).toContain("甲方未予答复的，不视为同意。");
    const none = await textOf(withChange("prc-domestic-cietac", notice(0)), "zh", "pipl");
    expect(none).toContain("乙方拟转委托的，应书面通知甲方");
    expect(none).toContain("甲方应在合理期限内答复是否同意。");
  });
});

describe("privacy.providerRole reaches the data-protection clauses and is checked against the regimes", () => {
  const role =
    (r: string) =>
    (d: Sheet): void => {
      d.privacy.providerRole = r;
    };

  it("a deal with GDPR and CCPA: each clause states its regime's role, and the designated role is named where it differs (en)", async () => {
    const sp = withChange("us-delaware-gdpr-ccpa", role("serviceProvider"));
    expect(await textOf(sp, "en", "gdpr-dpa")).toContain(
      "The Customer is the controller and the Provider is the processor of the Personal Data. The Parties have designated the Provider as the Customer's service provider under the California Consumer Privacy Act (CCPA); for the purposes of the GDPR it acts as processor, and nothing in this Agreement makes it a controller of the Personal Data.",
    );
    expect(await textOf(sp, "en", "ccpa")).not.toContain("have designated");
    const proc = withChange("us-delaware-gdpr-ccpa", role("processor"));
    expect(await textOf(proc, "en", "gdpr-dpa")).not.toContain("have designated");
    expect(await textOf(proc, "en", "ccpa")).toContain(
      "The Parties have designated the Provider as the Customer's processor; for the purposes of the CCPA it acts as service provider, and nothing in this Agreement makes it a third party to which the Customer sells or shares personal information.",
    );
  });

  it("a deal with GDPR and CCPA, in Chinese", async () => {
    const sp = withChange("us-delaware-gdpr-ccpa", role("serviceProvider"));
    expect(await textOf(sp, "zh", "gdpr-dpa")).toContain(
      "双方约定乙方作为甲方的美国《加利福尼亚州消费者隐私法》（CCPA）项下的服务提供者；就GDPR而言，乙方以处理者身份行事，本合同的任何约定均不使乙方成为个人数据的控制者。",
    );
    const proc = withChange("us-delaware-gdpr-ccpa", role("processor"));
    expect(await textOf(proc, "zh", "ccpa")).toContain("双方约定乙方作为甲方的处理者；就CCPA而言，乙方以服务提供者身份行事");
  });

  it("PIPL: the entrusted-party clause names a designated role that differs (en and zh)", async () => {
    // "processor" names the GDPR role only where the GDPR applies: under the PIPL the 个人信息处理者 is the customer, so a bare "乙方作为甲方的处理者" would contradict the clause.
    const proc = withChange("prc-domestic-cietac", (d) => (role("processor")(d), (d.privacy.regimes = ["PIPL", "GDPR"])));
    expect(await textOf(proc, "en", "pipl", { force: true })).toContain(
      "The Parties have designated the Provider as the Customer's processor under the General Data Protection Regulation (GDPR); for the purposes of the PIPL it acts as the entrusted party. The Provider does not decide the purposes or methods of processing the Personal Information.",
    );
    expect(await textOf(proc, "zh", "pipl", { force: true })).toContain(
      "双方约定乙方作为甲方的欧盟《通用数据保护条例》（GDPR）项下的处理者；就《个人信息保护法》而言，乙方以受托人身份行事。乙方不决定个人信息的处理目的和处理方式。",
    );
    const generic = withChange("prc-domestic-cietac", role("processor"));
    expect(await textOf(generic, "zh", "pipl")).not.toContain("双方约定乙方作为");
    const own = withChange("prc-domestic-cietac", role("entrustedParty"));
    expect(await textOf(own, "en", "pipl")).not.toContain("have designated");
    expect(await textOf(own, "zh", "pipl")).not.toContain("双方约定乙方作为");
  });

  const roleErrors = (name: string, mutate: (d: Sheet) => void): [string, string, string][] =>
    checkDeal(withChange(name, mutate), { document: false })
      .errors.filter((p) => p.id.startsWith("ROLE-"))
      .map((p) => [p.id, p.path.join("."), p.message.en]);

  it("ROLE-controller: controller contradicts each regime's on-behalf terms", () => {
    expect(roleErrors("us-delaware-gdpr-ccpa", role("controller"))).toEqual([
      [
        "ROLE-controller",
        "privacy.providerRole",
        "privacy.providerRole is controller, but GDPR applies and the agreement's data processing terms (GDPR Art. 28) make the provider its processor, processing personal data on the customer's behalf",
      ],
      [
        "ROLE-controller",
        "privacy.providerRole",
        "privacy.providerRole is controller, but CCPA applies and the agreement's service provider terms (CCPA) make the provider its service provider, processing personal data on the customer's behalf",
      ],
    ]);
    const zh = checkDeal(withChange("prc-domestic-cietac", role("controller")), { document: false }).errors.filter((p) => p.id === "ROLE-controller");
    expect(zh.map((p) => p.message.zh)).toEqual([
      "privacy.providerRole 为控制者（controller），但适用个人信息保护法，协议中的个人信息委托处理条款（个人信息保护法第二十一条）使乙方作为受托人代表甲方处理个人信息",
    ]);
  });

  it("ROLE-regime: a regime's own role needs that regime", () => {
    expect(roleErrors("us-delaware-gdpr-ccpa", role("businessAssociate"))).toEqual([
      [
        "ROLE-regime",
        "privacy.providerRole",
        "privacy.providerRole is businessAssociate, a role under HIPAA, but HIPAA is not in privacy.regimes, so no clause of the agreement gives the provider that role",
      ],
    ]);
    expect(roleErrors("us-delaware-gdpr-ccpa", role("entrustedParty")).map((e) => e[0])).toEqual(["ROLE-regime"]);
    expect(roleErrors("eu-gdpr-icc", role("serviceProvider")).map((e) => e[2])).toEqual([
      "privacy.providerRole is serviceProvider, a role under the CCPA, but CCPA is not in privacy.regimes, so no clause of the agreement gives the provider that role",
    ]);
  });

  it("no role error when the role fits: any on-behalf role with several regimes, processor anywhere", () => {
    expect(roleErrors("us-healthcare-hipaa", () => {})).toEqual([]); // businessAssociate with HIPAA + CCPA
    expect(roleErrors("us-delaware-gdpr-ccpa", role("serviceProvider"))).toEqual([]);
    expect(roleErrors("us-delaware-gdpr-ccpa", role("processor"))).toEqual([]);
    expect(roleErrors("prc-domestic-cietac", role("processor"))).toEqual([]);
    expect(roleErrors("us-crm-enterprise", (d) => (d.privacy = { regimes: [], providerRole: "controller" }))).toEqual([]);
  });
});

describe("privacy.prohibitedData lists the data the customer must not submit", () => {
  const prohibited =
    (list: string[]) =>
    (d: Sheet): void => {
      d.privacy = { ...(d.privacy ?? {}), prohibitedData: list };
    };

  it("lists each category in English, in the deal's order", async () => {
    const text = await textOf(withChange("us-crm-enterprise", prohibited(["paymentCard", "childrenData"])), "en", "responsibilities");
    expect(text).toContain("Prohibited Data\nThe Customer will not submit to the Service, and will ensure that its Authorized Users do not submit, any of the following categories of data:");
    expect(text).toContain(
      "• payment card data, such as full card numbers, card verification codes and PINs, within the scope of the Payment Card Industry Data Security Standard (PCI DSS);\n• personal data of children, including personal information of minors under the age of fourteen",
    );
    expect(text).toContain("(COPPA).");
    expect(text).not.toMatch(/protected health information|special categories/);
    const all = await textOf(withChange("us-crm-enterprise", prohibited(["PHI", "specialCategory"])), "en", "responsibilities");
    expect(all).toContain("protected health information within the meaning of the Health Insurance Portability and Accountability Act of 1996 (HIPAA);");
    expect(all).toContain(
      "special categories of personal data (Article 9 of the GDPR) and sensitive personal information (Article 28 of the Personal Information Protection Law of the People's Republic of China)",
    );
  });

  it("lists each category in Chinese", async () => {
    const text = await textOf(withChange("cn-crm-standard", prohibited(["specialCategory", "PHI", "paymentCard", "childrenData"])), "zh", "responsibilities");
    expect(text).toContain("禁止提交的数据\n甲方不得向本服务提交，并应确保其授权用户不向本服务提交下列任何类别的数据：");
    expect(text).toContain("特殊类别个人数据（GDPR第九条）及敏感个人信息（《中华人民共和国个人信息保护法》第二十八条）");
    expect(text).toContain("美国《1996年健康保险流通与责任法案》（HIPAA）所指的受保护健康信息；");
    expect(text).toContain("支付卡数据，如完整卡号");
    expect(text).toMatch(/不满十三周岁儿童的个人信息。\n本合同未约定法律就处理上述类别数据所要求的额外保护措施。/);
  });

  it("says nothing about prohibited data when the list is empty or there is no privacy section", async () => {
    for (const lang of ["en", "zh"] as const) {
      const empty = await textOf(withChange("cn-crm-standard", prohibited([])), lang, "responsibilities");
      expect(empty).not.toMatch(/Prohibited Data|禁止提交/);
    }
    const none = await textOf(
      withChange("us-crm-enterprise", (d) => delete d.privacy),
      "en",
      "responsibilities",
    );
    expect(none).not.toContain("Prohibited Data");
  });
});
