// The LKK institution form proposes the term as the SK date is typed: the term starts on the SK date and
// ends after the type's term length (the jenis select carries each type's years in data-masa-bakti-tahun),
// the day before the anniversary (1 Jan 2025 -> 31 Dec 2029), as lkk.models.akhir_masa_bakti does.
// Only empty fields, or fields this script filled, are proposed: a date the user typed is kept. The server
// proposes the same dates when the fields are left empty (lkk.models.usulkan_masa_bakti).
(function () {
  "use strict";
  function akhirMasaBakti(mulai, tahun) {
    var p = mulai.split("-").map(Number);
    if (p.length !== 3 || p.some(isNaN)) return "";
    var y = p[0] + tahun, m = p[1] - 1, d = p[2];
    var tanggal = new Date(Date.UTC(y, m, d));
    if (tanggal.getUTCMonth() !== m) tanggal = new Date(Date.UTC(y, m, 28)); // 29 February in a common year
    tanggal.setUTCDate(tanggal.getUTCDate() - 1);
    return tanggal.toISOString().slice(0, 10);
  }
  function pasang() {
    var jenis = document.getElementById("id_jenis");
    var sk = document.getElementById("id_tanggal_sk");
    var mulai = document.getElementById("id_masa_bakti_mulai");
    var selesai = document.getElementById("id_masa_bakti_selesai");
    if (!jenis || !sk || !mulai || !selesai) return;
    var tahun = {};
    try { tahun = JSON.parse(jenis.getAttribute("data-masa-bakti-tahun") || "{}"); } catch (e) { return; }
    var usulan = { mulai: false, selesai: false };
    function usulkan() {
      if (sk.value && (!mulai.value || usulan.mulai)) {
        mulai.value = sk.value;
        usulan.mulai = true;
      }
      var n = tahun[jenis.value];
      if (mulai.value && n && (!selesai.value || usulan.selesai)) {
        var akhir = akhirMasaBakti(mulai.value, n);
        if (akhir) {
          selesai.value = akhir;
          usulan.selesai = true;
        }
      }
    }
    sk.addEventListener("change", usulkan);
    sk.addEventListener("input", usulkan);
    jenis.addEventListener("change", usulkan);
    mulai.addEventListener("change", function () { usulan.mulai = false; usulkan(); });
    selesai.addEventListener("change", function () { usulan.selesai = false; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", pasang);
  else pasang();
})();
