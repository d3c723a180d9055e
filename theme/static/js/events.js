/* Event lists as of now rather than as of the build (plugins/events). The pages read
   correctly without this file; it only
   - hides list items whose occurrence has ended ([data-event-end], an ISO 8601 time),
     then month groups left empty, and shows the "nothing planned" note if all are gone;
   - marks today's cell in a month calendar ([data-date]) with aria-current="date", today
     in the site's time zone (the calendar's data-zone);
   - turns the calendar subscription link ([data-webcal]) into a webcal: link. */
(function () {
  "use strict";
  var now = Date.now();

  function ended(element) {
    var end = Date.parse(element.getAttribute("data-event-end"));
    return !isNaN(end) && end <= now;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-event-end]"), function (item) {
    if (ended(item)) item.hidden = true;
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-events-group]"), function (group) {
    if (!group.querySelector("[data-event-end]:not([hidden])")) group.hidden = true;
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-events-upcoming]"), function (list) {
    var empty = list.querySelector("[data-events-empty]");
    if (empty && !list.querySelector("[data-event-end]:not([hidden])")) empty.hidden = false;
  });

  // Today where the events happen (the calendar's data-zone), not where the reader is.
  function todayIn(zone) {
    var today = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      }).formatToParts(today).forEach(function (part) { parts[part.type] = part.value; });
      return [parts.year, parts.month, parts.day].join("-");
    } catch (error) { // no zone given, or a browser without time zones
      return [
        today.getFullYear(),
        String(today.getMonth() + 1).padStart(2, "0"),
        String(today.getDate()).padStart(2, "0"),
      ].join("-");
    }
  }

  var calendar = document.querySelector("table.cal");
  var iso = todayIn(calendar && calendar.getAttribute("data-zone"));
  var cell = document.querySelector('[data-date="' + iso + '"]');
  if (cell) {
    cell.classList.add("cal-day--today");
    var date = cell.querySelector("time");
    if (date) date.setAttribute("aria-current", "date");
  }

  if (location.protocol === "http:" || location.protocol === "https:") {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-webcal]"), function (link) {
      link.href = link.href.replace(/^https?:/, "webcal:");
    });
  }
})();
