// Live preview of `make devserver` (tools/devserver_live.py adds this script to every page
// it serves; it is never in the built site). It listens to the devserver's events:
// - a new build was swapped in: reload the page, keeping its scroll position;
// - the last build failed: show its problems over the page, as `make check` prints them,
//   until the next good build.
(function () {
  "use strict";
  var me = document.currentScript;
  var session = me ? me.getAttribute("data-session") : "";
  var built = me ? Number(me.getAttribute("data-built")) : 0;
  var fast = me ? Number(me.getAttribute("data-fast")) : 0;
  var SCROLL_KEY = "devserver-scroll:" + location.pathname + location.search;
  // The overlay's words in the page's language, from the theme's catalogue: the devserver
  // puts them on this script's tag (tools/devserver_live.py, OVERLAY_TEXTS).
  var text = {};
  try {
    text = JSON.parse(me.getAttribute("data-words")) || {};
  } catch (e) {
    text = {};
  }
  var overlay = null;
  var dismissed = "";

  // This script puts the reader back where they were. The browser's own restoring on a
  // reload may run after ours, to the place it saw when the reload began (the top, when a
  // second reload comes before the first page was scrolled back): leave it to us.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";

  // Where the reader was, until this page has been scrolled back there: a second reload
  // that comes before the page finished loading (the fast page, then the full build) must
  // keep that place, not the top of a page still loading. `placed` is where this script
  // put the page: if the reader has scrolled since, their place wins over the saved one.
  var pending = null;
  var placed = null;

  function here() {
    return [window.scrollX, window.scrollY];
  }

  // At once, not as the theme's `scroll-behavior: smooth` would: a reload during the
  // animation would save a place on the way, and the reader ends up short of theirs.
  function place(xy) {
    window.scrollTo({ left: xy[0], top: xy[1], behavior: "instant" });
  }

  function movedByReader() {
    var now = here();
    return placed !== null && (now[0] !== placed[0] || now[1] !== placed[1]);
  }

  function restoreScroll() {
    var saved = sessionStorage.getItem(SCROLL_KEY);
    if (saved === null) return;
    sessionStorage.removeItem(SCROLL_KEY);
    pending = JSON.parse(saved);
    place(pending);
    placed = here();
    window.addEventListener("load", function () {
      if (pending && !movedByReader()) place(pending);
      pending = null;
    }, { once: true });
  }

  function reload() {
    var xy = pending && !movedByReader() ? pending : here();
    sessionStorage.setItem(SCROLL_KEY, JSON.stringify(xy));
    location.reload();
  }

  function styled(tag, style, content) {
    var node = document.createElement(tag);
    Object.assign(node.style, style); // through the CSSOM: no inline style for a CSP to block
    if (content) node.textContent = content;
    return node;
  }

  function build(state) {
    var box = styled("div", {
      position: "fixed", left: "0.5rem", right: "0.5rem", bottom: "0.5rem", zIndex: "2147483647",
      maxHeight: "70vh", overflow: "auto", boxSizing: "border-box", margin: "0 auto",
      maxWidth: "60rem", padding: "1rem", background: "#fff8f6", color: "#1a1a1a",
      border: "3px solid #b00020", borderRadius: "0.5rem", boxShadow: "0 4px 16px rgba(0,0,0,0.35)",
      font: "16px/1.5 system-ui, sans-serif", textAlign: "start",
    });
    box.id = "devserver-problems";
    box.setAttribute("role", "alert");
    box.setAttribute("lang", text.lang || "en");
    box.setAttribute("dir", text.dir || "ltr");
    var close = styled("button", {
      float: text.dir === "rtl" ? "left" : "right", minWidth: "44px", minHeight: "44px",
      marginInlineStart: "0.5rem",
      font: "inherit", cursor: "pointer", background: "#fff", color: "#1a1a1a",
      border: "2px solid #1a1a1a", borderRadius: "0.25rem",
    }, text.close);
    close.type = "button";
    close.addEventListener("click", function () {
      dismissed = signature(state);
      hide();
    });
    box.appendChild(close);
    box.appendChild(styled("h2", { margin: "0 0 0.5rem", fontSize: "1.2rem", color: "#b00020" }, text.title));
    box.appendChild(styled("p", { margin: "0 0 0.5rem" }, text.intro));
    var lines = state.problems.length ? state.problems.map(function (p) { return p.text; }) : state.log;
    if (!state.problems.length) box.appendChild(styled("p", { margin: "0 0 0.5rem" }, text.log));
    var list = styled("ul", { margin: "0", padding: "0", listStyle: "none" });
    lines.forEach(function (line) {
      var item = styled("li", {
        margin: "0 0 0.5rem", padding: "0.5rem", background: "#fff", border: "1px solid #d8c4c0",
        font: "14px/1.45 ui-monospace, monospace", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
      }, line);
      item.setAttribute("dir", "auto"); // a file name and `make check`'s words read left to right
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function signature(state) {
    return JSON.stringify([state.built, state.problems, state.log]);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(state) {
    hide();
    if (signature(state) === dismissed) return;
    overlay = build(state);
    document.body.appendChild(overlay);
  }

  // The fast path re-rendered a few pages (output paths): is this one of them?
  function isShown(pages) {
    var path = decodeURIComponent(location.pathname);
    if (path.slice(-1) === "/") path += "index.html";
    return (pages || []).some(function (page) { return "/" + page === path; });
  }

  function update(state) {
    if (state.session !== session || state.built > built) {
      if (state.ok) return reload();
    }
    if (state.fast > fast && state.ok && isShown(state.pages)) return reload();
    if (state.ok) hide();
    else show(state);
  }

  restoreScroll();
  if (window.EventSource) {
    var events = new EventSource("/__devserver/events");
    events.onmessage = function (event) { update(JSON.parse(event.data)); };
  } else {
    setInterval(function () {
      fetch("/__devserver/status", { cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(update, function () {});
    }, 1000);
  }
})();
