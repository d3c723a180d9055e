/* The weekly digest's Copy button (templates/digest.html). It reads the digest's two
   copies written beside the page, the inline-styled one (JSON: {"html": ...}, for the
   official account's editor and email) and the plain text, and puts both on the
   clipboard, so that each place takes the form it understands. The page itself never
   holds inline styles: its policy forbids them (fetching from the site itself is
   connect-src 'self'; the HTML goes to the clipboard as text, never into this page).
   Without this script, or without clipboard access, the button stays hidden and the
   plain-text link remains. */
(function () {
  "use strict";

  var button = document.querySelector("[data-digest-copy]");
  var status = document.querySelector("[data-digest-status]");
  if (!button || !navigator.clipboard) return;

  function fetchText(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    });
  }

  function htmlOf(json) {
    var html = JSON.parse(json).html;
    if (typeof html !== "string" || !html) throw new Error("no html in the digest's copy");
    return html;
  }

  function blob(type) {
    return function (text) { return new Blob([text], { type: type }); };
  }

  function copy() {
    var plain = fetchText(button.getAttribute("data-text"));
    if (typeof ClipboardItem === "undefined" || !navigator.clipboard.write) {
      return plain.then(function (text) { return navigator.clipboard.writeText(text); });
    }
    var rich = fetchText(button.getAttribute("data-rich")).then(htmlOf);
    // Promises, not texts: Safari allows the write only within the click itself.
    return navigator.clipboard.write([new ClipboardItem({
      "text/html": rich.then(blob("text/html")),
      "text/plain": plain.then(blob("text/plain"))
    })]);
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "";
    copy().then(function () {
      status.textContent = button.getAttribute("data-copied");
    }, function () {
      status.textContent = button.getAttribute("data-failed");
    });
  });
})();
