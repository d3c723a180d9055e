/* Small enhancements of the menu, which works without this file (it is a <details>):
   Escape closes it and gives focus back to its button; a click or focus outside closes it. */
(function () {
  "use strict";
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
