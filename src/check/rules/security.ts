import type { Rule } from "../types.js";
import { both, defineRule } from "../util.js";

const group = "security";

/**
 * The security commitment (`security.commitment`) and the certifications it names. With
 * `certifications` the security clause binds the provider to maintain the listed certifications
 * for the term; with `commerciallyReasonable` it commits to industry-standard measures and states
 * any listed certifications as held at the effective date.
 */
export const securityRules: readonly Rule[] = [
  defineRule({
    id: "SEC1",
    group,
    severity: "error",
    message: both(
      "The security commitment is to maintain certifications, but security.certifications names none, so the agreement would commit to nothing beyond industry-standard measures",
      "安全承诺为保持认证，但 security.certifications 未列明任何认证，协议只能约定业界通行标准的安全措施",
    ),
    paths: ["security.commitment", "security.certifications"],
    hint: both(
      "List the certifications or audit reports the provider will maintain (e.g. ISO/IEC 27001, SOC 2 Type II), or set security.commitment to commerciallyReasonable.",
      "请列明乙方应保持的认证或审计报告（如 ISO/IEC 27001、SOC 2 Type II），或将 security.commitment 设为 commerciallyReasonable。",
    ),
    check: (deal) => (deal.security.commitment === "certifications" && deal.security.certifications.length === 0 ? [{ path: ["security", "certifications"] }] : []),
  }),
  defineRule({
    id: "SEC2",
    group,
    severity: "info",
    message: both(
      "security.certifications lists {certs}, but the security commitment is commerciallyReasonable: the agreement states them as held at the effective date, not as certifications the provider must maintain for the term",
      "security.certifications 列有{certs}，但安全承诺为 commerciallyReasonable：协议仅载明乙方在生效日持有该等认证，而不约定乙方在合同期限内保持该等认证",
    ),
    paths: ["security.commitment", "security.certifications"],
    hint: both("Set security.commitment to certifications if the provider must keep them for the term.", "如乙方须在合同期限内保持该等认证，请将 security.commitment 设为 certifications。"),
    check: (deal) =>
      deal.security.commitment === "commerciallyReasonable" && deal.security.certifications.length > 0
        ? [{ path: ["security", "commitment"], params: { certs: both(deal.security.certifications.join(", "), deal.security.certifications.join("、")) } }]
        : [],
  }),
];
