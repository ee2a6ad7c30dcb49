"""Printing for every programme (reportlab): the letterhead, the signature block and an A4 document.

    from wilayah.cetak import blok_tanda_tangan, dokumen_pdf, gaya, kop_surat, paragraf

    pdf = dokumen_pdf(
        judul="Berita acara ...", penulis="Kelurahan Ketapang",
        kop=kop_surat(kelurahan=kelurahan),
        isi=[paragraf("BERITA ACARA", gaya().judul), tabel],
        tanda_tangan=blok_tanda_tangan(penanda, tempat=kelurahan.nama),
    )

``penanda`` is the cleaned data of ``wilayah.forms.PenandaTanganForm`` (who signs, who
acknowledges, the date), or any dict with the same keys: ``penanda_tangan_nama``,
``penanda_tangan_jabatan``, ``penanda_tangan_nip`` and, optionally, ``mengetahui_nama``,
``mengetahui_jabatan``, ``mengetahui_nip``, and ``tanggal``.

A landscape page: ``dokumen_pdf(..., pagesize=landscape(A4))``, content ``LEBAR_ISI_A4_LANSKAP`` wide;
a page per person: ``PageBreak()`` between them and ``setiap_halaman`` to count the pages drawn.
An image made in memory (a QR code's PNG): ``gambar_dari_bytes(png, lebar=3 * cm)``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, HRFlowable, Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from .periode import tanggal_id

LEBAR_ISI_A4 = A4[0] - 4 * cm  # the text width with the default 2 cm side margins
LEBAR_ISI_A4_LANSKAP = landscape(A4)[0] - 4 * cm  # the same on a landscape page


@dataclass(frozen=True)
class Gaya:
    kop: ParagraphStyle
    kop_kecil: ParagraphStyle
    judul: ParagraphStyle
    biasa: ParagraphStyle
    tebal: ParagraphStyle
    ttd: ParagraphStyle


@lru_cache(maxsize=1)
def gaya() -> Gaya:
    """The paragraph styles shared by every printed document."""
    dasar = getSampleStyleSheet()["Normal"]
    biasa = ParagraphStyle("biasa", parent=dasar, fontSize=8.5, leading=10.5)
    return Gaya(
        kop=ParagraphStyle("kop", parent=dasar, alignment=1, fontName="Helvetica-Bold", fontSize=13, leading=16),
        kop_kecil=ParagraphStyle("kopk", parent=dasar, alignment=1, fontSize=9, leading=11),
        judul=ParagraphStyle("judul", parent=dasar, alignment=1, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6),
        biasa=biasa,
        tebal=ParagraphStyle("tebal", parent=biasa, fontName="Helvetica-Bold"),
        ttd=ParagraphStyle("ttd", parent=biasa, alignment=1, fontSize=9.5, leading=12),
    )


def paragraf(teks, gaya_paragraf: ParagraphStyle) -> Paragraph:
    """Plain text as a paragraph (escaped: a name with ``&`` or ``<`` prints as written)."""
    return Paragraph(escape(str(teks if teks is not None else "")), gaya_paragraf)


def kop_surat(*, kelurahan=None, kecamatan=None, instansi: str | None = None, alamat: str | None = None) -> list[Flowable]:
    """The letterhead: PEMERINTAH <region>, then the kecamatan and kelurahan (or ``instansi``, e.g.
    a city office), the address, and the double rule.

    ``kelurahan`` implies its kecamatan. The address is ``alamat``, else the kelurahan office's,
    else the region code."""
    g = gaya()
    if kelurahan is not None and kecamatan is None:
        kecamatan = kelurahan.kecamatan
    wilayah = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo").upper()
    baris = [paragraf(_("PEMERINTAH %(wilayah)s") % {"wilayah": wilayah}, g.kop)]
    if instansi:
        baris.append(paragraf(instansi.upper(), g.kop))
    if kecamatan is not None:
        baris.append(paragraf(_("KECAMATAN %(nama)s") % {"nama": kecamatan.nama.upper()}, g.kop))
    if kelurahan is not None:
        baris.append(paragraf(f"{kelurahan.get_jenis_display().upper()} {kelurahan.nama.upper()}", g.kop))
    wilayah_terkecil = kelurahan if kelurahan is not None else kecamatan
    if not alamat and kelurahan is not None:
        alamat = kelurahan.alamat_kantor
    if not alamat and wilayah_terkecil is not None:
        alamat = _("Kode wilayah %(kode)s") % {"kode": wilayah_terkecil.kode}
    if alamat:
        baris.append(paragraf(alamat, g.kop_kecil))
    return baris + [
        Spacer(1, 3),
        HRFlowable(width="100%", thickness=2, color=colors.black, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=8),
    ]


def _blok(label: str, nama: str, jabatan: str, nip: str | None) -> list[Flowable]:
    g = gaya()
    baris = [paragraf(label, g.ttd), paragraf(jabatan, g.ttd), Spacer(1, 42), Paragraph(f"<u><b>{escape(nama or '')}</b></u>", g.ttd)]
    if nip:
        baris.append(paragraf(_("NIP. %(nip)s") % {"nip": nip}, g.ttd))
    return baris


def blok_tanda_tangan(penanda: dict, *, tempat: str, lebar: float = LEBAR_ISI_A4, kiri: list[Flowable] | None = None) -> Flowable:
    """The signature block: "Mengetahui," with the acknowledger on the left (when one is given),
    "<tempat>, <tanggal>" with the signer on the right; names underlined, NIP below when given.
    ``kiri``: what stands on the left instead when nobody acknowledges (a certificate's QR code)."""
    kanan = _blok(
        f"{tempat}, {tanggal_id(penanda.get('tanggal'))}",
        penanda["penanda_tangan_nama"], penanda.get("penanda_tangan_jabatan", ""), penanda.get("penanda_tangan_nip"),
    )
    kiri = kiri or ""
    if penanda.get("mengetahui_nama"):
        kiri = _blok(_("Mengetahui,"), penanda["mengetahui_nama"], penanda.get("mengetahui_jabatan", ""), penanda.get("mengetahui_nip"))
    return KeepTogether(Table([[kiri, kanan]], colWidths=[lebar / 2, lebar / 2]))


def gambar_dari_bytes(data: bytes, *, lebar: float, tinggi: float | None = None) -> Image:
    """An image made in memory (PNG or JPEG bytes: a QR code, a chart) as a flowable ``lebar`` wide
    (``tinggi`` high; by default keeping the image's proportions)."""
    sumber = io.BytesIO(data)
    if tinggi is None:
        w, h = ImageReader(io.BytesIO(data)).getSize()
        tinggi = lebar * h / w
    return Image(sumber, width=lebar, height=tinggi)


class _Dokumen(SimpleDocTemplate):
    setiap_halaman = None

    def afterPage(self):
        if self.setiap_halaman is not None:
            self.setiap_halaman(self.page)


def dokumen_pdf(*, judul: str, isi: list[Flowable], kop: list[Flowable] | None = None, tanda_tangan: Flowable | None = None,
                penulis: str = "", pagesize=A4, setiap_halaman=None) -> bytes:
    """An A4 document (2 cm side margins): the letterhead, the content, then the signature block.
    ``setiap_halaman(n)`` is called as each page is finished (n: pages drawn so far), for progress."""
    buffer = io.BytesIO()
    doc = _Dokumen(
        buffer, pagesize=pagesize, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.5 * cm, bottomMargin=1.5 * cm,
        title=judul, author=penulis,
    )
    alur = list(kop or []) + list(isi)
    if tanda_tangan is not None:
        alur += [Spacer(1, 18), tanda_tangan]
    doc.setiap_halaman = setiap_halaman
    doc.build(alur)
    return buffer.getvalue()
