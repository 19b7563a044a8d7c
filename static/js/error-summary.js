// Moves the keyboard focus to a form's error summary when the page shows one, so that people using a
// screen reader or a keyboard hear the problems first and can follow each link to its field.
// The page works without it; no inline script is allowed (Content-Security-Policy).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
