"""The certificate of a diklat, laid out in one place: A4 landscape, one page per participant, with a
QR code (segno) of the public verification page and the code printed under it (XXXX-XXXX-XXXX).

The page and the signer block come from ``wilayah.cetak``; the views and the batch task read the
participants through ``for_user`` and pass them here; nothing here decides who sees what.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepInFrame, PageBreak, Spacer, Table, TableStyle

from wilayah.cetak import LEBAR_ISI_A4_LANSKAP, blok_tanda_tangan, dokumen_pdf, gambar_dari_bytes, gaya, paragraf
from wilayah.periode import rentang_tanggal

#: The characters ``pelatihan.models.buat_kode_verifikasi`` draws from (no 0/O, 1/I/L look-alikes).
POLA_KODE = re.compile(r"[2-9A-HJKMNP-Z]{12}")
#: Printed where the signer's name is still to be written by hand.
TITIK = "...................................."
TINGGI_ISI_LANSKAP = landscape(A4)[1] - 3 * cm  # 1.5 cm top and bottom margins
LEBAR_QR = 3.2 * cm
TINGGI_TANDA_TANGAN = 6.3 * cm  # the signer block with the QR code beside it, and the space above


# --------------------------------------------------------------------------- the verification code


def kode_tampil(kode: str) -> str:
    """"ABCDEFGHJKMN" -> "ABCD-EFGH-JKMN", as printed and shown."""
    return "-".join(kode[i:i + 4] for i in range(0, len(kode), 4))


def kode_dari_masukan(teks: str | None) -> str | None:
    """A code as someone typed it (lower case, spaces, dashes) -> the stored form, or None when it
    cannot be a code (checked before any query)."""
    kode = re.sub(r"[\s\-–—.]+", "", str(teks or "")).upper()
    return kode if POLA_KODE.fullmatch(kode) else None


def alamat_verifikasi(kode: str) -> str:
    """The public page that says whether the certificate is genuine: what the QR code holds."""
    return settings.ALAMAT_PORTAL + reverse("pelatihan:sertifikat-verifikasi", args=[kode])


def qr_verifikasi(kode: str) -> segno.QRCode:
    """The QR code of ``alamat_verifikasi(kode)`` (error correction M: a creased paper still scans)."""
    return segno.make(alamat_verifikasi(kode), error="m", boost_error=False)


def qr_png(kode: str, *, skala: int = 4, tepi: int = 2) -> bytes:
    """The QR code as PNG bytes: ``skala`` pixels a module, ``tepi`` modules of quiet zone."""
    buffer = io.BytesIO()
    qr_verifikasi(kode).save(buffer, kind="png", scale=skala, border=tepi)
    return buffer.getvalue()


# --------------------------------------------------------------------------- words


def daftar_kata(bagian: list[str]) -> str:
    """["A", "B", "C"] -> "A, B dan C"."""
    bagian = [b for b in bagian if b]
    if len(bagian) <= 1:
        return "".join(bagian)
    return _("%(awal)s dan %(akhir)s") % {"awal": ", ".join(bagian[:-1]), "akhir": bagian[-1]}


def asal_peserta(peserta) -> str:
    """Position and origin: "Kasi Pemberdayaan Masyarakat, Kelurahan Kebonsari Wetan"."""
    if peserta.kelurahan_id:
        wilayah = f"{peserta.kelurahan.get_jenis_display()} {peserta.kelurahan.nama}"
    else:
        wilayah = _("Kecamatan %(nama)s") % {"nama": peserta.kecamatan.nama}
    return ", ".join(b for b in (peserta.jabatan.strip(), peserta.lembaga_asal.strip() or wilayah) if b)


def penyelenggara_kalimat(diklat) -> str:
    """"yang diselenggarakan oleh BKPSDM bersama DPMD dan Dispopar"."""
    kalimat = _("%(jenis)s yang diselenggarakan oleh %(penyelenggara)s") % {
        "jenis": diklat.get_jenis_display(), "penyelenggara": diklat.penyelenggara.nama,
    }
    lain = [i.nama for i in diklat.penyelenggara_lain.all() if i.pk != diklat.penyelenggara_id]
    if lain:
        kalimat += " " + _("bersama %(lain)s") % {"lain": daftar_kata(lain)}
    return kalimat


def tempat_tanda_tangan() -> str:
    """"Probolinggo" for "Kota Probolinggo": where the certificate is signed."""
    nama = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo")
    for awalan in ("Kota ", "Kabupaten "):
        nama = nama.removeprefix(awalan)
    return nama


# --------------------------------------------------------------------------- the page


@lru_cache(maxsize=1)
def _gaya() -> dict[str, ParagraphStyle]:
    dasar = gaya().biasa
    tengah = {"parent": dasar, "alignment": 1}
    return {
        "judul": ParagraphStyle("sert_judul", **tengah, fontName="Helvetica-Bold", fontSize=34, leading=40, spaceAfter=4),
        "nomor": ParagraphStyle("sert_nomor", **tengah, fontSize=11, leading=14, spaceAfter=18),
        "biasa": ParagraphStyle("sert_biasa", **tengah, fontSize=13, leading=18),
        "nama": ParagraphStyle("sert_nama", **tengah, fontName="Helvetica-Bold", fontSize=26, leading=32, spaceBefore=6, spaceAfter=2),
        "sebagai": ParagraphStyle("sert_sebagai", **tengah, fontSize=13, leading=18, spaceBefore=10),
        "peran": ParagraphStyle("sert_peran", **tengah, fontName="Helvetica-Bold", fontSize=18, leading=22, spaceBefore=2, spaceAfter=8),
        "diklat": ParagraphStyle("sert_diklat", **tengah, fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=4),
        "kode": ParagraphStyle("sert_kode", **tengah, fontName="Courier-Bold", fontSize=10, leading=12),
        "kecil": ParagraphStyle("sert_kecil", **tengah, fontSize=7.5, leading=9),
    }


def _halaman(diklat, peserta) -> list:
    g = _gaya()
    sesi = peserta.sesi
    penanda = {
        "penanda_tangan_nama": diklat.ttd_nama or TITIK,
        "penanda_tangan_jabatan": diklat.ttd_jabatan,
        "penanda_tangan_nip": diklat.ttd_nip,
        "tanggal": sesi.tanggal_selesai,
    }
    qr = Table([[gambar_dari_bytes(qr_png(peserta.kode_verifikasi), lebar=LEBAR_QR, tinggi=LEBAR_QR)]], colWidths=[LEBAR_ISI_A4_LANSKAP / 2])
    qr.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    kiri = [
        qr,
        paragraf(kode_tampil(peserta.kode_verifikasi), g["kode"]),
        paragraf(_("Pindai untuk memeriksa keaslian"), g["kecil"]),
    ]
    isi = [
        Spacer(1, 0.6 * cm),
        paragraf(_("SERTIFIKAT"), g["judul"]),
        paragraf(_("Nomor: %(nomor)s") % {"nomor": peserta.nomor_sertifikat}, g["nomor"]),
        paragraf(_("diberikan kepada"), g["biasa"]),
        paragraf(peserta.nama, g["nama"]),
        paragraf(asal_peserta(peserta), g["biasa"]),
        paragraf(_("sebagai"), g["sebagai"]),
        paragraf(_("PESERTA"), g["peran"]),
        paragraf(diklat.judul, g["diklat"]),
        paragraf(penyelenggara_kalimat(diklat), g["biasa"]),
        paragraf(_("pada %(tanggal)s di %(tempat)s.") % {"tanggal": rentang_tanggal(sesi.tanggal_mulai, sesi.tanggal_selesai), "tempat": sesi.tempat}, g["biasa"]),
    ]
    # The text shrinks to fit (a long title) above the signer block, so a certificate is one page.
    return [
        KeepInFrame(LEBAR_ISI_A4_LANSKAP, TINGGI_ISI_LANSKAP - TINGGI_TANDA_TANGAN, isi, mode="shrink"),
        Spacer(1, 0.8 * cm),
        blok_tanda_tangan(penanda, tempat=tempat_tanda_tangan(), lebar=LEBAR_ISI_A4_LANSKAP, kiri=kiri),
    ]


def sertifikat_pdf(diklat, peserta_list, *, setiap_halaman=None) -> bytes:
    """The certificates of ``peserta_list`` (issued participants of ``diklat``, with ``sesi``,
    ``kecamatan`` and ``kelurahan`` at hand) as one PDF, one landscape page each.
    ``setiap_halaman(n)``: called as each page is finished (the batch job's progress)."""
    alur = []
    for i, peserta in enumerate(peserta_list):
        if i:
            alur.append(PageBreak())
        alur += _halaman(diklat, peserta)
    judul = _("Sertifikat %(judul)s") % {"judul": diklat.judul}
    return dokumen_pdf(judul=judul, penulis=diklat.penyelenggara.nama, isi=alur, pagesize=landscape(A4), setiap_halaman=setiap_halaman)
