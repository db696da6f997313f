// After a form's answer (a unit import, a 换人) the page's message is brought into view below the sticky top
// bar and focused, so a person (and a screen reader) sees what happened before anything else.
(function () {
  "use strict";
  var flash = document.querySelector(".flash");
  if (!flash) return;
  flash.scrollIntoView({ block: "center" });
  flash.focus({ preventScroll: true });
})();
