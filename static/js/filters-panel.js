// The directory's and the map's filter form sits in a <details> element that the page sends
// open, so that it works without JavaScript. On phones (below 48rem) this closes it behind its
// "Filters" control, so the result count and the results come first; on wider screens the
// control is hidden (site.css) and the form is kept open. No inline script is allowed
// (Content-Security-Policy).
(function () {
  "use strict";
  var panels = document.querySelectorAll("[data-filters-panel]");
  if (!panels.length || !window.matchMedia) {
    return;
  }
  var phone = window.matchMedia("(max-width: 47.99rem)");
  function fit() {
    for (var i = 0; i < panels.length; i += 1) {
      panels[i].open = !phone.matches;
    }
  }
  fit();
  if (phone.addEventListener) {
    phone.addEventListener("change", fit);
  }
})();
