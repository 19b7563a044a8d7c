// An online event's times on the visitor's own clock, beside the event's zone (events/times.py).
// Without JavaScript the row stays hidden: the event's zone is always shown.
(function () {
  "use strict";
  var row = document.querySelector("[data-local-time]");
  if (!row || !window.Intl || !Intl.DateTimeFormat) return;
  var start = new Date(row.getAttribute("data-start"));
  var end = new Date(row.getAttribute("data-end"));
  if (isNaN(start) || isNaN(end)) return;
  var lang = document.documentElement.lang || undefined;
  var sameDay = start.toDateString() === end.toDateString();
  var date = new Intl.DateTimeFormat(lang, { dateStyle: "full" });
  var time = new Intl.DateTimeFormat(lang, { timeStyle: "short" });
  var zone = new Intl.DateTimeFormat(lang, { timeZoneName: "long" }).formatToParts(start)
    .filter(function (part) { return part.type === "timeZoneName"; }).map(function (part) { return part.value; }).join("");
  var text = sameDay
    ? date.format(start) + ", " + time.format(start) + "–" + time.format(end)
    : date.format(start) + ", " + time.format(start) + " – " + date.format(end) + ", " + time.format(end);
  row.querySelector("[data-local-time-text]").textContent = text + (zone ? " (" + zone + ")" : "");
  row.hidden = false;
})();
