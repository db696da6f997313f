// A form that came back with errors: move focus to the summary at its top (screen readers read it, a phone
// scrolls to it). Links in the summary focus their field.
(function () {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.focus();
  summary.scrollIntoView({ block: "start" });
  summary.querySelectorAll("a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    });
  });
})();
