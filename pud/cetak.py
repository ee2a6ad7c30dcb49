"""The PUD programme's printed files, laid out in one place: the FGD berita acara (PDF, from the data
entered, ready to print and sign) and the annex of the mayor's decree (PDF and xlsx).

The letterhead, the signer block and the page come from ``wilayah.cetak``; the spreadsheet is a
``wilayah.templat.LembarEkspor`` (every cell neutralised when written). The views read the rows
through ``for_user`` and pass them here; nothing here decides who sees what.

Orders: participants by role (camat, lurah, kasi Pemmas, LPM, UMKM, ...: ``PeranPeserta``'s order);
categories as Perwali 39/2019 lists them (Agro, Kerajinan, Budaya: ``KategoriPUD``'s order, which is
not the alphabet); the annex by kecamatan, then kelurahan (Kemendagri codes), then category.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from wilayah.cetak import LEBAR_ISI_A4_LANSKAP, blok_tanda_tangan, dokumen_pdf, gaya, kop_surat, paragraf
from wilayah.periode import hari_tanggal_terbilang, tanggal_id
from wilayah.tampilan import angka
from wilayah.templat import ANGKA, Kolom, LembarEkspor

from .models import KategoriPUD, PeranPeserta, skor_maksimum

#: Perwali 39/2019's order of the three kinds (the stored values sort differently).
URUTAN_KATEGORI: tuple[str, ...] = tuple(KategoriPUD.values)
#: The berita acara lists who was present in this order (camat first).
URUTAN_PERAN: tuple[str, ...] = tuple(PeranPeserta.values)
#: Printed where a value is still to be written by hand.
TITIK = "...................................."
#: The rows of the signature table when no participant is recorded yet (the roles an FGD invites).
PERAN_DIUNDANG = (PeranPeserta.CAMAT, PeranPeserta.LURAH, PeranPeserta.KASI_PEMMAS, PeranPeserta.LPM, PeranPeserta.UMKM, PeranPeserta.UMKM)

GARIS_TABEL = [
    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]


def urutan_kategori(field: str = "kategori") -> Case:
    """An ordering expression: Agro, Kerajinan, Budaya."""
    return Case(*(When(**{field: k}, then=Value(i)) for i, k in enumerate(URUTAN_KATEGORI)), default=Value(len(URUTAN_KATEGORI)), output_field=IntegerField())


def _tabel(data, lebar, *, gaya_tambahan=(), ulang_judul=True) -> Table:
    tabel = Table(data, colWidths=lebar, repeatRows=1 if ulang_judul else 0)
    tabel.setStyle(TableStyle(GARIS_TABEL + list(gaya_tambahan)))
    return tabel


def _judul_tabel(*judul) -> list[Paragraph]:
    g = gaya()
    return [paragraf(j, g.tebal) for j in judul]


# --------------------------------------------------------------------------- the berita acara


def _nama_wilayah(kelurahan) -> str:
    """"Kelurahan Kebonsari Wetan" (or "Desa ..." where the region tree says so)."""
    return f"{kelurahan.get_jenis_display()} {kelurahan.nama}"


def judul_berita_acara(pengajuan) -> str:
    return _("BERITA ACARA FOCUS GROUP DISCUSSION (FGD) PENENTUAN PRODUK UNGGULAN DAERAH (PUD) %(wilayah)s TAHUN %(tahun)s") % {
        "wilayah": _nama_wilayah(pengajuan.kelurahan).upper(), "tahun": pengajuan.siklus.tahun,
    }  # fmt: skip


def _pembuka(pengajuan) -> str:
    kelurahan = pengajuan.kelurahan
    acara = _("Focus Group Discussion (FGD) Penentuan Produk Unggulan Daerah (PUD) %(wilayah)s Kecamatan %(kecamatan)s Tahun %(tahun)s") % {
        "wilayah": _nama_wilayah(kelurahan), "kecamatan": kelurahan.kecamatan.nama, "tahun": pengajuan.siklus.tahun,
    }  # fmt: skip
    tempat = pengajuan.tempat_fgd or TITIK
    if pengajuan.tanggal_fgd:
        hari = f"{hari_tanggal_terbilang(pengajuan.tanggal_fgd)} ({tanggal_id(pengajuan.tanggal_fgd)})"
        return _("Pada hari ini, %(hari)s, bertempat di %(tempat)s, telah dilaksanakan %(acara)s, yang dihadiri oleh:") % {
            "hari": hari, "tempat": tempat, "acara": acara,
        }  # fmt: skip
    return _("Pada hari ini, ........ tanggal ........ bulan ................ tahun ................, bertempat di %(tempat)s, "
             "telah dilaksanakan %(acara)s, yang dihadiri oleh:") % {"tempat": tempat, "acara": acara}  # fmt: skip


def _peserta_urut(pengajuan) -> list:
    return sorted(pengajuan.peserta_set.all(), key=lambda p: (URUTAN_PERAN.index(p.peran), p.pk))


def _usulan_bernilai(pengajuan) -> list:
    """The pengajuan's nominations with their UMKM and weighted ``total`` (``Usulan.objects.dengan_skor``), main first."""
    return list(
        pengajuan.usulan_set.select_related("umkm")
        .dengan_skor()
        .order_by(urutan_kategori(), "-utama", "pk")
    )


def _tabel_peserta(peserta: list) -> Table:
    g = gaya()
    data = [_judul_tabel(pgettext("nomor urut", "No."), _("Nama"), _("Peran"), _("Jabatan/instansi"))]
    for i, p in enumerate(peserta, 1):
        data.append([paragraf(i, g.biasa), paragraf(p.nama, g.biasa), paragraf(p.get_peran_display(), g.biasa), paragraf(p.jabatan or "-", g.biasa)])
    if not peserta:
        data.append(["", paragraf(_("Belum ada peserta tercatat."), g.biasa), "", ""])
    return _tabel(data, [1 * cm, 5.5 * cm, 4.5 * cm, 6 * cm])


def _bagian_kategori(nomor: int, kategori, usulan: list, kosong) -> list:
    g = gaya()
    isi = [paragraf(f"{nomor}. " + _("Kategori %(kategori)s") % {"kategori": kategori.label}, g.tebal), Spacer(1, 3)]
    if usulan:
        data = [_judul_tabel(pgettext("nomor urut", "No."), _("Usulan"), _("Nama UMKM"), _("Pemilik"), _("Produk"), _("Nilai"))]
        for i, u in enumerate(usulan, 1):
            nilai = angka(u.total) if u.total is not None else "-"
            data.append([
                paragraf(i, g.biasa), paragraf(u.jenis_label, g.tebal if u.utama else g.biasa), paragraf(u.umkm.nama_usaha, g.biasa),
                paragraf(u.umkm.pemilik_nama, g.biasa), paragraf(u.produk, g.biasa), paragraf(nilai, g.biasa),
            ])  # fmt: skip
        isi.append(_tabel(data, [1 * cm, 2.2 * cm, 4.2 * cm, 3.6 * cm, 4.4 * cm, 1.6 * cm]))
    if kosong is not None:
        isi.append(paragraf(_("Tidak ada usulan di kategori ini. Alasan: %(alasan)s") % {"alasan": kosong.alasan}, g.biasa))
    if not usulan and kosong is None:
        isi.append(paragraf(_("Belum ada usulan."), g.biasa))
    return [KeepTogether(isi), Spacer(1, 6)]


def _jabatan_peserta(peserta) -> str:
    """"Perwakilan UMKM, Keripik Bu Siti"; a position that already names the role alone ("Camat Kanigaran")."""
    peran = peserta.get_peran_display()
    if not peserta.jabatan:
        return peran
    return peserta.jabatan if peserta.jabatan.casefold().startswith(peran.casefold()) else f"{peran}, {peserta.jabatan}"


def _tabel_tanda_tangan(peserta: list) -> Table:
    """Name, role and a blank space per participant; the numbers alternate left and right, as an
    attendance list does, so neighbours do not sign over each other."""
    g = gaya()
    kiri = ParagraphStyle("ttd_kiri", parent=g.biasa)
    kanan = ParagraphStyle("ttd_kanan", parent=g.biasa, leftIndent=2.2 * cm)
    baris = [(p.nama, _jabatan_peserta(p)) for p in peserta]
    if not baris:
        baris = [("", PeranPeserta(peran).label) for peran in PERAN_DIUNDANG]
    data = [_judul_tabel(pgettext("nomor urut", "No."), _("Nama"), _("Peran/jabatan"), _("Tanda tangan"))]
    for i, (nama, peran) in enumerate(baris, 1):
        data.append([paragraf(i, g.biasa), paragraf(nama, g.biasa), paragraf(peran, g.biasa), paragraf(f"{i}. ..................", kiri if i % 2 else kanan)])
    tabel = Table(data, colWidths=[1 * cm, 5.5 * cm, 5.5 * cm, 5 * cm], rowHeights=[None] + [1.1 * cm] * len(baris), repeatRows=1)
    tabel.setStyle(TableStyle(GARIS_TABEL + [("VALIGN", (0, 1), (-1, -1), "MIDDLE")]))
    return tabel


def _penanda(pengajuan, peserta: list) -> dict:
    """The lurah signs, the camat acknowledges: the participants of those roles, else a blank line."""
    per_peran = {}
    for p in peserta:
        per_peran.setdefault(p.peran, p)
    lurah, camat = per_peran.get(PeranPeserta.LURAH), per_peran.get(PeranPeserta.CAMAT)
    kelurahan = pengajuan.kelurahan
    return {
        "penanda_tangan_nama": lurah.nama if lurah else TITIK,
        "penanda_tangan_jabatan": f"{PeranPeserta.LURAH.label} {kelurahan.nama}",
        "mengetahui_nama": camat.nama if camat else TITIK,
        "mengetahui_jabatan": f"{PeranPeserta.CAMAT.label} {kelurahan.kecamatan.nama}",
        "tanggal": pengajuan.tanggal_fgd,
    }


def pdf_berita_acara(pengajuan) -> bytes:
    """The FGD's berita acara of ``pengajuan`` (read through ``for_user``, with ``siklus`` and
    ``kelurahan__kecamatan``): who was present, the nominations per category (main first, then the
    alternatives, with UMKM, owner, product and weighted score), the categories declared empty with
    their reason, and the signature table; the lurah signs, the camat acknowledges."""
    g = gaya()
    kelurahan = pengajuan.kelurahan
    peserta = _peserta_urut(pengajuan)
    usulan = _usulan_bernilai(pengajuan)
    kosong = {k.kategori: k for k in pengajuan.kategori_kosong_set.all()}
    maks = skor_maksimum(pengajuan.siklus_id)

    isi = [
        paragraf(judul_berita_acara(pengajuan), g.judul),
        paragraf(_("Nomor: %(nomor)s") % {"nomor": pengajuan.nomor_berita_acara or TITIK}, g.kop_kecil),
        Spacer(1, 10),
        paragraf(_pembuka(pengajuan), g.biasa),
        Spacer(1, 6),
        paragraf(_("A. Peserta yang hadir"), g.tebal),
        Spacer(1, 3),
        _tabel_peserta(peserta),
        Spacer(1, 8),
        paragraf(_("B. Hasil penentuan"), g.tebal),
        paragraf(
            _("Peserta FGD menyepakati Produk Unggulan Daerah %(wilayah)s sebagai berikut: satu usulan utama untuk setiap "
              "kategori; usulan lain dicatat sebagai alternatif untuk pertimbangan pengembangan UMKM berikutnya.") % {"wilayah": _nama_wilayah(kelurahan)},
            g.biasa,
        ),  # fmt: skip
        Spacer(1, 4),
    ]
    for nomor, kategori in enumerate(KategoriPUD, 1):
        isi += _bagian_kategori(nomor, kategori, [u for u in usulan if u.kategori == kategori], kosong.get(kategori))
    if maks:
        isi.append(paragraf(
            _("Nilai: jumlah bobot × skor (1–5) pada kriteria putaran ini; nilai tertinggi yang mungkin %(maks)s.") % {"maks": angka(maks)},
            g.biasa,
        ))  # fmt: skip
    isi += [
        Spacer(1, 6),
        paragraf(_("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."), g.biasa),
        Spacer(1, 8),
        paragraf(_("C. Tanda tangan peserta"), g.tebal),
        Spacer(1, 3),
        _tabel_tanda_tangan(peserta),
    ]
    return dokumen_pdf(
        judul=judul_berita_acara(pengajuan), penulis=_nama_wilayah(kelurahan), kop=kop_surat(kelurahan=kelurahan), isi=isi,
        tanda_tangan=blok_tanda_tangan(_penanda(pengajuan, peserta), tempat=kelurahan.nama),
    )  # fmt: skip


def nama_berkas_berita_acara(pengajuan) -> str:
    return f"berita-acara-pud-{pengajuan.kelurahan.kode}-{pengajuan.siklus.tahun}.pdf"


# --------------------------------------------------------------------------- the decree annex


def usulan_lampiran(usulan):
    """``usulan`` (the determined PUD the user may see, of one round) in the decree's order, with
    what the annex prints: kecamatan, then kelurahan by Kemendagri code, then Agro, Kerajinan, Budaya."""
    return usulan.select_related("umkm", "pengajuan__kelurahan__kecamatan").order_by(
        "pengajuan__kelurahan__kecamatan__kode", "pengajuan__kelurahan__kode", urutan_kategori(), "pk"
    )


def keputusan_bersama(usulan: list) -> tuple[str, object] | None:
    """The decree's number and date when every row shares one; else None (the annex leaves a blank)."""
    keputusan = {(u.pengajuan.nomor_keputusan, u.pengajuan.tanggal_keputusan) for u in usulan}
    return keputusan.pop() if len(keputusan) == 1 else None


@dataclass(frozen=True)
class KelompokKecamatan:
    kecamatan: object
    usulan: list

    @property
    def jumlah_kelurahan(self) -> int:
        return len({u.pengajuan.kelurahan_id for u in self.usulan})

    @property
    def teks_jumlah(self) -> str:
        return _("Jumlah Kecamatan %(kecamatan)s: %(produk)s produk unggulan dari %(kelurahan)s kelurahan") % {
            "kecamatan": self.kecamatan.nama, "produk": len(self.usulan), "kelurahan": self.jumlah_kelurahan,
        }  # fmt: skip


def per_kecamatan(usulan: list) -> list[KelompokKecamatan]:
    """The ordered rows grouped by kecamatan (consecutive: ``usulan_lampiran`` orders by it first)."""
    return [KelompokKecamatan(kec, list(rows)) for kec, rows in groupby(usulan, key=lambda u: u.pengajuan.kelurahan.kecamatan)]


def _wali_kota() -> str:
    """"WALI KOTA PROBOLINGGO" from ``NAMA_WILAYAH`` ("Kota Probolinggo")."""
    nama = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo")
    return _("WALI KOTA %(kota)s") % {"kota": nama.removeprefix("Kota ").upper()}


def judul_lampiran() -> str:
    return _("LAMPIRAN KEPUTUSAN %(wali_kota)s") % {"wali_kota": _wali_kota()}


def tentang_lampiran() -> str:
    return _("PRODUK UNGGULAN DAERAH KELURAHAN DAN KECAMATAN")


def _kepala_lampiran(siklus, keputusan) -> list:
    g = gaya()
    kiri = ParagraphStyle("lampiran", parent=g.biasa, fontSize=9.5, leading=12)
    nomor, tanggal = keputusan if keputusan else (TITIK, None)
    baris = [
        [paragraf(judul_lampiran(), kiri), ""],
        [paragraf(_("NOMOR"), kiri), paragraf(f": {nomor}", kiri)],
        [paragraf(_("TANGGAL"), kiri), paragraf(f": {tanggal_id(tanggal) if tanggal else TITIK}", kiri)],
        [paragraf(_("TENTANG"), kiri), paragraf(f": {tentang_lampiran()}", kiri)],
    ]
    blok = Table(baris, colWidths=[2.2 * cm, 9 * cm], hAlign="RIGHT")
    blok.setStyle(TableStyle([("SPAN", (0, 0), (1, 0)), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    wilayah = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo").upper()
    return [
        blok,
        Spacer(1, 12),
        paragraf(_("%(tentang)s DI %(wilayah)s TAHUN %(tahun)s") % {"tentang": tentang_lampiran(), "wilayah": wilayah, "tahun": siklus.tahun}, g.judul),
        Spacer(1, 8),
    ]


KOLOM_LEBAR_PDF = [1 * cm, 3 * cm, 3.4 * cm, 2.2 * cm, 4.6 * cm, 4.2 * cm, 3.6 * cm, LEBAR_ISI_A4_LANSKAP - 22 * cm]


def pdf_lampiran(*, siklus, usulan: list) -> bytes:
    """The decree's annex: ``usulan`` as ``usulan_lampiran`` gives them, one table per kecamatan
    (its heading, its rows, its subtotal), numbered through; the decree number and date when every
    row shares one; the mayor's signature space."""
    g = gaya()
    keputusan = keputusan_bersama(usulan)
    isi = _kepala_lampiran(siklus, keputusan)
    judul = _judul_tabel(pgettext("nomor urut", "No."), _("Kecamatan"), _("Kelurahan"), _("Kategori"), _("Produk"), _("Nama UMKM"), _("Pemilik"), _("Alamat"))
    nomor = 0
    for kelompok in per_kecamatan(usulan):
        data = [judul, [paragraf(_("KECAMATAN %(nama)s") % {"nama": kelompok.kecamatan.nama.upper()}, g.tebal)] + [""] * 7]
        for u in kelompok.usulan:
            nomor += 1
            data.append([
                paragraf(nomor, g.biasa), paragraf(kelompok.kecamatan.nama, g.biasa), paragraf(u.pengajuan.kelurahan.nama, g.biasa),
                paragraf(u.get_kategori_display(), g.biasa), paragraf(u.produk, g.biasa), paragraf(u.umkm.nama_usaha, g.biasa),
                paragraf(u.umkm.pemilik_nama, g.biasa), paragraf(u.umkm.alamat, g.biasa),
            ])  # fmt: skip
        data.append([paragraf(kelompok.teks_jumlah, g.tebal)] + [""] * 7)
        akhir = len(data) - 1
        isi += [
            _tabel(data, KOLOM_LEBAR_PDF, gaya_tambahan=[
                ("SPAN", (0, 1), (-1, 1)), ("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#f8f9fa")),
                ("SPAN", (0, akhir), (-1, akhir)), ("BACKGROUND", (0, akhir), (-1, akhir), colors.HexColor("#f8f9fa")),
            ]),
            Spacer(1, 8),
        ]  # fmt: skip
    if not usulan:
        isi.append(paragraf(_("Belum ada Produk Unggulan Daerah yang ditetapkan pada putaran ini."), g.biasa))
    else:
        isi.append(paragraf(_("Jumlah seluruhnya: %(produk)s produk unggulan dari %(kelurahan)s kelurahan.") % {
            "produk": len(usulan), "kelurahan": len({u.pengajuan.kelurahan_id for u in usulan}),
        }, g.tebal))  # fmt: skip
    penanda = {"penanda_tangan_nama": TITIK, "penanda_tangan_jabatan": _wali_kota() + ",", "tanggal": keputusan[1] if keputusan else None}
    tempat = getattr(settings, "NAMA_WILAYAH", "Kota Probolinggo").removeprefix("Kota ")
    return dokumen_pdf(
        judul=f"{judul_lampiran()} {tentang_lampiran()} {siklus.tahun}", penulis="Bappeda", isi=isi,
        tanda_tangan=blok_tanda_tangan(penanda, tempat=tempat, lebar=LEBAR_ISI_A4_LANSKAP),
        pagesize=landscape(A4),
    )  # fmt: skip


KOLOM_LAMPIRAN = (
    Kolom("no", pgettext_lazy("nomor urut", "No"), jenis=ANGKA),
    Kolom("kecamatan", gettext_lazy("Kecamatan")),
    Kolom("kelurahan", gettext_lazy("Kelurahan")),
    Kolom("kategori", gettext_lazy("Kategori")),
    Kolom("produk", gettext_lazy("Produk")),
    Kolom("nama_usaha", gettext_lazy("Nama UMKM")),
    Kolom("pemilik", gettext_lazy("Pemilik")),
    Kolom("alamat", gettext_lazy("Alamat")),
)


def lembar_lampiran(*, siklus, usulan: list) -> LembarEkspor:
    """The annex as a spreadsheet: the same rows and order as the PDF, one row per PUD (every column
    filled, so it sorts and filters), and after each kecamatan its subtotal row."""
    lembar = LembarEkspor(_("Lampiran PUD %(tahun)s") % {"tahun": siklus.tahun}, KOLOM_LAMPIRAN)
    nomor = 0
    for kelompok in per_kecamatan(usulan):
        for u in kelompok.usulan:
            nomor += 1
            lembar.append([
                nomor, kelompok.kecamatan.nama, u.pengajuan.kelurahan.nama, u.get_kategori_display(), u.produk, u.umkm.nama_usaha,
                u.umkm.pemilik_nama, u.umkm.alamat,
            ])  # fmt: skip
        lembar.append([None, kelompok.teks_jumlah] + [None] * 6)
    return lembar


def nama_berkas_lampiran(siklus, ekstensi: str) -> str:
    return f"lampiran-keputusan-pud-{siklus.tahun}.{ekstensi}"
