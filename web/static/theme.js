// theme.js applies the reader's remembered theme before the page paints (the
// shell loads it synchronously in <head>), then wires the theme toggle.
// Without a stored choice the page follows the system's light or dark
// setting through CSS alone; a choice is stored as data-theme on <html>.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = "ckptlab-theme";
  var dark = window.matchMedia("(prefers-color-scheme: dark)");

  root.classList.add("js"); // reveals the toggle, which needs this script

  try {
    var stored = window.localStorage.getItem(key);
    if (stored === "light" || stored === "dark") {
      root.dataset.theme = stored;
    }
  } catch (e) {
    // Storage may be disabled; the system theme still applies.
  }

  function current() {
    return root.dataset.theme || (dark.matches ? "dark" : "light");
  }

  function sync(button) {
    button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) {
      return;
    }
    sync(button);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try {
        window.localStorage.setItem(key, next);
      } catch (e) {
        // Not remembered, but still applied to this page.
      }
      sync(button);
    });
    dark.addEventListener("change", function () {
      sync(button);
    });
  });
})();
