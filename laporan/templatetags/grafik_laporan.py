"""Trend charts drawn on the server as inline SVG (no script, no internet): the report pages, the
mayor's page and the dashboard.

    {% load grafik_laporan %}
    {% grafik_tren seri indikator %}          a bar chart with the first and last value written out
    {% grafik_tren seri indikator kecil=True %}  a sparkline for a table cell

``seri`` is what ``IsiLaporan.seri(app, kode)`` gives: ``[(short label, value or None), ...]``;
``indikator`` (a ``wilayah.ringkasan.Indikator``, optional) formats the values. Every chart carries
its values as text (``<title>`` and ``aria-label``), so it is not read by its shape alone.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wilayah.tampilan import angka

register = template.Library()


def _tampil(indikator, nilai) -> str:
    if nilai is None:
        return "–"
    return indikator.tampil(nilai) if indikator is not None else angka(nilai)


def teks_seri(seri, indikator=None) -> str:
    """The series as a sentence: "Jun 25: 4; Jul 25: 5; ..." (months without a report left out)."""
    bagian = [f"{label}: {_tampil(indikator, nilai)}" for label, nilai in seri if nilai is not None]
    return "; ".join(bagian) if bagian else _("Belum ada data")


def svg_tren(seri, indikator=None, *, kecil: bool = False, judul: str = "") -> str:
    seri = list(seri or [])
    nilai = [v for _l, v in seri if v is not None]
    teks = (f"{judul}: " if judul else "") + teks_seri(seri, indikator)
    if kecil:
        lebar, tinggi, kiri, bawah, atas = 96, 24, 2, 2, 2
    else:
        lebar, tinggi, kiri, bawah, atas = 360, 120, 4, 18, 16
    if not seri:
        return ""
    maks = max(nilai, default=0) or 1
    minimal = min(0, min(nilai, default=0))
    rentang = (maks - minimal) or 1
    lebar_isi = lebar - 2 * kiri
    tinggi_isi = tinggi - bawah - atas
    langkah = lebar_isi / len(seri)

    def y(v):
        return atas + tinggi_isi - (v - minimal) / rentang * tinggi_isi

    bagian = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik-tren{" grafik-kecil" if kecil else ""}" '
        f'viewBox="0 0 {lebar} {tinggi}" width="{lebar}" height="{tinggi}" role="img" aria-label="{escape(teks)}">',
        f"<title>{escape(teks)}</title>",
    ]
    titik = []
    for i, (label, v) in enumerate(seri):
        x = kiri + langkah * i + langkah / 2
        if v is None:
            continue
        titik.append(f"{x:.1f},{y(v):.1f}")
        if not kecil:
            lebar_batang = max(langkah * 0.6, 1)
            tinggi_batang = max(atas + tinggi_isi - y(v), 0.5)
            bagian.append(
                f'<rect x="{x - lebar_batang / 2:.1f}" y="{y(v):.1f}" width="{lebar_batang:.1f}" height="{tinggi_batang:.1f}" '
                f'class="batang"><title>{escape(label)}: {escape(_tampil(indikator, v))}</title></rect>'
            )
    if len(titik) > 1:
        bagian.append(f'<polyline points="{" ".join(titik)}" class="garis" fill="none"/>')
    elif titik and kecil:
        x, yy = titik[0].split(",")
        bagian.append(f'<circle cx="{x}" cy="{yy}" r="2" class="titik"/>')
    if not kecil:
        # the first and last month under the axis; the last value above its bar
        bagian.append(f'<text x="{kiri}" y="{tinggi - 4}" class="label">{escape(seri[0][0])}</text>')
        bagian.append(f'<text x="{lebar - kiri}" y="{tinggi - 4}" class="label" text-anchor="end">{escape(seri[-1][0])}</text>')
        terakhir = next(((i, v) for i, (_l, v) in reversed(list(enumerate(seri))) if v is not None), None)
        if terakhir is not None:
            i, v = terakhir
            x = min(kiri + langkah * i + langkah / 2, lebar - kiri)
            bagian.append(f'<text x="{x:.1f}" y="{max(y(v) - 3, 11):.1f}" class="nilai-akhir" text-anchor="end">{escape(_tampil(indikator, v))}</text>')
    bagian.append("</svg>")
    return "".join(bagian)


@register.simple_tag
def grafik_tren(seri, indikator=None, kecil=False, judul=""):
    return mark_safe(svg_tren(seri, indikator, kecil=bool(kecil), judul=str(judul or "")))


@register.filter
def tampil_nilai(indikator, nilai) -> str:
    """``{{ indikator|tampil_nilai:nilai }}``: a value as users read it ("25,0%", "Rp 1.250.000")."""
    return _tampil(indikator, nilai)


@register.filter
def persen_dari(bagian, keseluruhan) -> float:
    """``{{ aktual|persen_dari:diharapkan }}``: the share in percent (0 when there is nothing to divide by)."""
    try:
        return round(100 * float(bagian or 0) / float(keseluruhan), 1) if keseluruhan else 0.0
    except (TypeError, ValueError):
        return 0.0
