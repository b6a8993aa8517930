import type { Rule } from "../types.js";
import { cnTopicRules } from "./cn-topics.js";
import { consistencyRules } from "./consistency.js";
import { dataProtectionRules } from "./data-protection.js";
import { disputeRules } from "./disputes.js";
import { documentRules } from "./document.js";
import { enterpriseRules } from "./enterprise.js";
import { exitRules } from "./exit.js";
import { implementationRules } from "./implementation.js";
import { languageRules } from "./language.js";
import { liabilityRules } from "./liability.js";
import { paymentRules } from "./payment.js";
import { securityRules } from "./security.js";
import { chineseFormalityRules } from "./chinese-formalities.js";
import { englishTextRules } from "./english-text.js";
import { roleRules } from "./roles.js";
import { slaRules } from "./sla.js";
import { slaTermRules } from "./sla-terms.js";
import { termRules } from "./term.js";

/** Every built-in rule, before the safety flag is set. */
const allRules: readonly Rule[] = [
  ...dataProtectionRules,
  ...roleRules,
  ...securityRules,
  ...chineseFormalityRules,
  ...englishTextRules,
  ...exitRules,
  ...liabilityRules,
  ...paymentRules,
  ...implementationRules,
  ...slaRules,
  ...slaTermRules,
  ...termRules,
  ...enterpriseRules,
  ...disputeRules,
  ...cnTopicRules,
  ...languageRules,
  ...documentRules,
  ...consistencyRules,
];

/**
 * The groups whose rules are safety rules: a wrong forum, payment stages that do not add up, a
 * cap below the fees or a missing data-processing term make an agreement unenforceable or
 * contradict the deal, so no pack may weaken them unasked (see `Rule.safety`).
 */
export const SAFETY_GROUPS: ReadonlySet<string> = new Set(["disputes", "payment", "liability", "data-protection"]);

/**
 * Every built-in rule, grouped as in docs/checks.md: data protection (D), exit
 * (E), liability (L), payment and fees (P, F), implementation (M), service
 * levels (S), term (T), disputes (R), the topics of a Chinese contract (CN),
 * language (B), the document (G1) and its internal consistency (G2–G5). The
 * rules of {@link SAFETY_GROUPS} are safety rules.
 */
export const builtinRules: readonly Rule[] = allRules.map((r) => (SAFETY_GROUPS.has(r.group) ? { ...r, safety: true } : r));
