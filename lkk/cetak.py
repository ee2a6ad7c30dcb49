"""The printable list of a kelurahan's institutions and their current boards (reportlab).

The letterhead, the signature block and the page come from ``wilayah.cetak``; this module only
lays out the table."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _, pgettext
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from wilayah.cetak import blok_tanda_tangan, dokumen_pdf, gaya, kop_surat, paragraf
from wilayah.periode import tanggal_id

from .models import URUTAN_JABATAN


def pdf_daftar_lembaga(*, kelurahan, lembaga: list, penanda: dict) -> bytes:
    """``lembaga``: the kelurahan's lembaga with ``pengurus_set`` prefetched (the current board).
    ``penanda``: the cleaned data of ``wilayah.forms.PenandaTanganForm``."""
    g = gaya()
    isi = [
        paragraf(_("DAFTAR LEMBAGA KEMASYARAKATAN KELURAHAN DAN PENGURUSNYA"), g.judul),
        paragraf(_("Keadaan pada %(tanggal)s") % {"tanggal": tanggal_id(penanda["tanggal"])}, g.kop_kecil),
        Spacer(1, 8),
    ]
    data = [[paragraf(h, g.tebal) for h in [pgettext("nomor urut", "No."), _("Lembaga"), _("SK / Masa bakti"), _("Pengurus yang menjabat")]]]
    for i, lbg in enumerate(lembaga, 1):
        nama = lbg.nama_berwilayah
        sk = f"{lbg.nomor_sk or '-'}"
        if lbg.tanggal_sk:
            sk += f", {tanggal_id(lbg.tanggal_sk)}"
        if lbg.masa_bakti_mulai:
            sk += "; " + _("%(mulai)s s.d. %(selesai)s") % {"mulai": tanggal_id(lbg.masa_bakti_mulai), "selesai": tanggal_id(lbg.masa_bakti_selesai)}
        pengurus = sorted(lbg.pengurus_set.all(), key=lambda p: (URUTAN_JABATAN[p.jabatan], p.nama))
        daftar = "<br/>".join(f"{escape(p.jabatan_label)}: {escape(p.nama)}" for p in pengurus) or "-"
        data.append([paragraf(i, g.biasa), Paragraph(f"<b>{escape(nama)}</b><br/>{escape(str(lbg.jenis))}", g.biasa), paragraf(sk, g.biasa), Paragraph(daftar, g.biasa)])
    if len(data) == 1:
        data.append(["", paragraf(_("Belum ada lembaga tercatat."), g.biasa), "", ""])
    # "No." in bold fits 1.2 cm with the cell padding; the numbers (up to 3 digits) too.
    tabel = Table(data, colWidths=[1.2 * cm, 5 * cm, 4.5 * cm, 6.3 * cm], repeatRows=1)
    tabel.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    isi.append(tabel)
    return dokumen_pdf(
        judul=f"Daftar LKK {kelurahan.nama}", penulis=f"Kelurahan {kelurahan.nama}",
        kop=kop_surat(kelurahan=kelurahan), isi=isi, tanda_tangan=blok_tanda_tangan(penanda, tempat=kelurahan.nama),
    )
