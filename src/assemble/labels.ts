import type { Lang, SignatureLine } from "../model/types.js";

/**
 * The fixed words of the document furniture, per language: what is not
 * clause text but still has to read naturally (subtitle, signature page).
 * Kept in one table so a language is added or corrected in one place.
 */
export interface DocumentLabels {
  /** Subtitle under the title: "Agreement reference: CW-1" / "合同编号：CW-1". */
  reference(ref: string): string;
  /** Document subject for file properties. */
  subject(service: string, customer: string, provider: string): string;
  /** Heading of the table of contents. */
  readonly contentsHeading: string;
  /**
   * Heading over the standard terms when an order form comes first: the precedence clause ranks
   * "the Order Form" and "these Standard Terms", so each is labelled as such in the document.
   */
  readonly standardTermsHeading: string;
  /** Heading of the signature page. */
  readonly signatureHeading: string;
  /** Line that closes the body before the signature page ("（以下无正文）"), when the language has one. */
  readonly noFurtherText?: string;
  /** What joins a label and its value on the signature page. */
  readonly labelSeparator: string;
  /** Role headings of the customer and the provider. */
  readonly roles: { readonly customer: string; readonly provider: string };
  /**
   * Role headings on a page the parties also seal: a bilingual page, whose
   * Chinese side says 盖章 (sealing is how a PRC company signs, 民法典 Art. 490),
   * so the other language's party line says so too.
   */
  readonly sealedRoles: { readonly customer: string; readonly provider: string };
  /** Chinese style prints "甲方（盖章）：name" on one line; English prints the role above the name. */
  readonly roleWithName: boolean;
  /** Signature lines for a party's signatory. */
  signatureLines(signatory: { readonly name: string; readonly title: string }): SignatureLine[];
}

const EN: DocumentLabels = {
  reference: (ref) => `Agreement reference: ${ref}`,
  subject: (service, customer, provider) => `${service}: service agreement between ${customer} and ${provider}`,
  contentsHeading: "Contents",
  standardTermsHeading: "Standard Terms",
  signatureHeading: "Signatures",
  labelSeparator: ": ",
  roles: { customer: "CUSTOMER", provider: "PROVIDER" },
  sealedRoles: { customer: "CUSTOMER (SEAL)", provider: "PROVIDER (SEAL)" },
  roleWithName: false,
  signatureLines: (s) => [
    { kind: "signature", label: "Signature" },
    { kind: "name", label: "Name", value: s.name },
    { kind: "title", label: "Title", value: s.title },
    { kind: "date", label: "Date" },
  ],
};

// Every Chinese label uses full-width punctuation (domain brief §5.10). 甲方 is always the customer and 乙方 the provider (domain brief §5.1, §5.9).
const ZH: DocumentLabels = {
  reference: (ref) => `合同编号：${ref}`,
  subject: (service, customer, provider) => `${service}：${customer}与${provider}之间的服务合同`,
  contentsHeading: "目录",
  standardTermsHeading: "标准条款",
  signatureHeading: "签署页",
  noFurtherText: "（以下无正文）",
  labelSeparator: "：",
  roles: { customer: "甲方（盖章）", provider: "乙方（盖章）" },
  sealedRoles: { customer: "甲方（盖章）", provider: "乙方（盖章）" },
  roleWithName: true,
  // The signatory the deal names is printed under the line to sign on, as the English block does: a name the deal gives is never dropped.
  signatureLines: (s) => [
    { kind: "signature", label: "法定代表人或授权代表（签字）" },
    { kind: "name", label: "姓名", value: s.name },
    { kind: "title", label: "职务", value: s.title },
    { kind: "date", label: "日期", blank: "____年____月____日" },
  ],
};

const LABELS: Readonly<Record<Lang, DocumentLabels>> = { en: EN, zh: ZH };

/** The furniture labels of a language. */
export function documentLabels(lang: Lang): DocumentLabels {
  return LABELS[lang];
}
