import type { Lang } from "../model/types.js";

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
  /** Heading of the signature page. */
  readonly signatureHeading: string;
  /** Line that closes the body before the signature page ("（以下无正文）"), when the language has one. */
  readonly noFurtherText?: string;
  /** What joins a label and its value on the signature page. */
  readonly labelSeparator: string;
  /** Role headings of the customer and the provider. */
  readonly roles: { readonly customer: string; readonly provider: string };
  /** Chinese style prints "甲方（盖章）：name" on one line; English prints the role above the name. */
  readonly roleWithName: boolean;
  /** Signature lines for a party's signatory. */
  signatureLines(signatory: { readonly name: string; readonly title: string }): { readonly label: string; readonly value?: string; readonly blank?: string }[];
}

const EN: DocumentLabels = {
  reference: (ref) => `Agreement reference: ${ref}`,
  subject: (service, customer, provider) => `${service}: service agreement between ${customer} and ${provider}`,
  contentsHeading: "Contents",
  signatureHeading: "Signatures",
  labelSeparator: ": ",
  roles: { customer: "CUSTOMER", provider: "PROVIDER" },
  roleWithName: false,
  signatureLines: (s) => [{ label: "Signature" }, { label: "Name", value: s.name }, { label: "Title", value: s.title }, { label: "Date" }],
};

// Every Chinese label uses full-width punctuation (domain brief §5.10). 甲方 is always the customer and 乙方 the provider (domain brief §5.1, §5.9).
const ZH: DocumentLabels = {
  reference: (ref) => `合同编号：${ref}`,
  subject: (service, customer, provider) => `${service}：${customer}与${provider}之间的服务合同`,
  contentsHeading: "目录",
  signatureHeading: "签署页",
  noFurtherText: "（以下无正文）",
  labelSeparator: "：",
  roles: { customer: "甲方（盖章）", provider: "乙方（盖章）" },
  roleWithName: true,
  // The signatory the deal names is printed under the line to sign on, as the English block does: a name the deal gives is never dropped.
  signatureLines: (s) => [{ label: "法定代表人或授权代表（签字）" }, { label: "姓名", value: s.name }, { label: "职务", value: s.title }, { label: "日期", blank: "____年____月____日" }],
};

const LABELS: Readonly<Record<Lang, DocumentLabels>> = { en: EN, zh: ZH };

/** The furniture labels of a language. */
export function documentLabels(lang: Lang): DocumentLabels {
  return LABELS[lang];
}
