/**
 * The preview's own stylesheet, after the agreement's: a status bar at the top, the agreement, and
 * a problems panel that stays in view beside it (under it on a narrow screen). Problem notes sit
 * right under the heading of their clause. Class names start with `pv-` so they never meet the
 * agreement's.
 */
export const PREVIEW_STYLES = `body{overflow-anchor:none}
.pv-bar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:baseline;padding:.5em 1em;background:#24292f;color:#f6f8fa;font:13px/1.4 system-ui,sans-serif}
.pv-what{color:#c9d1d9;flex:1 1 10em;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#pv-status{margin-left:auto}
.pv-state{font-weight:bold;padding:.05em .5em;border-radius:.8em}
.pv-state-ok{background:#1f883d}
.pv-state-errors{background:#9a6700}
.pv-state-broken{background:#cf222e}
.pv-live.pv-on{color:#8ddb8c}
.pv-live.pv-off{color:#ffb3b3}
.pv-main{display:grid;grid-template-columns:minmax(0,1fr) 24rem;align-items:start}
.pv-doc{min-width:0}
.pv-doc .agreement{margin:1.5rem auto}
.pv-panel{position:sticky;top:2.6rem;max-height:calc(100vh - 3.2rem);overflow:auto;box-sizing:border-box;margin:1.5rem 1rem 1.5rem 0;padding:.8rem 1rem;background:#fff;border:1px solid #d0d7de;border-radius:6px;font:13px/1.45 system-ui,sans-serif}
.pv-panel h2{font-size:15px;margin:0 0 .6em}
.pv-panel h3{font-size:13px;margin:1em 0 .4em;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
.pv-panel ul,.pv-notes ul{list-style:none;margin:0;padding:0}
.pv-panel .pv-counts{font-weight:normal;color:#57606a;font-size:12px}
.pv-by-clause li{margin:0 0 .3em;padding-left:.5em;border-left:3px solid #d0d7de}
.pv-by-clause li.pv-error{border-color:#cf222e}
.pv-by-clause li.pv-warning{border-color:#bf8700}
.pv-count{display:inline-block;min-width:1.4em;text-align:center;border-radius:.7em;background:#eaeef2;font-size:11px}
.pv-none{color:#57606a;margin:0}
.pv-problem{margin:0 0 .6em;padding:.4em .6em;border-left:4px solid #8c959f;background:#f6f8fa;font:13px/1.45 system-ui,sans-serif;text-align:left}
.pv-problem.pv-error{border-color:#cf222e;background:#fff5f5}
.pv-problem.pv-warning{border-color:#bf8700;background:#fff8e5}
.pv-head{display:flex;flex-wrap:wrap;gap:.2em .6em;align-items:baseline}
.pv-sev{font-weight:bold;text-transform:uppercase;font-size:11px}
.pv-error .pv-sev{color:#cf222e}
.pv-warning .pv-sev{color:#9a6700}
.pv-problem code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pv-loc{background:#eaeef2;padding:0 .3em;border-radius:3px;overflow-wrap:anywhere}
.pv-msg{margin:.2em 0 0;overflow-wrap:anywhere}
.pv-hint{margin:.2em 0 0;color:#57606a}
.pv-notes{margin:.2em 0 .8em}
.pv-stale .agreement{color:#8a8a8a}
.pv-notes{color:#1b1b1b}
.pv-src{margin:.3em 0 0;padding:.3em .5em;background:#fff;border:1px solid #d0d7de;border-radius:3px;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre;overflow-x:auto}
.pv-doc [id]{scroll-margin-top:3rem}
.pv-stale-notice{max-width:52rem;margin:1.5rem auto 0;padding:.6em 1em;background:#fff5f5;border:1px solid #cf222e;border-radius:6px;font:14px/1.45 system-ui,sans-serif;text-align:left}
@media (max-width:70em){.pv-main{grid-template-columns:1fr}.pv-panel{position:static;max-height:none;margin:1rem;order:-1}}
@media print{.pv-bar,.pv-panel,.pv-notes,.pv-stale-notice{display:none}.pv-main{display:block}}
`;
