// The progress of a report run (laporan:proses): asks the server every 2 s how many reports are done
// (?kemajuan=1 answers JSON), moves the bar, and reloads the page once the run is finished.
// Without JavaScript the page offers a link that refreshes it.
(function () {
  "use strict";
  var kartu = document.getElementById("proses-laporan");
  if (!kartu || !window.fetch || kartu.dataset.berjalan !== "1") return;
  var bar = kartu.querySelector(".progress");
  var isi = kartu.querySelector(".progress-bar");
  var format = new Intl.NumberFormat("id-ID");
  function tulis(id, teks) {
    var el = document.getElementById(id);
    if (el) el.textContent = teks;
  }
  function tanya() {
    fetch(kartu.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) { setTimeout(tanya, 5000); return; }
        bar.setAttribute("aria-valuenow", d.persen);
        isi.style.width = d.persen + "%";
        tulis("proses-status", d.status_teks);
        tulis("proses-selesai", format.format(d.jumlah_selesai));
        tulis("proses-jumlah", format.format(d.jumlah_laporan));
        tulis("proses-persen", d.persen);
        tulis("proses-pesan", d.pesan || "");
        if (d.selesai) { window.location.reload(); return; }
        setTimeout(tanya, 2000);
      })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  setTimeout(tanya, 2000);
})();
