// Region pickers that scale (wilayah/pilih.py). A select with data-pilih-url is a region picker:
// - data-pilih-lengkap="0": the page printed only the empty option and the chosen value; a search box
//   above it fills the options from the JSON endpoint (?q=, plus ?induk= when its parent is chosen);
// - data-pilih-induk="<name>": the parent picker in the same form; when it changes, this select's options
//   are reloaded from the endpoint for the new parent (its value cleared).
// CSP: no inline script; this file is loaded once by base.html.
(function () {
  "use strict";

  var JEDA_MS = 250;
  var BATAS = 50; // rows the endpoint answers at most (wilayah.pilih.BATAS)

  function cariDari(select) {
    return select.form ? select.form.querySelector('[data-pilih-cari="' + select.name + '"]') : null;
  }

  function induk(select) {
    var nama = select.getAttribute("data-pilih-induk");
    return nama && select.form ? select.form.elements.namedItem(nama) : null;
  }

  function alamat(select, q) {
    var url = new URL(select.getAttribute("data-pilih-url"), window.location.href);
    if (q) url.searchParams.set("q", q);
    var atas = induk(select);
    if (atas && atas.value) url.searchParams.set("induk", atas.value);
    return url;
  }

  // Keep the empty option (and, when asked, the chosen one); then the rows the endpoint sent.
  function isi(select, hasil, simpanTerpilih) {
    var terpilih = simpanTerpilih ? select.value : "";
    var ada = {};
    Array.prototype.slice.call(select.options).forEach(function (opsi) {
      if (opsi.value === "" || (terpilih && opsi.value === terpilih)) {
        ada[opsi.value] = true;
      } else {
        opsi.remove();
      }
    });
    hasil.forEach(function (baris) {
      var nilai = String(baris.id);
      if (ada[nilai]) return;
      ada[nilai] = true;
      select.add(new Option(baris.teks, nilai));
    });
    select.value = terpilih;
    select.dispatchEvent(new CustomEvent("pilih-wilayah:terisi", { bubbles: true }));
  }

  function muat(select, q, simpanTerpilih) {
    var nomor = (select._pilihNomor || 0) + 1;
    select._pilihNomor = nomor;
    return fetch(alamat(select, q), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (jawab) { return jawab.ok ? jawab.json() : { hasil: [] }; })
      .then(function (data) {
        if (select._pilihNomor !== nomor) return;
        isi(select, data.hasil || [], simpanTerpilih);
        // a parent cleared: the list may be longer than one answer; searching finds the rest
        if ((data.hasil || []).length >= BATAS && !cariDari(select)) kotakCari(select);
      })
      .catch(function () { /* the select keeps what it had */ });
  }

  function kotakCari(select) {
    var kotak = document.createElement("input");
    kotak.type = "search";
    kotak.className = "form-control form-control-sm mb-1";
    kotak.setAttribute("data-pilih-cari", select.name);
    var nama = select.getAttribute("data-pilih-nama") || "wilayah";
    kotak.placeholder = "Cari " + nama + "…";
    kotak.setAttribute("aria-label", "Cari " + nama);
    kotak.autocomplete = "off";
    var waktu = null;
    kotak.addEventListener("input", function () {
      window.clearTimeout(waktu);
      waktu = window.setTimeout(function () { muat(select, kotak.value.trim(), true); }, JEDA_MS);
    });
    kotak.addEventListener("keydown", function (e) {
      if (e.key === "Enter") e.preventDefault(); // searching, not submitting the form
    });
    select.parentNode.insertBefore(kotak, select);
    return kotak;
  }

  function pasang(select) {
    if (select.getAttribute("data-pilih-lengkap") === "0") kotakCari(select);
    var atas = induk(select);
    if (atas) {
      atas.addEventListener("change", function () {
        var kotak = cariDari(select);
        if (kotak) kotak.value = "";
        muat(select, "", false).then(function () {
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });
      });
    }
  }

  function mulai() {
    document.querySelectorAll("select[data-pilih-url]").forEach(pasang);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();
