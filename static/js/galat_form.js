// A form that failed to save: bring its error summary into view and give it focus, so a phone user
// (and a screen reader) sees at once why nothing was saved. A link in the summary focuses its field.
(function () {
  "use strict";
  function mulai() {
    var ringkasan = document.getElementById("ringkasan-galat");
    if (!ringkasan) return;
    ringkasan.scrollIntoView({ block: "start" });
    ringkasan.focus({ preventScroll: true });
    ringkasan.addEventListener("click", function (e) {
      var link = e.target.closest("a[data-fokus]");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("data-fokus"));
      if (!field) return;
      e.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mulai);
  else mulai();
})();
