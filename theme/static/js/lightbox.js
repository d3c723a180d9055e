/* Gallery lightbox (plugins/gallery, templates/includes/gallery.html). No framework.

   Without this file every thumbnail is a plain link to the large JPEG. With it, a click
   opens the photo in a modal <dialog>: caption and "Photo n of m" below it, previous/next
   buttons, Left/Right arrow keys, swipe on touch screens, Escape or the close button to
   leave. Focus stays inside the dialog while it is open and goes back to the thumbnail
   that opened it. Interface strings come from data-label-* attributes of the gallery
   (translated by the template), so this file holds no text. */
(function () {
  "use strict";

  var galleries = document.querySelectorAll("[data-lightbox]");
  if (!galleries.length || typeof HTMLDialogElement !== "function") return;

  var SWIPE_MIN = 40; // px of horizontal travel that counts as a swipe
  var FORMATS = ["avif", "webp"];

  var dialog = null;
  var parts = {};
  var items = [];
  var index = 0;
  var opener = null;
  var touchStart = null;

  function el(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  function button(className, label, symbol) {
    var b = el("button", "lightbox-button " + className, { type: "button", "aria-label": label });
    var icon = el("span", "lightbox-icon", { "aria-hidden": "true" });
    icon.textContent = symbol;
    b.appendChild(icon);
    return b;
  }

  function build(labels) {
    dialog = el("dialog", "lightbox", {
      "aria-label": labels.dialog,
      "aria-describedby": "lightbox-caption"
    });
    var stage = el("figure", "lightbox-stage");
    parts.picture = el("picture", "lightbox-picture");
    parts.caption = el("figcaption", "lightbox-caption", { id: "lightbox-caption" });
    parts.counter = el("p", "lightbox-counter", { "aria-live": "polite" });
    parts.previous = button("lightbox-previous", labels.previous, "\u2039");
    parts.next = button("lightbox-next", labels.next, "\u203a");
    parts.close = button("lightbox-close", labels.close, "\u00d7");
    stage.appendChild(parts.picture);
    stage.appendChild(parts.caption);
    dialog.appendChild(parts.close);
    dialog.appendChild(stage);
    dialog.appendChild(parts.counter);
    dialog.appendChild(parts.previous);
    dialog.appendChild(parts.next);
    document.body.appendChild(dialog);

    parts.previous.addEventListener("click", function () { step(-1); });
    parts.next.addEventListener("click", function () { step(1); });
    parts.close.addEventListener("click", close);
    dialog.addEventListener("cancel", function (event) {
      event.preventDefault(); // Escape: close our way, so focus goes back to the thumbnail
      close();
    });
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) close(); // a click on the backdrop
    });
    dialog.addEventListener("touchstart", function (event) {
      if (event.touches.length === 1) {
        touchStart = { x: event.touches[0].clientX, y: event.touches[0].clientY };
      }
    }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (!touchStart || !event.changedTouches.length) return;
      var dx = event.changedTouches[0].clientX - touchStart.x;
      var dy = event.changedTouches[0].clientY - touchStart.y;
      touchStart = null;
      if (Math.abs(dx) >= SWIPE_MIN && Math.abs(dx) > Math.abs(dy)) step(dx < 0 ? 1 : -1);
    });
  }

  function focusables() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, [href], [tabindex]:not([tabindex='-1'])"),
      function (node) { return !node.disabled && !node.hidden; }
    );
  }

  function onKey(event) {
    // In a right-to-left page the next photo is to the left, as the grid and the buttons are.
    var forward = getComputedStyle(dialog).direction === "rtl" ? -1 : 1;
    if (event.key === "ArrowLeft") {
      event.preventDefault();
      step(-forward);
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      step(forward);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      // Keep focus inside: from the last control to the first, and back.
      var list = focusables();
      if (!list.length) return;
      var first = list[0];
      var last = list[list.length - 1];
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  function render() {
    var item = items[index];
    var link = item.link;
    var thumb = link.querySelector("img");
    while (parts.picture.firstChild) parts.picture.removeChild(parts.picture.firstChild);
    FORMATS.forEach(function (format) {
      var srcset = link.getAttribute("data-srcset-" + format);
      if (srcset) {
        parts.picture.appendChild(el("source", "", { type: "image/" + format, srcset: srcset, sizes: "100vw" }));
      }
    });
    var img = el("img", "lightbox-image", {
      src: link.getAttribute("href"),
      alt: thumb ? thumb.getAttribute("alt") || "" : "",
      sizes: "100vw",
      decoding: "async"
    });
    if (link.getAttribute("data-srcset")) img.setAttribute("srcset", link.getAttribute("data-srcset"));
    if (link.getAttribute("data-width")) img.setAttribute("width", link.getAttribute("data-width"));
    if (link.getAttribute("data-height")) img.setAttribute("height", link.getAttribute("data-height"));
    parts.picture.appendChild(img);
    var caption = item.figure ? item.figure.querySelector("figcaption") : null;
    parts.caption.textContent = caption ? caption.textContent.trim() : "";
    parts.caption.hidden = !parts.caption.textContent;
    parts.counter.textContent = item.labels.counter
      .replace("{number}", String(index + 1))
      .replace("{count}", String(items.length));
    var single = items.length < 2;
    parts.previous.hidden = single;
    parts.next.hidden = single;
  }

  function step(delta) {
    if (items.length < 2) return;
    index = (index + delta + items.length) % items.length;
    render();
  }

  function open(list, at, link) {
    items = list;
    index = at;
    opener = link;
    if (!dialog) build(list[at].labels);
    render();
    dialog.showModal();
    document.documentElement.classList.add("lightbox-open");
    parts.close.focus();
  }

  function close() {
    if (!dialog || !dialog.open) return;
    dialog.close();
    document.documentElement.classList.remove("lightbox-open");
    if (opener) opener.focus();
    opener = null;
  }

  Array.prototype.forEach.call(galleries, function (gallery) {
    var labels = {
      dialog: gallery.getAttribute("data-label-dialog") || "",
      close: gallery.getAttribute("data-label-close") || "",
      previous: gallery.getAttribute("data-label-previous") || "",
      next: gallery.getAttribute("data-label-next") || "",
      counter: gallery.getAttribute("data-label-counter") || "{number} / {count}"
    };
    var links = gallery.querySelectorAll("a.gallery-link");
    var list = Array.prototype.map.call(links, function (link) {
      return { link: link, figure: link.closest("figure"), labels: labels };
    });
    list.forEach(function (item, at) {
      item.link.addEventListener("click", function (event) {
        // A new tab or window (middle click, Ctrl/Cmd/Shift-click) opens the plain image.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        open(list, at, item.link);
      });
    });
  });
})();
