/**
 * The page's one script (inline, allowed by the nonce of its response): it listens to the server's
 * event stream and, for each new build, swaps the agreement, the panel, the status line and the
 * agreement's stylesheet in place, keeping the reader where they were. The element with an id
 * nearest the top of the window is found again after the swap and put back at the same height, so
 * text that grows or shrinks above it does not move the view; without one, the scroll offset is
 * kept. It writes only markup the server rendered (every deal value already escaped).
 */
export const PREVIEW_SCRIPT = `"use strict";
(() => {
  const doc = document.getElementById("pv-doc");
  const panel = document.getElementById("pv-panel");
  const status = document.getElementById("pv-status");
  const live = document.getElementById("pv-live");
  const style = document.getElementById("pv-agreement-style");
  let key = document.body.dataset.key;
  const topmost = () => {
    for (const el of doc.querySelectorAll("[id]")) {
      const top = el.getBoundingClientRect().top;
      if (top >= 0) return { id: el.id, top };
    }
    return undefined;
  };
  const apply = (view) => {
    if (view.key === key) return;
    key = view.key;
    const mark = topmost();
    const y = window.scrollY;
    if (style.textContent !== view.css) style.textContent = view.css;
    doc.innerHTML = view.doc;
    panel.innerHTML = view.panel;
    status.innerHTML = view.status;
    document.title = view.title;
    document.documentElement.lang = view.lang;
    document.body.dataset.key = key;
    const again = mark && document.getElementById(mark.id);
    if (again) window.scrollBy(0, again.getBoundingClientRect().top - mark.top);
    else window.scrollTo(0, y);
    document.dispatchEvent(new CustomEvent("clausewright:update", { detail: { key } }));
  };
  const setLive = (text, cls) => {
    live.textContent = text;
    live.className = "pv-live " + cls;
  };
  const events = new EventSource("/events");
  events.addEventListener("update", (e) => apply(JSON.parse(e.data)));
  events.addEventListener("open", () => setLive("live", "pv-on"));
  events.addEventListener("error", () => setLive("reconnecting…", "pv-off"));
})();
`;
