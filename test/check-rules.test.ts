import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runRules } from "../src/check/engine.js";
import { builtinRules } from "../src/check/rules/index.js";
import type { CheckResult, CheckedDocument } from "../src/check/types.js";
import { formatPath } from "../src/errors/problem.js";
import type { DocumentModel, Run } from "../src/model/types.js";
import { placesIn } from "../src/check/util.js";
import { scanZhPunctuation } from "../src/catalog/zh-punctuation.js";
import { catalogWith, catalogWithout, checkVariant, documentOf, extraClausesPack, REGIME_CLAUSES, validVariant, type Draft } from "./helpers/check.js";

// Variants of the example deal (examples/deals/us-crm-enterprise.yaml) that the rules look at.

const gdpr = (d: Draft): void => {
  d.privacy = {
    regimes: ["GDPR"],
    processing: {
      subjectMatter: "hosting the customer's CRM data",
      nature: "storage, retrieval and analysis",
      purpose: "providing the CRM service",
      dataTypes: ["contact details"],
      dataSubjects: ["the customer's customers and prospects"],
    },
    breachNoticeHours: 48,
  };
  d.data = { storageLocation: "Frankfurt, Germany" };
};

const pipl = (d: Draft): void => {
  d.privacy = {
    regimes: ["PIPL"],
    providerRole: "entrustedParty",
    processing: { purpose: "providing the CRM service", nature: "storage and retrieval", dataTypes: ["contact details"] },
  };
  d.data = { storageLocation: "mainland China", backupRetentionException: false };
};

const ccpa = (d: Draft): void => {
  d.privacy = { regimes: ["CCPA"], ccpa: { businessPurposes: ["hosting and operating the CRM service, including support and security monitoring"] } };
  d.data = { storageLocation: "the United States" };
};

const hipaa = (d: Draft): void => {
  d.privacy = { regimes: ["HIPAA"], hipaa: { breachNoticeDays: 30 } };
  d.data = { storageLocation: "the United States" };
};

/** Both parties registered in the United States. */
const usParties = (d: Draft): void => {
  d.customer.country = "US";
  d.provider.country = "US";
};

const prc = (d: Draft): void => {
  d.law = { governingLaw: "prc", forum: { type: "courts", courts: "上海市浦东新区人民法院" } };
};

const plan = (d: Draft, acceptance = true): void => {
  d.implementation = {
    milestones: [
      { id: "kickoff", name: "Kick-off", dueDate: "2027-01-15" },
      { id: "go-live", name: "Go-live", dueDate: "2027-04-01", acceptanceCriteria: "All test cases in Schedule 3 pass" },
    ],
    ...(acceptance ? { acceptance: { reviewPeriodDays: 10 } } : {}),
  };
};

const both =
  (...fns: ((d: Draft) => void)[]) =>
  (d: Draft): void =>
    fns.forEach((f) => f(d));

// Document rules need an assembled document: these build one and, where the
// real catalogue cannot produce the fault, change it the way a broken pack would.

/** The built-in pack has a clause per regime; the document rules fire when the agreement leaves them out. */
const withoutRegimeClauses = { document: true, catalog: catalogWithout(REGIME_CLAUSES) } as const;

function docCheck(mutate: (d: Draft) => void, document: (doc: CheckedDocument) => CheckedDocument, langs: ("en" | "zh")[] = ["en"]): CheckResult {
  const deal = validVariant(mutate);
  return runRules(builtinRules, deal, { langs, documents: [document(documentOf(deal))] });
}

/** The model with a reference to a clause that is not there. */
function withBrokenRef(doc: CheckedDocument): CheckedDocument {
  type Blocks = { kind: string; runs?: Run[] }[];
  const model = structuredClone(doc.model) as unknown as { clauses: { blocks: Blocks; subclauses: { blocks: Blocks }[] }[] };
  const para = model.clauses.flatMap((c) => [...c.blocks, ...c.subclauses.flatMap((s) => s.blocks)]).find((b) => b.kind === "paragraph");
  if (!para?.runs) throw new Error("no paragraph to break");
  para.runs.push({ type: "ref", target: "cw-no-such-clause", text: "Section 99 (Nothing)" });
  return { ...doc, model: model as unknown as DocumentModel };
}

/** The document as if a second body clause had printed data.exportDays too (a period stated in two places). */
function withExportDaysTwice(doc: CheckedDocument): CheckedDocument {
  const printed = doc.clauses.flatMap((c) => c.printed ?? []).filter((p) => p.path === "data.exportDays");
  if (printed.length === 0) throw new Error("no clause prints data.exportDays");
  return { ...doc, clauses: doc.clauses.map((c) => (c.id === "termination" ? { ...c, printed: [...(c.printed ?? []), ...printed] } : c)) };
}

/** The document whose precedence clause refers to no other clause (as a pack's own precedence wording might). */
function withoutPrecedenceRefs(doc: CheckedDocument): CheckedDocument {
  type Para = { kind: string; runs?: Run[]; items?: { runs: Run[] }[] };
  const model = structuredClone(doc.model) as unknown as { clauses: { id: string; blocks: Para[]; subclauses: { blocks: Para[] }[] }[] };
  const precedence = model.clauses.find((c) => c.id === "precedence");
  if (!precedence) throw new Error("no precedence clause");
  const strip = (runs: Run[]): Run[] => runs.map((r) => (r.type === "ref" ? { type: "text", text: r.text } : r));
  for (const b of [...precedence.blocks, ...precedence.subclauses.flatMap((sc) => sc.blocks)]) {
    if (b.runs) b.runs = strip(b.runs);
    for (const item of b.items ?? []) item.runs = strip(item.runs);
  }
  return { ...doc, model: model as unknown as DocumentModel };
}

/** The document whose fee-table total row says USD 1.00 (a total its lines do not make). */
function withWrongFeeTotal(doc: CheckedDocument): CheckedDocument {
  type Row = { cells: Run[][]; emphasis?: boolean };
  const model = structuredClone(doc.model) as unknown as { schedules: { id: string; subclauses: { blocks: { kind: string; rows?: Row[] }[] }[] }[] };
  const table = model.schedules
    .find((c) => c.id === "fees")
    ?.subclauses.flatMap((sc) => sc.blocks)
    .find((b) => b.kind === "table");
  const total = table?.rows?.find((r) => r.emphasis);
  if (!total) throw new Error("no fee total row");
  total.cells[total.cells.length - 1] = [{ type: "text", text: "USD 1.00", bold: true }];
  return { ...doc, model: model as unknown as DocumentModel };
}

/** The document with a clause whose term has no Chinese form. */
function withEnglishOnlyTerm(doc: CheckedDocument): CheckedDocument {
  return { ...doc, clauses: [...doc.clauses, { id: "widgets", category: "scope", reads: [], terms: [{ en: "Widget" }] }] };
}

interface Case {
  readonly id: string;
  readonly severity: "error" | "warning" | "info";
  /** Where the problem is reported (formatted data path; "" for document-wide problems). */
  readonly path: string;
  readonly trigger: () => CheckResult;
  readonly pass: () => CheckResult;
}

const CASES: readonly Case[] = [
  // Data protection
  { id: "D1", severity: "error", path: "privacy.processing.purpose", trigger: () => checkVariant(both(gdpr, (d) => delete d.privacy.processing.purpose)), pass: () => checkVariant(gdpr) },
  { id: "D1-dpa", severity: "error", path: "privacy.regimes", trigger: () => checkVariant(gdpr, withoutRegimeClauses), pass: () => checkVariant(gdpr, { document: true }) },
  {
    id: "D1-transfer",
    severity: "error",
    path: "privacy.transferMechanism",
    trigger: () => checkVariant(both(gdpr, (d) => (d.data.storageLocation = "United States"))),
    pass: () =>
      checkVariant(
        both(
          gdpr,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }),
        ),
      ),
  },
  {
    id: "D1-scc-state",
    severity: "error",
    path: "privacy.transferMechanism.memberState",
    trigger: () => checkVariant(both(gdpr, (d) => (d.privacy.transferMechanism = { type: "sccs" }))),
    pass: () => checkVariant(both(gdpr, (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }))),
  },
  {
    id: "D1-eu-link",
    severity: "warning",
    path: "privacy.regimes",
    // Two US companies, the data in the US: nothing connects the deal to the EU.
    trigger: () => checkVariant(both(gdpr, usParties, (d) => (d.data.storageLocation = "United States"))),
    pass: () =>
      checkVariant(
        both(
          gdpr,
          usParties,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.euDataInScope = true),
        ),
      ),
  },
  {
    id: "D1-scc-exporter",
    severity: "error",
    path: "privacy.transferMechanism",
    trigger: () =>
      checkVariant(
        both(
          gdpr,
          usParties,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          gdpr,
          usParties,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }),
          (d) => (d.privacy.euDataInScope = true),
        ),
      ),
  },
  {
    id: "D1-scc-authority",
    severity: "error",
    path: "privacy.transferMechanism.supervisoryAuthority",
    trigger: () =>
      checkVariant(
        both(
          gdpr,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          gdpr,
          (d) => (d.data.storageLocation = "United States"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland", supervisoryAuthority: "the Data Protection Commission (Ireland)" }),
        ),
      ),
  },
  { id: "D1-breach-notice", severity: "error", path: "privacy.breachNoticeHours", trigger: () => checkVariant(both(gdpr, (d) => delete d.privacy.breachNoticeHours)), pass: () => checkVariant(gdpr) },
  {
    id: "D1-breach-72h",
    severity: "warning",
    path: "privacy.breachNoticeHours",
    trigger: () => checkVariant(both(gdpr, (d) => (d.privacy.breachNoticeHours = 96))),
    pass: () => checkVariant(both(gdpr, (d) => (d.privacy.breachNoticeHours = 72))),
  },
  { id: "D2", severity: "error", path: "privacy.hipaa", trigger: () => checkVariant(both(hipaa, (d) => delete d.privacy.hipaa)), pass: () => checkVariant(hipaa) },
  {
    id: "D2-covered-entity",
    severity: "error",
    path: "privacy.hipaa.coveredEntity",
    trigger: () => checkVariant(both(hipaa, (d) => (d.privacy.hipaa.customerRole = "businessAssociate"))),
    pass: () =>
      checkVariant(
        both(
          hipaa,
          (d) => (d.privacy.hipaa.customerRole = "businessAssociate"),
          (d) => (d.privacy.hipaa.coveredEntity = { name: "Lakeshore Community Hospital" }),
        ),
      ),
  },
  {
    id: "D2-covered-entity-unused",
    severity: "warning",
    path: "privacy.hipaa.coveredEntity",
    trigger: () => checkVariant(both(hipaa, (d) => (d.privacy.hipaa.coveredEntity = { name: "Lakeshore Community Hospital" }))),
    pass: () => checkVariant(hipaa),
  },
  {
    id: "D2-subcontracting",
    severity: "warning",
    path: "privacy.hipaa.subcontracting",
    trigger: () =>
      checkVariant(
        both(
          hipaa,
          (d) => (d.privacy.hipaa.subcontracting = "prohibited"),
          (d) => (d.privacy.subprocessors = [{ name: "Hosting Co", country: "United States", task: "hosting" }]),
        ),
      ),
    pass: () => checkVariant(both(hipaa, (d) => (d.privacy.subprocessors = [{ name: "Hosting Co", country: "United States", task: "hosting" }]))),
  },
  { id: "D2-baa", severity: "error", path: "privacy.regimes", trigger: () => checkVariant(hipaa, withoutRegimeClauses), pass: () => checkVariant(hipaa, { document: true }) },
  {
    id: "D2-ai",
    severity: "error",
    path: "data.deidentificationStandard",
    trigger: () => checkVariant(both(hipaa, (d) => (d.data.aiTraining = "aggregatedDeidentified"))),
    pass: () =>
      checkVariant(
        both(
          hipaa,
          (d) => (d.data.aiTraining = "aggregatedDeidentified"),
          (d) => (d.data.deidentificationStandard = "hipaaSafeHarbor"),
        ),
      ),
  },
  {
    id: "D2-phi",
    severity: "error",
    path: "privacy.prohibitedData[1]",
    trigger: () => checkVariant(both(hipaa, (d) => (d.privacy.prohibitedData = ["paymentCard", "PHI"]))),
    pass: () => checkVariant(both(hipaa, (d) => (d.privacy.prohibitedData = ["paymentCard"]))),
  },
  {
    id: "D2-notice",
    severity: "error",
    path: "privacy.hipaa.breachNoticeDays",
    trigger: () => checkVariant(both(hipaa, (d) => (d.privacy.hipaa.breachNoticeDays = 90))),
    pass: () => checkVariant(both(hipaa, (d) => (d.privacy.hipaa.breachNoticeDays = 60))),
  },
  { id: "D3", severity: "error", path: "privacy.ccpa.businessPurposes", trigger: () => checkVariant(both(ccpa, (d) => delete d.privacy.ccpa)), pass: () => checkVariant(ccpa) },
  {
    id: "D3-generic",
    severity: "error",
    path: "privacy.ccpa.businessPurposes[1]",
    trigger: () => checkVariant(both(ccpa, (d) => d.privacy.ccpa.businessPurposes.push("Business purposes."))),
    pass: () => checkVariant(ccpa),
  },
  { id: "D3-terms", severity: "error", path: "privacy.regimes", trigger: () => checkVariant(ccpa, withoutRegimeClauses), pass: () => checkVariant(ccpa, { document: true }) },
  { id: "D4", severity: "error", path: "privacy.processing.nature", trigger: () => checkVariant(both(pipl, (d) => delete d.privacy.processing.nature)), pass: () => checkVariant(pipl) },
  { id: "D4-terms", severity: "error", path: "privacy.regimes", trigger: () => checkVariant(pipl, withoutRegimeClauses), pass: () => checkVariant(pipl, { document: true }) },
  // A mainland customer gets the PIPL terms without listing PIPL; a catalogue without the clause leaves the agreement silent.
  {
    id: "D4-default",
    severity: "warning",
    path: "customer.country",
    trigger: () => checkVariant((d) => (d.customer.country = "CN"), { document: true, catalog: catalogWithout(["pipl"]) }),
    pass: () => checkVariant((d) => (d.customer.country = "CN"), { document: true }),
  },
  {
    id: "D4-cross-border",
    severity: "error",
    path: "privacy.pipl.crossBorderRoute",
    trigger: () => checkVariant(both(pipl, (d) => (d.data.storageLocation = "Singapore"))),
    pass: () => checkVariant(both(pipl, (d) => (d.data.storageLocation = "中国大陆"))),
  },
  {
    id: "D4-route",
    severity: "error",
    path: "privacy.pipl.crossBorderRoute",
    trigger: () =>
      checkVariant(
        both(
          pipl,
          (d) => (d.data.storageLocation = "Singapore"),
          (d) => (d.privacy.pipl = { crossBorderRoute: "exemption", outboundIndividuals: 200_000 }),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          pipl,
          (d) => (d.data.storageLocation = "Singapore"),
          (d) => (d.privacy.pipl = { crossBorderRoute: "standardContract", outboundIndividuals: 200_000 }),
        ),
      ),
  },
  {
    id: "D4-ciio",
    severity: "error",
    path: "data.storageLocation",
    trigger: () =>
      checkVariant(
        both(
          pipl,
          (d) => (d.data.storageLocation = "Hong Kong, China"),
          (d) => (d.privacy.pipl = { ciio: true, crossBorderRoute: "securityAssessment" }),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          pipl,
          (d) => (d.data.storageLocation = "Beijing, China"),
          (d) => (d.privacy.pipl = { ciio: true }),
        ),
      ),
  },
  {
    id: "D5",
    severity: "warning",
    path: "data.storageLocation",
    trigger: () => checkVariant(both(ccpa, (d) => delete d.data.storageLocation)),
    pass: () => checkVariant(ccpa),
  },
  {
    id: "D5-mechanism",
    severity: "info",
    path: "privacy.transferMechanism",
    trigger: () => checkVariant(both(gdpr, (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }))),
    pass: () =>
      checkVariant(
        both(
          gdpr,
          (d) => (d.data.storageLocation = "India"),
          (d) => (d.privacy.transferMechanism = { type: "sccs", memberState: "Ireland" }),
        ),
      ),
  },
  // Exit
  {
    id: "E1-pipl",
    severity: "warning",
    path: "data.backupRetentionException",
    trigger: () => checkVariant(both(pipl, (d) => (d.data.backupRetentionException = true))),
    pass: () => checkVariant(pipl),
  },
  {
    id: "E1-data-act",
    severity: "warning",
    path: "data.exportDays",
    trigger: () => checkVariant((d) => ((d.customer.country = "DE"), (d.data = { exportDays: 14 }))),
    pass: () => checkVariant((d) => ((d.customer.country = "DE"), (d.data = { exportDays: 30 }))),
  },
  {
    id: "E2",
    severity: "warning",
    path: "agreement.renewal.autoRenew",
    // The document still has the auto-renewal wording (as a pack that ignores autoRenew would produce).
    trigger: () => {
      const deal = validVariant((d) => (d.agreement.renewal.autoRenew = false));
      return runRules(builtinRules, deal, { langs: ["en"], documents: [documentOf(validVariant(() => {}))] });
    },
    pass: () => checkVariant((d) => (d.agreement.renewal.autoRenew = false), { document: true }),
  },
  // Liability
  {
    id: "L1",
    severity: "error",
    path: "liability.superCap.claims[1]",
    trigger: () => checkVariant((d) => (d.liability.superCap = { claims: ["dataProtection", "confidentiality"] })),
    pass: () => checkVariant((d) => (d.liability.superCap = { claims: ["dataProtection"] })),
  },
  {
    id: "L2",
    severity: "warning",
    path: "liability.uncapped",
    trigger: () => checkVariant((d) => (d.liability.uncapped = ["confidentiality", "grossNegligence", "nonPayment", "personalInjury"])),
    pass: () => checkVariant((d) => ((d.liability.uncapped = ["confidentiality", "grossNegligence", "nonPayment", "personalInjury"]), (d.liability.superCap = { claims: ["indemnity"] }))),
  },
  {
    id: "L3",
    severity: "warning",
    path: "liability.excludeConsequentialDamages",
    trigger: () => checkVariant((d) => (d.liability.uncapped = ["indemnity", "grossNegligence", "nonPayment", "personalInjury"])),
    pass: () => checkVariant((d) => ((d.liability.uncapped = ["indemnity", "grossNegligence", "nonPayment", "personalInjury"]), (d.liability.superCap = { claims: ["confidentiality"] }))),
  },
  {
    id: "L4",
    severity: "warning",
    path: "sla.exclusiveRemedy",
    trigger: () => checkVariant(() => {}, { document: true, packs: [extraClausesPack({ breach: "without-sla-ref" })] }),
    pass: () => checkVariant(() => {}, { document: true, packs: [extraClausesPack({ breach: "with-sla-ref" })] }),
  },
  {
    id: "L5",
    severity: "warning",
    path: "liability.uncapped",
    trigger: () => checkVariant(both(prc, (d) => (d.liability.uncapped = ["indemnity", "confidentiality", "nonPayment"]))),
    pass: () => checkVariant(prc),
  },
  {
    id: "L6",
    severity: "warning",
    path: "breach.deliveryDelay.capPercent",
    trigger: () => checkVariant(both(prc, (d) => (d.breach = { deliveryDelay: { ratePerDay: "0.1", capPercent: "50" } }))),
    pass: () => checkVariant(both(prc, (d) => (d.breach = { deliveryDelay: { ratePerDay: "0.1", capPercent: "20" } }))),
  },
  {
    id: "L7",
    severity: "error",
    path: "agreement.pilot.endDate",
    trigger: () => checkVariant((d) => (d.agreement.pilot = { endDate: "2026-11-01" })),
    pass: () => checkVariant((d) => (d.agreement.pilot = { endDate: "2027-03-01" })),
  },
  {
    id: "L8",
    severity: "warning",
    path: "liability.generalCap.amount",
    trigger: () => checkVariant((d) => (d.liability.generalCap = { type: "fixed", amount: "50000" })),
    pass: () => checkVariant((d) => (d.liability.generalCap = { type: "fixed", amount: "200000" })),
  },
  // Payment and fees
  {
    id: "P1",
    severity: "error",
    path: "fees.stages",
    trigger: () =>
      checkVariant(
        (d) =>
          (d.fees.stages = [
            { percent: 30, trigger: "signing" },
            { percent: 60, trigger: "goLive" },
          ]),
      ),
    pass: () =>
      checkVariant(
        (d) =>
          (d.fees.stages = [
            { percent: "30.5", trigger: "signing" },
            { percent: "69.5", trigger: "goLive" },
          ]),
      ),
  },
  {
    id: "P1-milestone",
    severity: "error",
    path: "fees.stages[1].milestone",
    trigger: () =>
      checkVariant(
        both(
          plan,
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "signing" },
              { percent: 50, trigger: "acceptance", milestone: "golive" },
            ]),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          plan,
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "signing" },
              { percent: 50, trigger: "acceptance", milestone: "go-live" },
            ]),
        ),
      ),
  },
  {
    id: "P1-criteria",
    severity: "warning",
    path: "implementation.milestones[0].acceptanceCriteria",
    trigger: () =>
      checkVariant(
        both(
          plan,
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "acceptance", milestone: "kickoff" },
              { percent: 50, trigger: "acceptance", milestone: "go-live" },
            ]),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          plan,
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "delivery", milestone: "kickoff" },
              { percent: 50, trigger: "acceptance", milestone: "go-live" },
            ]),
        ),
      ),
  },
  {
    id: "P2",
    severity: "warning",
    path: "fees.suspensionAfterOverdueDays",
    trigger: () => checkVariant((d) => (d.fees.suspensionAfterOverdueDays = 10)),
    pass: () => checkVariant((d) => (d.fees.suspensionAfterOverdueDays = 30)),
  },
  {
    id: "P2-interest",
    severity: "warning",
    path: "fees.latePaymentInterestPerMonth",
    trigger: () => checkVariant((d) => (d.fees.latePaymentInterestPerMonth = "2")),
    pass: () => checkVariant((d) => (d.fees.latePaymentInterestPerMonth = "1.5")),
  },
  {
    id: "P3",
    severity: "error",
    path: "fees.stages[1].trigger",
    trigger: () =>
      checkVariant(
        both(
          (d) => plan(d, false),
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "signing" },
              { percent: 50, trigger: "acceptance", milestone: "go-live" },
            ]),
        ),
      ),
    pass: () =>
      checkVariant(
        both(
          (d) => plan(d, true),
          (d) =>
            (d.fees.stages = [
              { percent: 50, trigger: "signing" },
              { percent: 50, trigger: "acceptance", milestone: "go-live" },
            ]),
        ),
      ),
  },
  {
    id: "F1",
    severity: "error",
    path: "fees.lines[3].currency",
    trigger: () => checkVariant((d) => (d.fees.lines[3].currency = "EUR")),
    pass: () => checkVariant((d) => ((d.fees.lines[3].currency = "EUR"), (d.fees.exchangeRates = [{ from: "EUR", rate: "1.08" }]))),
  },
  // Implementation
  {
    id: "M1",
    severity: "error",
    path: "implementation.milestones[1].dueDate",
    trigger: () => checkVariant(both(plan, (d) => (d.implementation.milestones[1].dueDate = "2027-01-10"))),
    pass: () => checkVariant(plan),
  },
  {
    id: "M2",
    severity: "error",
    path: "implementation.milestones[1].dueDate",
    trigger: () => checkVariant(both(plan, (d) => (d.implementation.milestones[1].dueDate = "2029-12-01"))),
    pass: () => checkVariant(both(plan, (d) => (d.implementation.milestones[1].dueDate = "2029-11-30"))),
  },
  {
    id: "M3",
    severity: "error",
    path: "implementation.milestones[0].dueDate",
    trigger: () => checkVariant(both(plan, (d) => (d.implementation.milestones[0].dueDate = "2026-11-30"))),
    pass: () => checkVariant(both(plan, (d) => (d.implementation.milestones[0].dueDate = "2026-12-01"))),
  },
  // Service levels
  {
    id: "S1",
    severity: "error",
    path: "sla.credits[1].credit",
    trigger: () => checkVariant((d) => (d.sla.credits[1].credit = "10")),
    pass: () =>
      checkVariant(
        (d) =>
          (d.sla.credits = [
            { below: "95.0", credit: "50" },
            { below: "99.9", credit: "10" },
            { below: "99.0", credit: "25" },
          ]),
      ),
  },
  { id: "S2", severity: "error", path: "sla.credits[2].credit", trigger: () => checkVariant((d) => (d.sla.creditCap = "30")), pass: () => checkVariant((d) => (d.sla.creditCap = "50")) },
  { id: "S3", severity: "warning", path: "sla.credits[0].below", trigger: () => checkVariant((d) => (d.sla.credits[0].below = "99.95")), pass: () => checkVariant(() => {}) },
  {
    id: "SLA-MEANINGLESS",
    severity: "warning",
    path: "sla.maintenance.maxHoursPerMonth",
    trigger: () => checkVariant((d) => (d.sla.maintenance = { maxHoursPerMonth: 8 })),
    pass: () => checkVariant((d) => (d.sla.maintenance = { maxHoursPerMonth: 0.5 })),
  },
  // Term
  {
    id: "T1",
    severity: "error",
    path: "agreement.renewal.nonRenewalNoticeDays",
    trigger: () => checkVariant((d) => (d.agreement.renewal = { autoRenew: true, renewalTermMonths: 1, nonRenewalNoticeDays: 60 })),
    pass: () => checkVariant((d) => (d.agreement.renewal = { autoRenew: false, renewalTermMonths: 1, nonRenewalNoticeDays: 60 })),
  },
  {
    id: "T2",
    severity: "warning",
    path: "options.terminationForConvenience.noticeDays",
    trigger: () => checkVariant((d) => ((d.agreement.initialTermMonths = 12), (d.options.terminationForConvenience = { noticeDays: 400 }))),
    pass: () => checkVariant((d) => ((d.agreement.initialTermMonths = 12), (d.options.terminationForConvenience = { noticeDays: 90 }))),
  },
  {
    id: "T3",
    severity: "info",
    path: "termination.earlyTerminationFees",
    trigger: () => checkVariant((d) => ((d.options.terminationForConvenience = false), (d.termination = { earlyTerminationFees: "currentYear" }))),
    pass: () => checkVariant((d) => ((d.options.terminationForConvenience = { noticeDays: 90 }), (d.termination = { earlyTerminationFees: "currentYear" }))),
  },
  {
    id: "T4-prc",
    severity: "warning",
    path: "termination.earlyTerminationFees",
    trigger: () => checkVariant((d) => (prc(d), (d.options.terminationForConvenience = { noticeDays: 90 }), (d.termination = { earlyTerminationFees: "allRemaining" }))),
    pass: () => checkVariant((d) => (prc(d), (d.options.terminationForConvenience = { noticeDays: 90 }), (d.termination = { earlyTerminationFees: "currentYear" }))),
  },
  // Covenants
  {
    id: "NS1-california",
    severity: "info",
    path: "nonSolicitation",
    trigger: () =>
      checkVariant(
        (d) => ((d.law = { governingLaw: "california", forum: { type: "courts", courts: "the state and federal courts in San Francisco, California" } }), (d.nonSolicitation = { months: 12 })),
      ),
    pass: () => checkVariant((d) => (d.nonSolicitation = { months: 12 })),
  },
  // Disputes
  {
    id: "R1",
    severity: "error",
    path: "law.forum.institution.name",
    trigger: () => checkVariant((d) => (d.law.forum = { type: "arbitration", institution: { name: "BAC" }, seat: "Beijing" })),
    pass: () => checkVariant((d) => (d.law.forum = { type: "arbitration", institution: { name: { en: "Beijing Arbitration Commission", zh: "北京仲裁委员会" } }, seat: "Beijing" })),
  },
  {
    id: "R1-either",
    severity: "error",
    path: "law.forum.courts",
    trigger: () => checkVariant(both(prc, (d) => (d.law.forum.courts = "上海市浦东新区人民法院，或提交上海国际仲裁中心仲裁"))),
    pass: () => checkVariant(prc),
  },
  {
    id: "R1-prc-court",
    severity: "warning",
    path: "law.forum.courts",
    trigger: () => checkVariant(both(prc, (d) => (d.law.forum.courts = "the courts of Shanghai"))),
    pass: () => checkVariant(both(prc, (d) => (d.law.forum.courts = "the people's court with jurisdiction where the Customer is domiciled"))),
  },
  {
    id: "R2",
    severity: "error",
    path: "law.governingLaw",
    trigger: () => checkVariant((d) => ((d.customer.country = "CN"), (d.provider.country = "CN"))),
    pass: () => checkVariant((d) => ((d.customer.country = "CN"), (d.provider.country = "US"))),
  },
  {
    id: "R3",
    severity: "warning",
    path: "law.forum",
    trigger: () => checkVariant(both(prc, (d) => (d.law.forum = { type: "arbitration", institution: "HKIAC", seat: "Hong Kong" }))),
    pass: () => checkVariant(both(prc, (d) => (d.law.forum = { type: "arbitration", institution: "CIETAC", seat: "Beijing" }))),
  },
  // Language
  {
    id: "B1",
    severity: "error",
    path: "agreement.prevailingLanguage",
    trigger: () => checkVariant(() => {}, { lang: "en+zh" }),
    pass: () => checkVariant((d) => (d.agreement.prevailingLanguage = "zh"), { lang: "en+zh" }),
  },
  {
    id: "B1-arbitration",
    severity: "warning",
    path: "law.forum.language",
    trigger: () => checkVariant((d) => ((d.agreement.prevailingLanguage = "zh"), (d.law.forum = { type: "arbitration", institution: "CIETAC", seat: "Beijing", language: "en" })), { lang: "en+zh" }),
    pass: () => checkVariant((d) => ((d.agreement.prevailingLanguage = "zh"), (d.law.forum = { type: "arbitration", institution: "CIETAC", seat: "Beijing", language: "zh" })), { lang: "en+zh" }),
  },
  {
    id: "B1-terms",
    severity: "error",
    path: "",
    trigger: () => docCheck((d) => (d.agreement.prevailingLanguage = "zh"), withEnglishOnlyTerm, ["en", "zh"]),
    pass: () =>
      docCheck(
        (d) => (d.agreement.prevailingLanguage = "zh"),
        (doc) => doc,
        ["en", "zh"],
      ),
  },
  // Provider role (src/check/rules/roles.ts)
  {
    id: "ROLE-controller",
    severity: "error",
    path: "privacy.providerRole",
    trigger: () => checkVariant(both(gdpr, (d) => (d.privacy.providerRole = "controller"))),
    pass: () => checkVariant(both(gdpr, (d) => (d.privacy.providerRole = "processor"))),
  },
  {
    id: "ROLE-regime",
    severity: "error",
    path: "privacy.providerRole",
    trigger: () => checkVariant(both(gdpr, (d) => (d.privacy.providerRole = "entrustedParty"))),
    pass: () => checkVariant(pipl),
  },
  // Security
  {
    id: "SEC1",
    severity: "error",
    path: "security.certifications",
    trigger: () => checkVariant((d) => (d.security = { commitment: "certifications", certifications: [] })),
    pass: () => checkVariant((d) => (d.security = { commitment: "certifications", certifications: ["ISO/IEC 27001"] })),
  },
  {
    id: "SEC2",
    severity: "info",
    path: "security.commitment",
    trigger: () => checkVariant((d) => (d.security = { commitment: "commerciallyReasonable", certifications: ["ISO/IEC 27001"] })),
    pass: () => checkVariant((d) => (d.security = { commitment: "certifications", certifications: ["ISO/IEC 27001"] })),
  },
  // English text
  {
    id: "EN1-article",
    severity: "warning",
    path: "data.storageLocation",
    trigger: () => checkVariant((d) => (d.data = { storageLocation: "United States" })),
    pass: () => checkVariant((d) => (d.data = { storageLocation: "the United States" })),
  },
  // Chinese formalities
  {
    id: "ZH1-title",
    severity: "warning",
    path: "agreement.title.zh",
    trigger: () => checkVariant((d) => (d.agreement.title = { en: "CRM Cloud Services Agreement", zh: "CRM云服务协议" })),
    pass: () => checkVariant((d) => (d.agreement.title = { en: "CRM Cloud Services Agreement", zh: "CRM云服务合同" })),
  },
  {
    id: "ZH2-country",
    severity: "warning",
    path: "customer.country",
    trigger: () => checkVariant(both(prc, (d) => ((d.provider.country = "CN"), delete d.customer.country))),
    pass: () => checkVariant(both(prc, (d) => ((d.provider.country = "CN"), (d.customer.country = "US")))),
  },
  {
    id: "TAX1-vat",
    severity: "warning",
    path: "fees.vat",
    trigger: () => checkVariant((d) => (d.provider.country = "CN")),
    pass: () => checkVariant((d) => ((d.provider.country = "CN"), (d.fees.vat = { rate: "6", invoice: "special" }))),
  },
  {
    id: "TAX2-vat-unused",
    severity: "warning",
    path: "fees.vat",
    trigger: () => checkVariant((d) => ((d.provider.country = "US"), (d.fees.vat = { rate: "6", invoice: "special" }))),
    pass: () => checkVariant((d) => (d.provider.country = "US")),
  },
  // The topics of a Chinese contract: only when the agreement has a Chinese text.
  {
    id: "CN-modules",
    severity: "warning",
    path: "services.modules",
    trigger: () => checkVariant((d) => d.services.modules.forEach((m: { tier: string }) => (m.tier = "optional")), { lang: "zh" }),
    pass: () => checkVariant(() => {}, { lang: "zh" }),
  },
  { id: "CN-implementation", severity: "warning", path: "implementation.milestones", trigger: () => checkVariant(() => {}, { lang: "zh" }), pass: () => checkVariant((d) => plan(d), { lang: "zh" }) },
  {
    id: "CN-acceptance",
    severity: "warning",
    path: "implementation.acceptance",
    trigger: () => checkVariant((d) => plan(d, false), { lang: "zh" }),
    pass: () => checkVariant((d) => (plan(d), (d.implementation.milestones[0].acceptanceCriteria = "The project plan is signed off")), { lang: "en+zh" }),
  },
  {
    id: "CN-support",
    severity: "warning",
    path: "sla.severities",
    trigger: () => checkVariant(() => {}, { lang: "zh" }),
    pass: () => checkVariant((d) => (d.sla.severities = [{ level: "P1", responseHours: 1, resolutionHours: 4 }]), { lang: "zh" }),
  },
  {
    id: "CN-breach",
    severity: "warning",
    path: "breach",
    trigger: () => checkVariant(() => {}, { lang: "zh" }),
    pass: () => checkVariant((d) => (d.breach = { latePayment: { ratePerDay: "0.05", capPercent: "10" } }), { lang: "zh" }),
  },
  {
    id: "CN-clause",
    severity: "warning",
    path: "forceMajeure",
    trigger: () => checkVariant(() => {}, { lang: "zh", document: true, catalog: catalogWithout(["force-majeure"]) }),
    pass: () => checkVariant(() => {}, { lang: "zh", document: true }),
  },
  // The document
  {
    id: "G1",
    severity: "error",
    path: "",
    trigger: () => docCheck(() => {}, withBrokenRef),
    pass: () =>
      docCheck(
        () => {},
        (doc) => doc,
      ),
  },
  {
    id: "G2",
    severity: "error",
    path: "",
    trigger: () => docCheck(() => {}, withWrongFeeTotal),
    pass: () =>
      docCheck(
        () => {},
        (doc) => doc,
      ),
  },
  // 36 months from 1 December 2026 end on 30 November 2029; a pack that typed the day before is caught.
  {
    id: "G3",
    severity: "error",
    path: "agreement.initialTermMonths",
    trigger: () =>
      docCheck(
        () => {},
        (doc) => ({ ...doc, model: JSON.parse(JSON.stringify(doc.model).replaceAll("ending on November 30, 2029", "ending on November 29, 2029")) as DocumentModel }),
      ),
    pass: () =>
      docCheck(
        () => {},
        (doc) => doc,
      ),
  },
  // The built-in termination and exit clauses both state data.exportDays (issue 11); a document whose clauses print it once passes.
  {
    id: "G4",
    severity: "warning",
    path: "data.exportDays",
    trigger: () => docCheck(() => {}, withExportDaysTwice),
    pass: () =>
      docCheck(
        () => {},
        (doc) => doc,
      ),
  },
  { id: "G5", severity: "error", path: "privacy.regimes", trigger: () => docCheck(gdpr, withoutPrecedenceRefs), pass: () => docCheck(gdpr, (doc) => doc) },
];

describe("built-in rules: each has a deal that triggers it and one that does not", () => {
  it("covers every built-in rule", () => {
    expect(CASES.map((c) => c.id).sort()).toEqual(builtinRules.map((r) => r.id).sort());
  });

  it.each(CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const triggered = c.trigger().problems.filter((p) => p.id === c.id);
    expect(triggered.length, `${c.id} should fire`).toBeGreaterThan(0);
    for (const p of triggered) {
      expect(p.severity).toBe(c.severity);
      expect(p.code).toBe(`CHECK_${c.id.toUpperCase().replace(/-/g, "_")}`);
      expect(p.message.en).not.toMatch(/\{\w+\}|undefined|\[object/);
      expect(p.message.zh).not.toMatch(/\{\w+\}|undefined|\[object/);
      expect(p.hint.en.length).toBeGreaterThan(0);
    }
    expect(triggered.map((p) => formatPath(p.path))).toContain(c.path);
    expect(c.pass().problems.filter((p) => p.id === c.id)).toEqual([]);
  });
});

describe("rule definitions", () => {
  it("have unique ids, both languages, and paths", () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of builtinRules) {
      expect(r.message.en, r.id).toMatch(/\S/);
      expect(r.message.zh, r.id).toMatch(/[\u3400-\u9fff]/);
      expect(r.hint.en, r.id).toMatch(/\S/);
      expect(r.hint.zh, r.id).toMatch(/[\u3400-\u9fff]/);
      if (r.scope !== "document") expect(r.paths.length, r.id).toBeGreaterThan(0);
    }
  });

  it("are all documented in docs/checks.md", () => {
    const doc = readFileSync(new URL("../docs/checks.md", import.meta.url), "utf8");
    for (const r of builtinRules) expect(doc, r.id).toContain(`| \`${r.id}\` | ${r.severity} |`);
  });

  it("names the PRC court forum and a foreign seat in both languages (R3)", () => {
    const p = checkVariant(both(prc, (d) => (d.law.forum = { type: "arbitration", institution: "SIAC", seat: "Singapore" }))).problems.find((x) => x.id === "R3");
    expect(p?.message.en).toContain("(Singapore)");
    expect(p?.message.zh).toContain("（新加坡）");
  });

  it("flags a city-only arbitration institution (R1)", () => {
    const r = checkVariant((d) => (d.law.forum = { type: "arbitration", institution: { name: "上海仲裁" }, seat: "上海" })).problems.find((x) => x.id === "R1");
    expect(r?.message.en).toContain("a city alone is not enough");
  });

  it("treats remote access from abroad as a cross-border transfer (D4)", () => {
    const r = checkVariant(both(pipl, (d) => (d.privacy.pipl = { remoteAccessFromAbroad: true })));
    expect(r.problems.find((p) => p.id === "D4-cross-border")?.message.en).toContain("remote access from abroad");
  });

  it("L8 compares a multiple-of-fees cap in months and a greater-of cap in both parts", () => {
    expect(checkVariant((d) => (d.liability.generalCap = { type: "multipleOfFees", multiplier: 1, lookbackMonths: 6 })).problems.some((p) => p.id === "L8")).toBe(true);
    expect(checkVariant((d) => (d.liability.generalCap = { type: "multipleOfFees", multiplier: 2, lookbackMonths: 6 })).problems.some((p) => p.id === "L8")).toBe(false);
    expect(checkVariant((d) => (d.liability.generalCap = { type: "greaterOf", amount: "1000", multiplier: 0.5, lookbackMonths: 12 })).problems.some((p) => p.id === "L8")).toBe(true);
    expect(checkVariant((d) => (d.liability.generalCap = { type: "greaterOf", amount: "500000", multiplier: 0.5, lookbackMonths: 12 })).problems.some((p) => p.id === "L8")).toBe(false);
  });

  it("D5-mechanism is info and does not stop anything", () => {
    const r = checkVariant((d) => (d.privacy = { transferMechanism: { type: "bcr" } }));
    expect(r.problems.map((p) => [p.id, p.severity])).toEqual([["D5-mechanism", "info"]]);
    expect(r.ok).toBe(true);
  });

  it("catalogue with the privacy pack is what the document rules look at", () => {
    const catalog = catalogWith(extraClausesPack({ privacy: true }));
    expect(catalog.clauses.get("privacy-terms")?.reads).toContain("privacy.processing");
  });
});

describe("PIPL by default and the topics of a Chinese contract", () => {
  it("counts a provider registered outside mainland China as an outbound transfer (D4-cross-border)", () => {
    const r = checkVariant(both(pipl, (d) => (d.provider.country = "SG")));
    const p = r.problems.find((x) => x.id === "D4-cross-border");
    expect(p?.message.en).toContain("the provider is registered outside mainland China (SG)");
    expect(p?.message.zh).toContain("乙方在中国大陆境外注册（SG）");
    expect(checkVariant(both(pipl, (d) => (d.provider.country = "CN"))).problems.filter((x) => x.id === "D4-cross-border")).toEqual([]);
  });

  it("applies the PIPL rules to a mainland customer that does not list PIPL, without asking for the Art. 21 particulars", () => {
    const r = checkVariant((d) => ((d.customer.country = "CN"), (d.provider.country = "US"), (d.privacy = { providerRole: "entrustedParty" })));
    const ids = r.problems.map((p) => p.id);
    // The entrusted role fits (PIPL applies), the foreign provider needs a route, the backup exception and the missing storage location are flagged; the clause states default particulars.
    expect(ids).not.toContain("ROLE-regime");
    expect(ids).not.toContain("D4");
    expect(ids).toEqual(expect.arrayContaining(["D4-cross-border", "E1-pipl", "D5"]));
    expect(r.problems.find((p) => p.id === "D4-cross-border")?.path).toEqual(["privacy", "pipl", "crossBorderRoute"]);
  });

  it("holds only a Chinese text to the Chinese-contract topics", () => {
    const ids = (lang: "en" | "zh" | "en+zh") =>
      checkVariant(() => {}, { lang })
        .problems.map((p) => p.id)
        .filter((id) => id.startsWith("CN-"));
    expect(ids("en")).toEqual([]);
    expect(ids("zh")).toEqual(["CN-implementation", "CN-support", "CN-breach"]);
    expect(ids("en+zh")).toEqual(["CN-implementation", "CN-support", "CN-breach"]);
  });
});

describe("places in free-text locations", () => {
  it.each([
    ["Frankfurt, Germany", ["DE"]],
    ["Hong Kong, China", ["HK"]],
    ["香港", ["HK"]],
    ["中国大陆", ["CN"]],
    ["mainland China and Hong Kong", ["CN", "HK"]],
    ["AWS (US)", ["US"]],
    ["EU and UK data centres", ["EU", "GB"]],
    ["Newark, New Jersey", ["US"]],
    ["Sydney, New South Wales", ["AU"]],
    ["somewhere safe", []],
  ])("%s → %j", (text, codes) => {
    expect([...placesIn(text)].sort()).toEqual([...codes].sort());
  });
});

describe("the rules' Chinese text", () => {
  it("uses full-width punctuation next to Chinese in every message and hint, as the agreement does", () => {
    const bad = builtinRules.flatMap((r) => [r.message.zh, r.hint.zh].filter((t) => scanZhPunctuation(t).length > 0).map((t) => `${r.id}: ${t}`));
    expect(bad).toEqual([]);
  });
});
