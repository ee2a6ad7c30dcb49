// Celery beat's periodic-task admin form: shows the chosen crontab in words under the field.
// (django-celery-beat ships this as an inline script, which the Content Security Policy refuses.)
"use strict";
(function () {
  function siapkan() {
    var data = document.getElementById("readable-crontabs");
    var pilihan = document.getElementById("id_crontab");
    var bantuan = document.querySelector(".field-crontab .help");
    var terjemahan = document.querySelector(".field-crontab_translation");
    if (terjemahan) { terjemahan.hidden = true; }
    if (!data || !pilihan || !bantuan) { return; }
    var kalimat = JSON.parse(data.textContent);
    var asli = bantuan.textContent;
    pilihan.addEventListener("change", function () {
      bantuan.textContent = asli;
      var arti = kalimat[pilihan.value];
      if (arti) {
        bantuan.appendChild(document.createElement("br"));
        bantuan.appendChild(document.createTextNode("Terjemahan: " + arti));
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", siapkan); } else { siapkan(); }
})();
