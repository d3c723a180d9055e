/* Small enhancements; the site works without this file.
   - The menu (a <details>): Escape closes it and gives focus back to its button; a click
     or focus outside closes it.
   - A table wider than the text column scrolls by itself (site.css): while it does, it
     takes keyboard focus, so that arrow keys scroll it (WCAG 2.1.1). */
(function () {
  "use strict";

  function scrollers() {
    var tables = document.querySelectorAll(".prose table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.scrollWidth > table.clientWidth + 1) {
        table.tabIndex = 0;
      } else {
        table.removeAttribute("tabindex");
      }
    }
  }
  scrollers();
  var pending = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(scrollers, 150);
  });

  var menu = document.getElementById("menu");
  if (!menu) return;
  var button = menu.querySelector("summary");

  function close(focusButton) {
    if (!menu.open) return;
    menu.open = false;
    if (focusButton && button) button.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && getComputedStyle(button).display !== "none") {
      close(menu.contains(document.activeElement));
    }
  });
  document.addEventListener("click", function (event) {
    if (!menu.contains(event.target)) close(false);
  });
  document.addEventListener("focusin", function (event) {
    if (!menu.contains(event.target)) close(false);
  });
})();
