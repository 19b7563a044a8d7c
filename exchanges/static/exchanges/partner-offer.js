// The exchange form: when another city is picked, show what it offers (the panel the server renders).
// Without JavaScript the "Show what this city offers" button does the same by reloading the form.
(function () {
  "use strict";
  var select = document.getElementById("id_partner");
  var panel = document.getElementById("partner-offer");
  if (!select || !panel || !window.fetch) return;
  // The button's paragraph, not the button: the site's .button rule would win over [hidden].
  var button = document.querySelector(".partner-offer__show");
  if (button) button.hidden = true;
  var template = panel.getAttribute("data-offer-url");
  var latest = 0;
  select.addEventListener("change", function () {
    var slug = select.value;
    var asked = ++latest;
    if (!slug) {
      panel.replaceChildren();
      return;
    }
    fetch(template.replace("city-slug", encodeURIComponent(slug)), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (asked !== latest) return;
        var parsed = new DOMParser().parseFromString(html, "text/html");
        panel.replaceChildren.apply(panel, Array.prototype.slice.call(parsed.body.childNodes));
      })
      .catch(function () { if (button) button.hidden = false; });
  });
})();
