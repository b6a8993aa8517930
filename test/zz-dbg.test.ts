import { writeFileSync } from "node:fs";
import { test } from "vitest";
import { redline } from "../src/redline/redline.js";
import { redlinePairs } from "./helpers/redline-pairs.js";
import { loRedlines } from "./helpers/libreoffice.js";
test("dbg", async () => {
  const p = redlinePairs().find((x) => x.name === "cn-crm-standard zh GDPR")!;
  const r = await redline(p.base, p.next, { formats: ["docx"], lang: p.lang, force: true });
  writeFileSync("/tmp/rl/zhg.docx", r.docx!);
  const lo = loRedlines(["/tmp/rl/zhg.docx"])[0]!;
  const lines = (lo.rejected ?? "").split("\n");
  console.log(lines.slice(232, 246).join("\n"));
});
