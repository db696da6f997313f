// The arrivals dashboard reloads itself every 30 seconds (as the page says), but not while someone is
// reading with the keyboard focus inside it or the tab is hidden: a <meta refresh> could not wait.
(function () {
  "use strict";
  setInterval(function () {
    var a = document.activeElement;
    if (document.hidden || (a && a !== document.body && a.closest("main"))) return;
    window.location.reload();
  }, 30000);
})();
