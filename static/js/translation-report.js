// "Report a translation problem" on a translated page: words the reader selects in the page's
// content are carried to the report form (its address gets `quote=`), and a bar at the foot of
// the window offers to report them. Without JavaScript the link opens the same form, where the
// reader pastes the words. No inline script is allowed (Content-Security-Policy).
(function () {
  "use strict";
  var control = document.querySelector("[data-translation-report]");
  var bar = document.querySelector("[data-translation-report-bar]");
  var main = document.getElementById("main");
  if (!control || !bar || !main || !window.getSelection || !window.URL) {
    return;
  }
  var link = control.querySelector("[data-translation-report-link]");
  var barLink = bar.querySelector("[data-translation-report-bar-link]");
  var shown = bar.querySelector("[data-translation-report-quote]");
  var dismiss = bar.querySelector("[data-translation-report-dismiss]");
  var tip = control.querySelector("[data-translation-report-tip]");
  var limit = parseInt(control.getAttribute("data-quote-limit"), 10) || 1000;
  var base = link.getAttribute("href");
  var notice = document.querySelector(".translation-notice");

  if (tip) {
    tip.hidden = false;
  }

  function inside(node, container) {
    return !!container && container.contains(node);
  }

  // The selected text when it lies in the page's content (not in this control, the bar or the notice).
  function selectedText() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return "";
    }
    var node = selection.getRangeAt(0).commonAncestorContainer;
    if (!inside(node, main) || inside(node, control) || inside(node, bar) || inside(node, notice)) {
      return "";
    }
    var text = selection.toString().replace(/\s+/g, " ").trim();
    return Array.from(text).slice(0, limit).join("");
  }

  function withQuote(text) {
    var url = new URL(base, window.location.href);
    url.searchParams.set("quote", text);
    return url.pathname + url.search;
  }

  // The bar shows the last words selected until the reader selects others or dismisses it: it is
  // not hidden when the selection collapses, or pressing its link (which collapses it) would miss.
  document.addEventListener("selectionchange", function () {
    var text = selectedText();
    if (!text) {
      return;
    }
    var url = withQuote(text);
    link.setAttribute("href", url);
    barLink.setAttribute("href", url);
    var characters = Array.from(text);
    shown.textContent = characters.length > 80 ? characters.slice(0, 79).join("") + "…" : text;
    bar.hidden = false;
  });

  dismiss.addEventListener("click", function () {
    bar.hidden = true;
    link.setAttribute("href", base);
    barLink.setAttribute("href", base);
  });
})();
