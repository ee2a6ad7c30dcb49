// The progress of a background import (wilayah.impor, ?proses=<job>): asks the server every 2 s how many
// rows are done, moves the bar, and opens the result (the same address) once the job is finished.
// Without JavaScript the page offers a link that refreshes it.
(function () {
  "use strict";
  var kartu = document.getElementById("proses-impor");
  if (!kartu || !window.fetch) return;
  var bar = kartu.querySelector(".progress");
  var isi = kartu.querySelector(".progress-bar");
  var teks = document.getElementById("proses-diproses");
  var format = new Intl.NumberFormat("id-ID");
  function tanya() {
    fetch(kartu.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) { setTimeout(tanya, 5000); return; }
        if (d.selesai) { window.location.reload(); return; }
        bar.setAttribute("aria-valuenow", d.persen);
        isi.style.width = d.persen + "%";
        teks.textContent = format.format(d.diproses);
        setTimeout(tanya, 2000);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  setTimeout(tanya, 2000);
})();
