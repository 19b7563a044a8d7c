// The header's menu on phones. Without JavaScript the navigation and account links are simply
// shown (they wrap); with it, below 48rem they are hidden behind the "Menu" button, a disclosure
// button (aria-expanded, aria-controls). Escape closes the menu and gives the focus back to the
// button. On wider screens site.css hides the button and always shows the links.
// No inline script is allowed (Content-Security-Policy).
(function () {
  "use strict";
  var header = document.querySelector("[data-site-header]");
  var button = header && header.querySelector("[data-menu-toggle]");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }

  function isOpen() {
    return button.getAttribute("aria-expanded") === "true";
  }

  setOpen(false);
  header.classList.add("has-menu-script");

  button.addEventListener("click", function () {
    setOpen(!isOpen());
  });

  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen() && button.offsetParent !== null) {
      setOpen(false);
      button.focus();
      event.preventDefault();
    }
  });

  // Back to a wide screen: nothing stays "expanded" behind a hidden button.
  if (window.matchMedia) {
    var phone = window.matchMedia("(max-width: 47.99rem)");
    if (phone.addEventListener) {
      phone.addEventListener("change", function () {
        if (!phone.matches) {
          setOpen(false);
        }
      });
    }
  }
})();
