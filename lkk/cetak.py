"""The printable list of a kelurahan's institutions and their current boards (reportlab)."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from .models import URUTAN_JABATAN
from .services import tanggal_id


def _p(teks, gaya):
    return Paragraph(escape(str(teks or "")), gaya)


def pdf_daftar_lembaga(*, kelurahan, lembaga: list, penanda: dict) -> bytes:
    """``lembaga``: the kelurahan's lembaga with ``pengurus_set`` prefetched (the current board)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.5 * cm, bottomMargin=1.5 * cm,
        title=f"Daftar LKK {kelurahan.nama}", author=f"Kelurahan {kelurahan.nama}",
    )
    gaya = getSampleStyleSheet()
    kop = ParagraphStyle("kop", parent=gaya["Normal"], alignment=1, fontName="Helvetica-Bold", fontSize=13, leading=16)
    kop_kecil = ParagraphStyle("kopk", parent=gaya["Normal"], alignment=1, fontSize=9, leading=11)
    judul = ParagraphStyle("judul", parent=gaya["Normal"], alignment=1, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6)
    biasa = ParagraphStyle("biasa", parent=gaya["Normal"], fontSize=8.5, leading=10.5)
    tebal = ParagraphStyle("tebal", parent=biasa, fontName="Helvetica-Bold")
    ttd = ParagraphStyle("ttd", parent=biasa, alignment=1, fontSize=9.5, leading=12)

    wilayah = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo").upper()
    isi = [
        _p(_("PEMERINTAH %(wilayah)s") % {"wilayah": wilayah}, kop),
        _p(_("KECAMATAN %(nama)s") % {"nama": kelurahan.kecamatan.nama.upper()}, kop),
        _p(f"{kelurahan.get_jenis_display().upper()} {kelurahan.nama.upper()}", kop),
        _p(kelurahan.alamat_kantor or _("Kode wilayah %(kode)s") % {"kode": kelurahan.kode}, kop_kecil),
        Spacer(1, 3),
        HRFlowable(width="100%", thickness=2, color=colors.black, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=8),
        _p(_("DAFTAR LEMBAGA KEMASYARAKATAN KELURAHAN DAN PENGURUSNYA"), judul),
        _p(_("Keadaan pada %(tanggal)s") % {"tanggal": tanggal_id(penanda["tanggal"])}, kop_kecil),
        Spacer(1, 8),
    ]
    data = [[_p(h, tebal) for h in [_("No"), _("Lembaga"), _("SK / Masa bakti"), _("Pengurus yang menjabat")]]]
    for i, lbg in enumerate(lembaga, 1):
        nama = lbg.nama + (f" ({lbg.wilayah_label})" if lbg.wilayah_label else "")
        sk = f"{lbg.nomor_sk or '-'}"
        if lbg.tanggal_sk:
            sk += f", {tanggal_id(lbg.tanggal_sk)}"
        if lbg.masa_bakti_mulai:
            sk += "; " + _("%(mulai)s s.d. %(selesai)s") % {"mulai": tanggal_id(lbg.masa_bakti_mulai), "selesai": tanggal_id(lbg.masa_bakti_selesai)}
        pengurus = sorted(lbg.pengurus_set.all(), key=lambda p: (URUTAN_JABATAN[p.jabatan], p.nama))
        daftar = "<br/>".join(f"{escape(p.jabatan_label)}: {escape(p.nama)}" for p in pengurus) or "-"
        data.append([_p(i, biasa), Paragraph(f"<b>{escape(nama)}</b><br/>{escape(str(lbg.jenis))}", biasa), _p(sk, biasa), Paragraph(daftar, biasa)])
    if len(data) == 1:
        data.append(["", _p(_("Belum ada lembaga tercatat."), biasa), "", ""])
    tabel = Table(data, colWidths=[1 * cm, 5 * cm, 4.5 * cm, 6.5 * cm], repeatRows=1)
    tabel.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    isi.append(tabel)
    isi.append(Spacer(1, 18))

    def blok(label, nama, jabatan, nip):
        baris = [_p(label, ttd), _p(jabatan, ttd), Spacer(1, 42), Paragraph(f"<u><b>{escape(nama)}</b></u>", ttd)]
        if nip:
            baris.append(_p(_("NIP. %(nip)s") % {"nip": nip}, ttd))
        return baris

    kiri = blok(_("Mengetahui,"), penanda["mengetahui_nama"], penanda["mengetahui_jabatan"], penanda.get("mengetahui_nip"))
    kanan = blok(f"{kelurahan.nama}, {tanggal_id(penanda['tanggal'])}", penanda["penanda_tangan_nama"], penanda["penanda_tangan_jabatan"], penanda.get("penanda_tangan_nip"))
    isi.append(KeepTogether(Table([[kiri, kanan]], colWidths=[8.5 * cm, 8.5 * cm])))
    doc.build(isi)
    return buffer.getvalue()
