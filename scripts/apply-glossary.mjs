#!/usr/bin/env node
/**
 * Makes the built-in pack's Chinese wording follow clauses/crm/glossary.yaml:
 * the few phrases where the templates used a variant the glossary avoids
 * (订单 for the Order Form, 附表 for a Schedule, 记名用户 for a named user),
 * and the same in the example deal and example healthcare pack (with the one
 * test line that quotes its title).
 * Kept as a script, not hand edits, because other people edit the templates
 * at the same time: after a merge conflict on a template, take their side and
 * run this again. Each rewrite is an exact phrase, so the script is
 * idempotent (a second run changes nothing) and never touches wording it does
 * not name; a phrase that is already rewritten, or gone, is skipped.
 *
 *   node scripts/apply-glossary.mjs [--check]
 *
 * `--check` changes nothing and exits 1 when a run would change something.
 * Afterwards `clausewright pack check clauses/crm` (or `npm test`) reports any
 * variant left as PACK_GLOSSARY_AVOIDED_VARIANT with file:line:column.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const NAMED = '{{#if (eq services.users.unit "named")}}';

/** [file, from, to]: exact phrases; `to` never contains `from`, so re-running finds nothing. */
const REWRITES = [
  // Schedule → 附件 (schedules and annexes are both 附件 in a PRC contract); Order Form → 订购单.
  ...["chinese-prevails", "english-prevails", "equal"].map((v) => [`clauses/crm/clauses/language/${v}.zh.hbs`, "构成本合同组成部分的各附表、附件和订单", "构成本合同组成部分的各附件和订购单"]),
  ["clauses/crm/clauses/modules/zh.hbs", "经[[双方]]签署书面订单", "经[[双方]]签署书面订购单"],
  ["clauses/crm/clauses/scope/zh.hbs", "须经[[双方]]签署书面订单", "须经[[双方]]签署书面订购单"],
  // Named User → 指定用户, written whole in each branch so the glossary check can read it in the source.
  ["clauses/crm/clauses/order-form/zh.hbs", `${NAMED}记名{{else}}并发{{/if}}用户`, `${NAMED}指定用户{{else}}并发用户{{/if}}`],
  ["clauses/crm/clauses/scope/zh.hbs", `（${NAMED}记名{{else}}并发{{/if}}用户）`, `（${NAMED}指定用户{{else}}并发用户{{/if}}）`],
  // The example deal's price unit, so the drafted Chinese says 指定用户 in the fee table too.
  ["examples/deals/cn-crm-standard.yaml", "zh: 记名用户/年", "zh: 指定用户/年"],
  // The example healthcare pack is checked against the merged glossary: its schedule is a 附件 too.
  ["examples/packs/healthcare/clauses/hipaa-schedule/clause.yaml", "zh: HIPAA业务伙伴附表", "zh: HIPAA业务伙伴附件"],
  ["test/packs.test.ts", "HIPAA业务伙伴附表", "HIPAA业务伙伴附件"],
];

const checkOnly = process.argv.includes("--check");
let changed = 0;
for (const [file, from, to] of REWRITES) {
  const path = join(root, file);
  if (!existsSync(path)) {
    console.warn(`apply-glossary: ${file} is gone; skipped`);
    continue;
  }
  const text = readFileSync(path, "utf8");
  const count = text.split(from).length - 1;
  if (count === 0) continue;
  changed += count;
  console.log(`${file}: ${count} × ${from} → ${to}`);
  if (!checkOnly) writeFileSync(path, text.split(from).join(to));
}
console.log(`apply-glossary: ${changed} change(s)${checkOnly ? " needed" : ""}`);
if (checkOnly && changed > 0) process.exitCode = 1;
