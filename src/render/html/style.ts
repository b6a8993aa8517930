import type { DocumentMeta } from "../../model/types.js";
import { htmlLabels } from "./labels.js";

/** A CSS string literal: the labels are ours, but a quote or backslash in one must not end it. */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\a ")}"`;

/**
 * The page's one stylesheet, inline (no request leaves the file). On screen: a sheet of paper on a
 * grey desk, the parallel layout as two columns that become one on a narrow screen. In print: the
 * paper size of the governing law's profile, margins, a "Page X of Y" footer in the primary
 * language (CSS paged media: Chromium and WeasyPrint draw it), schedules on new pages.
 */
export function htmlStyles(meta: DocumentMeta): string {
  const footer = htmlLabels(meta.lang).footer;
  const content = [cssString(footer.before), "counter(page)", cssString(footer.between), "counter(pages)", ...(footer.after ? [cssString(footer.after)] : [])].join(" ");
  const paper = meta.paper === "letter" ? "letter" : "A4";
  return `:root{color-scheme:light}
body{margin:0;background:#eceae6;color:#1b1b1b;font:11pt/1.55 "Noto Serif","Source Serif 4",Georgia,"Times New Roman",serif}
:lang(zh){font-family:"Noto Serif CJK SC","Noto Serif SC","Source Han Serif SC","Songti SC",SimSun,serif}
.agreement{box-sizing:border-box;max-width:52rem;margin:2rem auto;padding:3rem 3.5rem;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.55em;text-align:center;margin:0 0 .3em;line-height:1.3}
h2{font-size:1.12em;margin:1.6em 0 .5em;break-after:avoid}
h3{font-size:1em;margin:1em 0 .4em;break-after:avoid}
.num{margin-right:.45em}
p{margin:0 0 .65em;text-align:justify}
p.title{text-align:center;font-size:1.3em;font-weight:bold}
p.subtitle{text-align:center;font-style:italic}
p.center{text-align:center}
p.note{font-size:.85em}
.agreement ol,.agreement ul{margin:0 0 .65em;padding-left:2.4em}
.agreement ol{list-style:none}
.agreement ol>li>.label{display:inline-block;min-width:2.4em;margin-left:-2.4em}
.agreement li{margin:0 0 .3em}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.95em}
th,td{border:1px solid #8a8a8a;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f0efec}
.right{text-align:right}
.centre{text-align:center}
tr.total td{font-weight:bold}
.parallel,.pair{display:grid;grid-template-columns:1fr 1fr;column-gap:2em}
.pair>span{display:block}
.below>span{display:block}
@media (max-width:48em){.parallel,.pair{grid-template-columns:1fr}.agreement{margin:0;padding:1.2rem}}
a{color:inherit}
a.ref{text-decoration:underline dotted}
a.term{text-decoration:none;border-bottom:1px dotted #8a8a8a}
dfn{font-style:normal}
ins{color:#0a6b2b;text-decoration:underline}
del{color:#b00020;text-decoration:line-through}
hr.page-break{break-after:page;border:0;border-top:1px dashed #c4c4c4;margin:2.2em 0}
section.schedule{break-before:page}
nav.contents ol{list-style:none;padding-left:0}
nav.contents li{margin:0 0 .15em}
.no-further-text{text-align:center}
.parties{display:grid;grid-template-columns:repeat(auto-fit,minmax(15em,1fr));gap:2em;margin-top:1.2em}
.party p{text-align:left;margin:0 0 .5em}
.party .role{font-weight:bold}
.blank{display:inline-block;min-width:11em;border-bottom:1px solid #1b1b1b}
.legend{font-size:.9em;border:1px solid #c4c4c4;padding:.4em .6em}
@page{size:${paper};margin:25mm 20mm;@bottom-center{content:${content};font-size:9pt}}
@media print{body{background:none}.agreement{box-shadow:none;margin:0;padding:0;max-width:none}a.ref,a.term{text-decoration:none;border:0}hr.page-break{border:0;margin:0}}
`;
}
