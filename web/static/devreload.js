// devreload.js: development mode only (server --dev). The server streams
// the course's version over server-sent events; when it differs from the
// version this page was drawn from, an edited lesson or quiz was saved, and
// the page reloads to show it. The stream reconnects on its own when the
// server restarts, and the first event after that carries the version too.
(function () {
  "use strict";
  var script = document.currentScript;
  var drawn = script && script.dataset.version;
  if (!drawn || typeof EventSource === "undefined") {
    return;
  }
  var events = new EventSource("/dev/events");
  events.addEventListener("version", function (e) {
    if (e.data && e.data !== drawn) {
      events.close();
      window.location.reload();
    }
  });
})();
