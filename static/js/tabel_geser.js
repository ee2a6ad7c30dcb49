// A table wider than its box (.table-responsive) scrolls sideways. Such a box is made a named region
// the keyboard can reach (tabindex="0", role="region", aria-label), so arrow keys scroll it and a
// screen reader announces it; a box that fits gets nothing (no useless tab stop). Runs again when
// the window is resized (a phone turned sideways). A box with its own tabindex/label keeps them.
(function () {
  "use strict";
  var AKHIRAN = " (geser ke samping)";

  function namaTabel(kotak) {
    var tabel = kotak.querySelector("table");
    var judul = tabel && tabel.querySelector("caption");
    if (judul && judul.textContent.trim()) return judul.textContent.trim();
    if (tabel && tabel.getAttribute("aria-label")) return tabel.getAttribute("aria-label");
    // the nearest heading above the box, else the page's own
    for (var el = kotak; el && el !== document.body; el = el.parentElement) {
      for (var sebelum = el.previousElementSibling; sebelum; sebelum = sebelum.previousElementSibling) {
        var h = /^H[1-6]$/.test(sebelum.tagName) ? sebelum : sebelum.querySelector("h1, h2, h3, h4, h5, h6");
        if (h && h.textContent.trim()) return h.textContent.trim();
      }
    }
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : "Tabel";
  }

  function tandai() {
    document.querySelectorAll(".table-responsive").forEach(function (kotak) {
      var melebar = kotak.scrollWidth > kotak.clientWidth + 1;
      if (melebar && !kotak.hasAttribute("tabindex")) {
        kotak.setAttribute("tabindex", "0");
        kotak.setAttribute("role", "region");
        if (!kotak.hasAttribute("aria-label")) kotak.setAttribute("aria-label", namaTabel(kotak).replace(/\s+/g, " ") + AKHIRAN);
        kotak.setAttribute("data-tabel-geser", "");
      } else if (!melebar && kotak.hasAttribute("data-tabel-geser")) {
        ["tabindex", "role", "aria-label", "data-tabel-geser"].forEach(function (a) { kotak.removeAttribute(a); });
      }
    });
  }

  var tunda;
  window.addEventListener("resize", function () {
    clearTimeout(tunda);
    tunda = setTimeout(tandai, 100);
  });
  window.addEventListener("load", tandai);  // icon fonts and images can widen a table after parsing
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tandai);
  else tandai();
})();
