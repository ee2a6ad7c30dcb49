// The attendance page: "Tandai semua hadir" checks "Hadir" on every row (CSP: no inline script).
(function () {
  "use strict";
  document.querySelectorAll("[data-tandai-semua]").forEach(function (tombol) {
    tombol.addEventListener("click", function () {
      var nilai = tombol.getAttribute("data-tandai-semua");
      var form = tombol.closest("form");
      form.querySelectorAll('input[type="radio"][value="' + nilai + '"]').forEach(function (radio) {
        radio.checked = true;
      });
    });
  });
})();
