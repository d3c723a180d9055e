/* The search page: load Pagefind's UI into #search when the site has a search index
   (built by `make publish`); say so plainly when it has none. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var bundle = new URL(box.getAttribute("data-bundle") || "/pagefind/", document.baseURI).href;

  function unavailable() {
    var p = document.createElement("p");
    p.className = "search-unavailable";
    p.textContent = box.getAttribute("data-unavailable");
    box.appendChild(p);
  }

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    if (typeof window.PagefindUI !== "function") return unavailable();
    document.head.appendChild(css);
    new window.PagefindUI({ element: "#search", bundlePath: bundle, showImages: false, resetStyles: false });
    var input = box.querySelector("input");
    if (!input) return;
    // Pagefind's input has only a placeholder and a title: give it a real accessible name.
    input.setAttribute("aria-label", box.getAttribute("data-label"));
    if (!window.location.hash) input.focus();
  };
  script.onerror = unavailable;
  document.head.appendChild(script);
})();
