import Big from "big.js";
import type { LocalText } from "../deal/primitives.js";
import type { Deal } from "../deal/schema.js";
import type { Block, DocumentModel, Run } from "../model/types.js";
import type { Bilingual, CheckedDocument, Rule } from "./types.js";

/** Declares a rule; only here for type inference and readability. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Both language versions of a {@link LocalText} that exist. */
export function texts(value: LocalText | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  return [value.en, value.zh].filter((t): t is string => typeof t === "string");
}

/** A short display form of a {@link LocalText}: the English, else the Chinese. */
export function display(value: LocalText): string {
  return typeof value === "string" ? value : (value.en ?? value.zh ?? "");
}

/** Exact decimal of a string or a JavaScript number (via its shortest decimal form, never binary arithmetic). */
export function dec(value: string | number): Big {
  return new Big(typeof value === "number" ? String(value) : value);
}

/** A value for a message placeholder, in both languages. */
export function both(en: string, zh: string = en): Bilingual {
  return { en, zh };
}

// ---------------------------------------------------------------------------
// Places. Location fields are free text ("Frankfurt, Germany", "中国大陆", "US");
// the checks recognise country names and ISO codes in them. A text in which no
// place is recognised counts as unknown, and the data rules treat unknown as
// "outside" where being inside is what makes a deal safe.

/** EU and EEA member states. */
const EEA: Readonly<Record<string, readonly string[]>> = {
  AT: ["Austria", "奥地利"],
  BE: ["Belgium", "比利时"],
  BG: ["Bulgaria", "保加利亚"],
  HR: ["Croatia", "克罗地亚"],
  CY: ["Cyprus", "塞浦路斯"],
  CZ: ["Czechia", "Czech Republic", "捷克"],
  DK: ["Denmark", "丹麦"],
  EE: ["Estonia", "爱沙尼亚"],
  FI: ["Finland", "芬兰"],
  FR: ["France", "Paris", "法国", "巴黎"],
  DE: ["Germany", "Frankfurt", "Berlin", "Munich", "德国", "法兰克福"],
  GR: ["Greece", "希腊"],
  HU: ["Hungary", "匈牙利"],
  IE: ["Ireland", "Dublin", "爱尔兰"],
  IT: ["Italy", "Milan", "意大利"],
  LV: ["Latvia", "拉脱维亚"],
  LT: ["Lithuania", "立陶宛"],
  LU: ["Luxembourg", "卢森堡"],
  MT: ["Malta", "马耳他"],
  NL: ["Netherlands", "Amsterdam", "荷兰"],
  PL: ["Poland", "波兰"],
  PT: ["Portugal", "葡萄牙"],
  RO: ["Romania", "罗马尼亚"],
  SK: ["Slovakia", "斯洛伐克"],
  SI: ["Slovenia", "斯洛文尼亚"],
  ES: ["Spain", "Madrid", "西班牙"],
  SE: ["Sweden", "Stockholm", "瑞典"],
  IS: ["Iceland", "冰岛"],
  LI: ["Liechtenstein", "列支敦士登"],
  NO: ["Norway", "挪威"],
  EU: ["European Union", "European Economic Area", "EEA", "Europe", "欧盟", "欧洲经济区", "欧洲"],
};

/** Countries with an EU adequacy decision (other than the United Kingdom, listed separately). [verify: the list changes] */
const ADEQUATE: Readonly<Record<string, readonly string[]>> = {
  AD: ["Andorra"],
  AR: ["Argentina"],
  CA: ["Canada"],
  FO: ["Faroe Islands"],
  GG: ["Guernsey"],
  IL: ["Israel"],
  IM: ["Isle of Man"],
  JP: ["Japan", "Tokyo", "日本"],
  JE: ["Jersey"],
  NZ: ["New Zealand", "新西兰"],
  KR: ["South Korea", "Republic of Korea", "Korea", "韩国"],
  CH: ["Switzerland", "Zurich", "瑞士"],
  UY: ["Uruguay"],
};

const OTHER: Readonly<Record<string, readonly string[]>> = {
  GB: ["United Kingdom", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "London", "英国", "英格兰", "伦敦"],
  HK: ["Hong Kong", "香港"],
  MO: ["Macau", "Macao", "澳门"],
  TW: ["Taiwan", "台湾"],
  SG: ["Singapore", "新加坡"],
  US: [
    "United States",
    "USA",
    "U.S.",
    "Delaware",
    "New York",
    "California",
    "Virginia",
    "Oregon",
    "Ohio",
    "Texas",
    "Washington",
    "Wilmington",
    "New Jersey",
    "San Francisco",
    "美国",
    "纽约",
    "特拉华",
    "加利福尼亚",
  ],
  IN: ["India", "印度"],
  AU: ["Australia", "New South Wales", "Sydney", "澳大利亚"],
  BR: ["Brazil", "巴西"],
  RU: ["Russia", "俄罗斯"],
  CN: [
    "mainland China",
    "China",
    "PRC",
    "People's Republic of China",
    "People's Court",
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Guangzhou",
    "Hangzhou",
    "Chengdu",
    "Nanjing",
    "Suzhou",
    "Tianjin",
    "Chongqing",
    "Wuhan",
    "Xi'an",
    "中国",
    "中华人民共和国",
    "中国大陆",
    "中国境内",
    "境内",
    "人民法院",
    "北京",
    "上海",
    "深圳",
    "广州",
    "杭州",
    "成都",
    "南京",
    "苏州",
    "天津",
    "重庆",
    "武汉",
    "西安",
  ],
};

const ALL: readonly [string, readonly string[]][] = [...Object.entries(EEA), ...Object.entries(ADEQUATE), ...Object.entries(OTHER)];
const CODES = new Set(ALL.map(([code]) => code).concat(["UK"]));
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Longest names first, so "Hong Kong, China" finds Hong Kong before China takes the text. */
const NAMES: readonly { code: string; re: RegExp }[] = ALL.flatMap(([code, names]) => names.map((n) => ({ code, n })))
  .sort((a, b) => b.n.length - a.n.length)
  .map(({ code, n }) => ({ code, re: /^[\x20-\x7e]+$/.test(n) ? new RegExp(`(?<![A-Za-z])${escapeRegExp(n)}(?![A-Za-z])`, "gi") : new RegExp(escapeRegExp(n), "g") }));

/**
 * ISO 3166 codes (plus "EU") of the places a free-text location names:
 * country and city names in English or Chinese, and upper-case ISO codes.
 * Hong Kong, Macau and Taiwan are never counted as mainland China.
 */
export function placesIn(text: string): Set<string> {
  const found = new Set<string>();
  let rest = text;
  for (const { code, re } of NAMES) {
    if (re.test(rest)) {
      found.add(code);
      rest = rest.replace(re, " ");
    }
    re.lastIndex = 0;
  }
  // "Hong Kong, China" and "香港特别行政区， 中国" name Hong Kong, not the mainland.
  if ((found.has("HK") || found.has("MO") || found.has("TW")) && !/mainland|大陆|内地/i.test(text)) found.delete("CN");
  for (const m of rest.matchAll(/(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])/g)) {
    const code = m[1] === "UK" ? "GB" : (m[1] ?? "");
    if (CODES.has(code)) found.add(code);
  }
  return found;
}

/** The name of a place code in both languages, e.g. HK → Hong Kong / 香港. */
export function placeName(code: string): Bilingual {
  const names = ALL.find(([c]) => c === code)?.[1] ?? [];
  const en = names.find((n) => /^[\x20-\x7e]+$/.test(n)) ?? code;
  return { en, zh: names.find((n) => /[\u3400-\u9fff]/.test(n)) ?? en };
}

/** True for places inside the EEA or the UK, or with an EU adequacy decision: GDPR data may go there without a transfer mechanism. */
export function isGdprSafe(code: string): boolean {
  return code in EEA || code in ADEQUATE || code === "GB";
}

/** True for an EU / EEA member state (or "EU" itself). */
export function isEea(code: string): boolean {
  return code in EEA;
}

/** The places of a location text in any of its languages; undefined when nothing is recognised. */
export function placesOf(value: LocalText | undefined): Set<string> | undefined {
  const found = new Set<string>();
  for (const t of texts(value)) for (const c of placesIn(t)) found.add(c);
  return found.size > 0 ? found : undefined;
}

/** Where a deal's data goes: its storage location and every subprocessor's country, with their paths. */
export function dataLocations(deal: Deal): { path: (string | number)[]; text: string; places: Set<string> | undefined }[] {
  const out: { path: (string | number)[]; text: string; places: Set<string> | undefined }[] = [];
  if (deal.data.storageLocation !== undefined) {
    out.push({ path: ["data", "storageLocation"], text: display(deal.data.storageLocation), places: placesOf(deal.data.storageLocation) });
  }
  (deal.privacy?.subprocessors ?? []).forEach((s, i) => {
    out.push({ path: ["privacy", "subprocessors", i, "country"], text: `${s.name} (${s.country})`, places: placesOf(s.country) });
  });
  return out;
}

// ---------------------------------------------------------------------------
// Documents.

/** True when a clause's declared reads cover `path` (the path itself, a parent, or a child of it). */
export function readsPath(reads: readonly string[], path: string): boolean {
  return reads.some((r) => r === path || path.startsWith(`${r}.`) || r.startsWith(`${path}.`));
}

/** True when some clause of some document reads one of the paths. */
export function documentsRead(documents: readonly CheckedDocument[], paths: readonly string[]): boolean {
  return documents.some((d) => d.clauses.some((c) => paths.some((p) => readsPath(c.reads, p))));
}

/** Every run of a document with the id of the clause it is in ("" for front matter and signatures). */
export function runsOfModel(model: DocumentModel): { clause: string; run: Run }[] {
  const out: { clause: string; run: Run }[] = [];
  const fromBlocks = (clause: string, blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === "paragraph") for (const run of b.runs) out.push({ clause, run });
      else if (b.kind === "table") {
        for (const c of b.columns) for (const run of c.header) out.push({ clause, run });
        for (const r of b.rows) for (const cell of r.cells) for (const run of cell) out.push({ clause, run });
      } else if (b.kind === "parallel") {
        fromBlocks(clause, b.cells);
      } else if (b.kind === "list") {
        const walk = (items: typeof b.items): void => {
          for (const it of items) {
            for (const run of it.runs) out.push({ clause, run });
            if (it.children) walk(it.children.items);
          }
        };
        walk(b.items);
      }
    }
  };
  fromBlocks("", model.front);
  fromBlocks("", model.continuation?.front ?? []);
  for (const c of allClauses(model)) {
    fromBlocks(c.id, c.blocks);
    for (const s of c.subclauses) fromBlocks(c.id, s.blocks);
  }
  for (const run of model.signatures.intro) out.push({ clause: "", run });
  return out;
}

/** The numbered clauses, the second copy's clauses (sequential bilingual) and the schedules. */
function allClauses(model: DocumentModel): readonly DocumentModel["clauses"][number][] {
  return [...model.clauses, ...(model.continuation?.clauses ?? []), ...model.schedules];
}

/** Every anchor a reference can point to in a document. */
export function anchorsOfModel(model: DocumentModel): Set<string> {
  const anchors = new Set<string>();
  const fromBlocks = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      if (b.kind === "paragraph" && b.anchor) anchors.add(b.anchor);
      if (b.kind === "parallel") fromBlocks(b.cells);
    }
  };
  fromBlocks(model.front);
  fromBlocks(model.continuation?.front ?? []);
  for (const c of allClauses(model)) {
    anchors.add(c.anchor);
    fromBlocks(c.blocks);
    for (const s of c.subclauses) {
      anchors.add(s.anchor);
      fromBlocks(s.blocks);
    }
  }
  return anchors;
}
