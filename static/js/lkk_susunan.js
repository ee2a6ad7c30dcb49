// The board form (lkk/susunan_form.html): "Tambah baris pengurus" adds one more member row from the
// <template id="baris-kosong"> (Django's empty form, __prefix__ replaced by the next index), up to the
// formset's maximum. Without JavaScript the page still works with the rows the server printed.
(function () {
  "use strict";
  function pasang() {
    var tombol = document.getElementById("tambah-baris");
    var templat = document.getElementById("baris-kosong");
    var wadah = document.getElementById("baris-pengurus");
    var total = document.getElementById("id_baris-TOTAL_FORMS");
    var maks = document.getElementById("id_baris-MAX_NUM_FORMS");
    if (!tombol || !templat || !wadah || !total) return;
    tombol.hidden = false;
    tombol.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      if (maks && n >= parseInt(maks.value, 10)) return;
      var html = templat.innerHTML.replace(/__prefix__/g, String(n)).replace(/__nomor__/g, String(n + 1));
      wadah.insertAdjacentHTML("beforeend", html);
      total.value = String(n + 1);
      var baru = wadah.lastElementChild && wadah.lastElementChild.querySelector("input[name$='-nama']");
      if (baru) baru.focus();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pasang);
  else pasang();
})();
