"""The report's PDF and xlsx, from ``IsiLaporan`` (frozen figures only).

This is the one module that knows how a report is laid out in reportlab and openpyxl; the content
(what a report says) is ``laporan.isi``. Both files say the same things:

- the PDF (``pdf_laporan``), through the shared print helper (``wilayah.cetak``): the letterhead of
  the kelurahan, the kecamatan or, for the city, of Bappeda; the title and period; the completeness
  of the month; a 12-month trend chart of each programme's key figures (reportlab's own drawing,
  nothing fetched); per programme a table of every indicator this month, last month, the same month
  last year and the target, with "Belum" where the target is not met; what changed; what needs
  action (at most ``BATAS_TINDAKAN`` regions, then "dan N wilayah lainnya"); for a kecamatan or the
  city the regions one level down; the signer block (the lurah, the camat, the head of Bappeda).
  Every table cell is a paragraph (long names wrap), every table fits the A4 text width and repeats
  its header row on each page.
- the xlsx (``xlsx_laporan``): "Ringkasan" (title, region, period, version, when made, completeness,
  every programme's indicators), one sheet per programme (its indicators with 12 months of trend),
  for a kecamatan or the city one sheet of the regions one level down, and "Perlu tindakan" (all of
  it, uncapped). Numbers are number cells (rupiah ``#,##0``, percentages 0-100 with a "%" shown and
  "(%)" in the header), dates are date cells, headers are bold, frozen and read as people say them.
  Every cell goes through ``wilayah.templat``'s cell door (``netralkan_sel``: no formula in a file
  the portal sends).
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from wilayah.cetak import LEBAR_ISI_A4, blok_tanda_tangan, dokumen_pdf, gaya, kop_surat, paragraf
from wilayah.periode import bulan_tahun, tambah_bulan, tanggal_id
from wilayah.ringkasan import Agregasi, Indikator
from wilayah.scoping import Tingkat
from wilayah.tampilan import angka as tampil_angka
from wilayah.templat import FORMAT_TANGGAL, FORMAT_TEKS, LEBAR_MAKS, _nilai_sel, _simpan, _tulis_judul

from .isi import BagianProgram, IsiLaporan

# Regions listed under "Perlu tindakan" in the PDF; the rest are counted ("dan N wilayah lainnya")
# and listed in full in the xlsx. A province's city report can have thousands.
BATAS_TINDAKAN = 40

# The figures a programme is read by at a glance: its trend chart and the columns of the regions
# table. A programme not named here (one that joins later) shows its first two indicators.
INDIKATOR_UTAMA = {
    "kader": ("aktif", "kelurahan_sesuai_target"),
    "lkk": ("lembaga_sk_berlaku", "persen_sk_berlaku"),
    "wisata": ("persen_rw", "destinasi_aktif"),
}
UTAMA_BAKU = 2
GRAFIK_PER_BARIS = 3

TANDA_KOSONG = "(..............................)"  # the signer's name when the portal does not know it

WARNA_JUDUL = colors.HexColor("#DDEBF7")
WARNA_GARIS = colors.HexColor("#9AA5B1")
WARNA_BELUM = colors.HexColor("#FDE2E1")
WARNA_BELUM_TEKS = colors.HexColor("#B42318")
WARNA_BATANG = colors.HexColor("#2F6DB5")


# --------------------------------------------------------------------------- shared


def _utama(bagian: BagianProgram, tingkat: str) -> list[Indikator]:
    """The programme's key figures. For one kelurahan a share of kelurahan meeting a target is only
    100 or 0 (its own value against the target says more), so it is left out there."""
    semua = [
        ind for ind in bagian.program.indikator if not (tingkat == Tingkat.KELURAHAN and ind.agregasi == Agregasi.CAPAIAN_TARGET)
    ]
    kode = INDIKATOR_UTAMA.get(bagian.app)
    if kode is None:
        return semua[:UTAMA_BAKU]
    per_kode = {ind.kode: ind for ind in semua}
    return [per_kode[k] for k in kode if k in per_kode] or semua[:UTAMA_BAKU]


def _periode_lalu(isi: IsiLaporan) -> tuple[str, str]:
    """The headers of last month's and last year's columns: "April 2026", "Mei 2025"."""
    lap = isi.laporan
    lalu = tambah_bulan(dt.date(lap.tahun, lap.bulan, 1), -1)
    return bulan_tahun(lalu.year, lalu.month), bulan_tahun(lap.tahun - 1, lap.bulan)


def _nama_tingkat_bawah(isi: IsiLaporan) -> str:
    return _("Kelurahan") if isi.laporan.tingkat == Tingkat.KECAMATAN else _("Kecamatan")


def _waktu_dibuat(isi: IsiLaporan) -> dt.datetime:
    """When the report was made (its files are made now, before ``selesai`` is set), local time."""
    return timezone.localtime(isi.laporan.selesai or timezone.now())


# --------------------------------------------------------------------------- PDF


class _Gaya:
    """The report's own paragraph styles, on top of ``wilayah.cetak.gaya()`` (made once)."""

    _dibuat = None

    def __init__(self):
        g = gaya()
        self.dasar = g
        self.subjudul = ParagraphStyle("lap_subjudul", parent=g.biasa, alignment=1, fontSize=10, leading=13)
        self.kecil = ParagraphStyle("lap_kecil", parent=g.biasa, alignment=1, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444"))
        self.bagian = ParagraphStyle(
            "lap_bagian", parent=g.tebal, fontSize=10, leading=13, spaceBefore=10, spaceAfter=4, keepWithNext=1,
        )
        self.sel = ParagraphStyle("lap_sel", parent=g.biasa, fontSize=8, leading=9.6)
        self.sel_kanan = ParagraphStyle("lap_sel_kanan", parent=self.sel, alignment=2)
        self.sel_judul = ParagraphStyle("lap_sel_judul", parent=self.sel, fontName="Helvetica-Bold")
        self.sel_judul_kanan = ParagraphStyle("lap_sel_judul_kanan", parent=self.sel_judul, alignment=2)
        self.sel_belum = ParagraphStyle("lap_sel_belum", parent=self.sel, fontName="Helvetica-Bold", textColor=WARNA_BELUM_TEKS)
        self.grafik = ParagraphStyle("lap_grafik", parent=g.tebal, fontSize=7, leading=8.5, alignment=1)

    @classmethod
    def ambil(cls) -> "_Gaya":
        if cls._dibuat is None:
            cls._dibuat = cls()
        return cls._dibuat


def _teks_pdf(teks) -> str:
    """Text for the PDF's standard fonts, which have no "≥" or "≤"."""
    return str(teks if teks is not None else "").replace("≥", ">=").replace("≤", "<=")


def _p(teks, gaya_paragraf) -> Paragraph:
    return paragraf(_teks_pdf(teks), gaya_paragraf)


def _tabel(baris: list[list], lebar: list[float], *, gaya_tambahan=(), ulang: int = 1) -> Table:
    """A table of paragraph cells: header rows shaded and repeated on every page, thin grid."""
    tabel = Table(baris, colWidths=lebar, repeatRows=ulang, hAlign="LEFT")
    tabel.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, WARNA_GARIS),
        ("BACKGROUND", (0, 0), (-1, ulang - 1), WARNA_JUDUL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *gaya_tambahan,
    ]))
    return tabel


def _kop(isi: IsiLaporan):
    lap = isi.laporan
    if lap.tingkat == Tingkat.KELURAHAN:
        return kop_surat(kelurahan=lap.kelurahan)
    if lap.tingkat == Tingkat.KECAMATAN:
        return kop_surat(kecamatan=lap.kecamatan)
    return kop_surat(instansi=_("Badan Perencanaan Pembangunan Daerah"))


def _kalimat_kelengkapan(isi: IsiLaporan) -> str:
    d = isi.kelengkapan or {}
    if isi.laporan.tingkat == Tingkat.KELURAHAN:
        if not d.get("aktual"):
            return _("Kelengkapan data: operator belum mengonfirmasi data bulan ini lengkap.")
        pada = d.get("dikonfirmasi_pada")
        try:
            tanggal = tanggal_id(timezone.localdate(dt.datetime.fromisoformat(pada))) if pada else ""
        except (TypeError, ValueError):
            tanggal = ""
        waktu = _("tepat waktu") if d.get("tepat_waktu") else _("terlambat")
        if tanggal:
            return _("Kelengkapan data: dikonfirmasi lengkap pada %(tanggal)s (%(waktu)s).") % {"tanggal": tanggal, "waktu": waktu}
        return _("Kelengkapan data: dikonfirmasi lengkap (%(waktu)s).") % {"waktu": waktu}
    return _(
        "Kelengkapan data: %(diharapkan)s kelurahan diharapkan, %(aktual)s dikonfirmasi lengkap (%(persen)s), "
        "%(tepat)s tepat waktu (%(persen_tepat)s)."
    ) % {
        "diharapkan": tampil_angka(d.get("diharapkan", 0)), "aktual": tampil_angka(d.get("aktual", 0)),
        "persen": tampil_angka(isi.persen_lengkap, 1) + "%", "tepat": tampil_angka(d.get("tepat_waktu", 0)),
        "persen_tepat": tampil_angka(isi.persen_tepat_waktu, 1) + "%",
    }


def _grafik(isi: IsiLaporan, bagian: BagianProgram, ind: Indikator, lebar: float) -> list:
    """A 12-month bar chart of one indicator, with its title; months without a report have no bar."""
    gl = _Gaya.ambil()
    seri = isi.seri(bagian.app, ind.kode)
    tinggi = 3.4 * cm
    gambar = Drawing(lebar, tinggi)
    nilai = [v for _l, v in seri]
    ada = [v for v in nilai if v is not None]
    if not ada:
        gambar.add(String(lebar / 2, tinggi / 2, _teks_pdf(_("Belum ada data")), textAnchor="middle", fontName="Helvetica", fontSize=7))
        return [_p(f"{ind.label} ({ind.satuan})", gl.grafik), gambar]
    grafik = VerticalBarChart()
    grafik.x, grafik.y = 0.9 * cm, 0.75 * cm
    grafik.width, grafik.height = lebar - 1.1 * cm, tinggi - 0.95 * cm
    grafik.data = [[None if v is None else float(v) for v in nilai]]
    grafik.bars[0].fillColor = WARNA_BATANG
    grafik.bars[0].strokeColor = None
    grafik.barSpacing = 1
    grafik.categoryAxis.categoryNames = [_teks_pdf(label) for label, _v in seri]
    grafik.categoryAxis.labels.fontSize = 5
    grafik.categoryAxis.labels.angle = 45
    grafik.categoryAxis.labels.boxAnchor = "ne"
    grafik.categoryAxis.labels.dy = -1
    grafik.valueAxis.labels.fontSize = 5.5
    grafik.valueAxis.valueMin = 0
    tertinggi = max(ada)
    if all(float(v).is_integer() for v in ada) and tertinggi <= 5:
        grafik.valueAxis.valueMax = max(1, tertinggi)
        grafik.valueAxis.valueStep = 1
    elif tertinggi <= 0:
        grafik.valueAxis.valueMax = 1
    desimal = 0 if all(float(v).is_integer() for v in ada) else 1
    grafik.valueAxis.labelTextFormat = lambda v: tampil_angka(v, desimal if not float(v).is_integer() else 0)
    grafik.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    grafik.valueAxis.visibleGrid = True
    gambar.add(grafik)
    return [_p(f"{ind.label} ({ind.satuan})", gl.grafik), gambar]


def _bagian_grafik(isi: IsiLaporan) -> list:
    """Three charts a row: every programme's key figures over the last 12 months."""
    gl = _Gaya.ambil()
    n = GRAFIK_PER_BARIS
    lebar = LEBAR_ISI_A4 / n
    sel = [_grafik(isi, bagian, ind, lebar - 0.2 * cm) for bagian in isi.program for ind in _utama(bagian, isi.laporan.tingkat)]
    if not sel:
        return []
    baris = [sel[i:i + n] + [""] * (n - len(sel[i:i + n])) for i in range(0, len(sel), n)]
    tabel = Table(baris, colWidths=[lebar] * n, hAlign="LEFT")
    tabel.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return [_p(_("Tren 12 bulan terakhir"), gl.bagian), tabel]


def _bagian_program(isi: IsiLaporan, bagian: BagianProgram) -> list:
    gl = _Gaya.ambil()
    lalu, setahun = _periode_lalu(isi)
    judul = [
        _p(_("Indikator"), gl.sel_judul),
        _p(_("Bulan ini (%(periode)s)") % {"periode": isi.periode}, gl.sel_judul_kanan),
        _p(_("Bulan lalu (%(periode)s)") % {"periode": lalu}, gl.sel_judul_kanan),
        _p(_("Tahun lalu (%(periode)s)") % {"periode": setahun}, gl.sel_judul_kanan),
        _p(_("Target"), gl.sel_judul_kanan),
        _p(_("Capaian"), gl.sel_judul),
    ]
    baris, gaya_tambahan = [judul], []
    for i, b in enumerate(bagian.baris, start=1):
        if b.memenuhi is False:
            capaian = _p(_("Belum"), gl.sel_belum)
            gaya_tambahan.append(("BACKGROUND", (0, i), (-1, i), WARNA_BELUM))
        elif b.memenuhi:
            capaian = _p(_("Tercapai"), gl.sel)
        else:
            capaian = ""
        baris.append([
            _p(b.label, gl.sel), _p(b.nilai_tampil, gl.sel_kanan), _p(b.bulan_lalu_tampil, gl.sel_kanan),
            _p(b.tahun_lalu_tampil, gl.sel_kanan), _p(b.target, gl.sel_kanan), capaian,
        ])
    lebar = [6.1 * cm, 2.4 * cm, 2.4 * cm, 2.4 * cm, 2.0 * cm, 1.7 * cm]
    return [_p(bagian.judul, gl.bagian), _tabel(baris, lebar, gaya_tambahan=gaya_tambahan)]


def _bagian_perubahan(isi: IsiLaporan) -> list:
    gl = _Gaya.ambil()
    alur = [_p(_("Perubahan bulan ini"), gl.bagian)]
    if not isi.perubahan:
        return alur + [_p(_("Tidak ada perubahan yang tercatat bulan ini."), gl.sel)]
    baris = [[_p(_("Perubahan"), gl.sel_judul), _p(_("Jumlah"), gl.sel_judul_kanan)]]
    baris += [[_p(label, gl.sel), _p(nilai, gl.sel_kanan)] for label, nilai in isi.perubahan]
    return alur + [_tabel(baris, [12.5 * cm, 4.5 * cm])]


def _bagian_tindakan(isi: IsiLaporan) -> list:
    gl = _Gaya.ambil()
    alur = [_p(_("Perlu tindakan"), gl.bagian)]
    if not isi.tindakan:
        return alur + [_p(_("Tidak ada yang perlu ditindaklanjuti bulan ini."), gl.sel)]
    ditampilkan = isi.tindakan[:BATAS_TINDAKAN]
    baris = [[_p(_("Wilayah"), gl.sel_judul), _p(_("Yang perlu ditindaklanjuti"), gl.sel_judul)]]
    for nama, daftar in ditampilkan:
        isi_sel = "<br/>".join(f"• {escape(_teks_pdf(t))}" for t in daftar)
        baris.append([_p(nama, gl.sel), Paragraph(isi_sel, gl.sel)])
    alur.append(_tabel(baris, [4.5 * cm, 12.5 * cm]))
    sisa = len(isi.tindakan) - len(ditampilkan)
    if sisa > 0:
        alur += [Spacer(1, 3), _p(
            _("... dan %(n)s wilayah lainnya (daftar lengkap di berkas Excel, lembar \"Perlu tindakan\").") % {"n": tampil_angka(sisa)},
            gl.sel,
        )]
    return alur


def _gaya_judul_muat(gaya_judul: ParagraphStyle, teks: list[str], lebar: float) -> ParagraphStyle:
    """The column headers' style, its size lowered (to 6.5 pt at least) so the widest word fits the
    column: with five programmes the regions table has eleven narrow columns."""
    kata = [k for t in teks for k in str(t).split()]
    terlebar = max((stringWidth(k, gaya_judul.fontName, gaya_judul.fontSize) for k in kata), default=0)
    if terlebar <= lebar:
        return gaya_judul
    ukuran = max(6.5, round(gaya_judul.fontSize * lebar / terlebar, 1))
    return ParagraphStyle(f"{gaya_judul.name}_{ukuran}", parent=gaya_judul, fontSize=ukuran, leading=ukuran * 1.2)


def _bagian_wilayah_bawah(isi: IsiLaporan) -> list:
    """The regions one level down, a handful of key figures each (the table runs over pages)."""
    if not isi.wilayah_bawah:
        return []
    gl = _Gaya.ambil()
    tingkat_baris = Tingkat.KELURAHAN if isi.laporan.tingkat == Tingkat.KECAMATAN else Tingkat.KECAMATAN
    kolom = [(bagian.app, ind) for bagian in isi.program for ind in _utama(bagian, tingkat_baris)]
    dengan_tindakan = isi.laporan.tingkat == Tingkat.KECAMATAN
    lebar_no, lebar_nama = 0.9 * cm, 4.4 * cm
    n = len(kolom) + int(dengan_tindakan)
    lebar_angka = (LEBAR_ISI_A4 - lebar_no - lebar_nama) / max(n, 1)
    teks_judul = [f"{ind.label} ({ind.satuan})" for _app, ind in kolom] + ([_("Perlu tindakan")] if dengan_tindakan else [])
    gaya_judul = _gaya_judul_muat(gl.sel_judul_kanan, teks_judul, lebar_angka - 6)
    judul = [_p(_("No."), gl.sel_judul_kanan), _p(_nama_tingkat_bawah(isi), gl.sel_judul)]
    judul += [_p(t, gaya_judul) for t in teks_judul]
    baris = [judul]
    for i, w in enumerate(isi.wilayah_bawah, start=1):
        sel = [_p(tampil_angka(i), gl.sel_kanan), _p(w.nama, gl.sel)]
        for app, ind in kolom:
            nilai = w.nilai.get(app, {}).get(ind.kode)
            sel.append(_p("–" if nilai is None else ind.tampil(nilai), gl.sel_kanan))
        if dengan_tindakan:
            sel.append(_p(tampil_angka(len(w.tindakan)), gl.sel_kanan))
        baris.append(sel)
    lebar = [lebar_no, lebar_nama] + [lebar_angka] * n
    judul_bagian = _("%(tingkat)s di %(wilayah)s") % {"tingkat": _nama_tingkat_bawah(isi), "wilayah": isi.laporan.nama_wilayah}
    return [_p(judul_bagian, gl.bagian), _tabel(baris, lebar)]


def _penanda(isi: IsiLaporan) -> tuple[dict, str]:
    """Who signs (the portal does not keep their names: a blank line to sign over) and where."""
    lap = isi.laporan
    if lap.tingkat == Tingkat.KELURAHAN:
        kepala = _("Kepala Desa") if lap.kelurahan.jenis == lap.kelurahan.Jenis.DESA else _("Lurah")
        jabatan, tempat = f"{kepala} {lap.kelurahan.nama}", lap.kelurahan.nama
    elif lap.tingkat == Tingkat.KECAMATAN:
        jabatan, tempat = _("Camat %(nama)s") % {"nama": lap.kecamatan.nama}, lap.kecamatan.nama
    else:
        nama_wilayah = settings.NAMA_WILAYAH
        jabatan = _("Kepala Bappeda %(wilayah)s") % {"wilayah": nama_wilayah}
        tempat = re.sub(r"^(Kota|Kabupaten)\s+", "", nama_wilayah)
    penanda = {
        "penanda_tangan_nama": TANDA_KOSONG, "penanda_tangan_jabatan": jabatan, "penanda_tangan_nip": None,
        "tanggal": _waktu_dibuat(isi).date(),
    }
    return penanda, tempat


def pdf_laporan(isi: IsiLaporan) -> bytes:
    """The report as an A4 PDF (see the module's docstring for what it holds)."""
    g, gl = gaya(), _Gaya.ambil()
    lap = isi.laporan
    alur = [
        _p(isi.judul.upper(), g.judul),
        _p(lap.nama_wilayah, gl.subjudul),
        _p(_("Periode %(periode)s") % {"periode": isi.periode}, gl.subjudul),
        _p(_("Versi %(versi)s · dibuat %(waktu)s · angka dibekukan dari data program") % {
            "versi": lap.versi, "waktu": f"{tanggal_id(_waktu_dibuat(isi).date())} {_waktu_dibuat(isi):%H.%M}",
        }, gl.kecil),
        Spacer(1, 6),
        _p(_kalimat_kelengkapan(isi), g.biasa),
    ]
    alur += _bagian_grafik(isi)
    if any(b.memenuhi is False for bagian in isi.program for b in bagian.baris):
        alur += [Spacer(1, 4), _p(_("Baris merah bertanda \"Belum\": nilai bulan ini belum memenuhi target."), gl.sel)]
    for bagian in isi.program:
        alur += _bagian_program(isi, bagian)
    if not isi.program:
        alur.append(_p(_("Belum ada program yang angkanya dibekukan untuk laporan ini."), g.biasa))
    alur += _bagian_perubahan(isi)
    alur += _bagian_tindakan(isi)
    alur += _bagian_wilayah_bawah(isi)
    penanda, tempat = _penanda(isi)
    return dokumen_pdf(
        judul=f"{isi.judul} {isi.subjudul}", penulis=lap.nama_wilayah, isi=alur, kop=_kop(isi),
        tanda_tangan=blok_tanda_tangan(penanda, tempat=tempat),
    )


# --------------------------------------------------------------------------- xlsx

NAMA_RINGKASAN = "Ringkasan"
NAMA_TINDAKAN = "Perlu tindakan"
FORMAT_ANGKA = "#,##0"
FORMAT_WAKTU = "DD/MM/YYYY HH:MM"
_TIDAK_BOLEH_DI_NAMA_LEMBAR = re.compile(r"[\[\]:*?/\\]")
PANJANG_NAMA_LEMBAR = 31  # Excel's limit
_KATA_SAMBUNG = {"dan", "atau", "di", "ke", "dari", "untuk", "yang", "dengan", "pada", "serta"}
LEBAR_BAWAAN = 14


def _format_angka(ind: Indikator | None, nilai) -> str:
    if ind is not None and ind.satuan == "%":
        return f'0.{"0" * ind.desimal}"%"' if ind.desimal else '0"%"'
    if isinstance(nilai, float) and not nilai.is_integer():
        return "#,##0.0"
    return FORMAT_ANGKA


def _judul_indikator(ind: Indikator) -> str:
    """A column header: "Cakupan RW (%)", "Nilai transaksi (Rp)", "KPM aktif (orang)"."""
    return f"{ind.label} ({ind.satuan})"


def _pendekkan(nama: str) -> str:
    """A name cut to Excel's 31 characters where a person would cut it: "Kader Pemberdayaan Masyarakat
    (KPM)" -> "Kader Pemberdayaan Masyarakat", "Lembaga Kemasyarakatan Kelurahan (LKK)" -> "Lembaga
    Kemasyarakatan (LKK)": first without the abbreviation in brackets, then whole words off the end
    (the abbreviation kept), a hard cut only for a single long word."""
    if len(nama) <= PANJANG_NAMA_LEMBAR:
        return nama
    cocok = re.fullmatch(r"(.*\S)\s*\(([^()]{1,12})\)", nama)
    dasar, singkatan = (cocok.group(1), f" ({cocok.group(2)})") if cocok else (nama, "")
    if singkatan and len(dasar) <= PANJANG_NAMA_LEMBAR:
        return dasar
    kata = dasar.split(" ")
    while len(kata) > 1 and len(" ".join(kata)) + len(singkatan) > PANJANG_NAMA_LEMBAR:
        kata.pop()
    while len(kata) > 1 and kata[-1].lower() in _KATA_SAMBUNG:  # not "Pelatihan dan (Diklat)"
        kata.pop()
    hasil = " ".join(kata).rstrip(" -,.:")
    if len(hasil) + len(singkatan) <= PANJANG_NAMA_LEMBAR:
        return hasil + singkatan
    return hasil[:PANJANG_NAMA_LEMBAR].rstrip()


def nama_lembar_aman(nama: str, dipakai: set[str]) -> str:
    """A sheet name Excel accepts: no [ ] : * ? / \\, no quote at either end, at most 31 characters,
    not empty and not the name of another sheet of the workbook (compared without case; ``dipakai``
    holds the names taken, in lower case, and gets this one)."""
    nama = _TIDAK_BOLEH_DI_NAMA_LEMBAR.sub(" - ", str(nama))
    nama = re.sub(r"\s+", " ", ILLEGAL_CHARACTERS_RE.sub("", nama)).strip(" '-") or _("Program")
    nama = re.sub(r"\s+-(\s+-)+", " -", nama)  # "a: b" -> "a - b", once however many were taken out
    dasar = _pendekkan(nama)
    hasil, n = dasar, 2
    while hasil.lower() in dipakai:
        akhiran = f" ({n})"
        hasil = dasar[:PANJANG_NAMA_LEMBAR - len(akhiran)].rstrip() + akhiran
        n += 1
    dipakai.add(hasil.lower())
    return hasil


class _Lembar:
    """Writing one sheet row by row; every value through ``wilayah.templat``'s cell door."""

    def __init__(self, ws):
        self.ws = ws
        self.baris = 0
        self.lebar: dict[int, float] = {}

    def tulis(self, nilai: list, *, judul: bool = False, format_sel: list | None = None, tebal: bool = False) -> int:
        self.baris += 1
        for kolom, v in enumerate(nilai, start=1):
            v = _nilai_sel(v)
            if v is None or v == "":
                if judul:
                    _tulis_judul(self.ws.cell(row=self.baris, column=kolom))
                continue
            if isinstance(v, dt.datetime) and v.tzinfo is not None:
                v = timezone.localtime(v).replace(tzinfo=None)
            sel = self.ws.cell(row=self.baris, column=kolom, value=v)
            if judul:
                _tulis_judul(sel)
            elif tebal:
                sel.font = Font(bold=True)
            if isinstance(v, dt.datetime):
                sel.number_format = FORMAT_WAKTU
            elif isinstance(v, dt.date):
                sel.number_format = FORMAT_TANGGAL
            elif format_sel and format_sel[kolom - 1] and not isinstance(v, str):
                sel.number_format = format_sel[kolom - 1]
            elif isinstance(v, str) and format_sel and format_sel[kolom - 1] == FORMAT_TEKS:
                sel.number_format = FORMAT_TEKS
            if isinstance(v, str) and "\n" in v:
                sel.alignment = Alignment(wrap_text=True, vertical="top")
            panjang = max((len(bagian) for bagian in str(v).split("\n")), default=0) if not judul else min(len(str(v)), 24)
            self.lebar[kolom] = max(self.lebar.get(kolom, 0), panjang + 2)
        return self.baris

    def kosong(self) -> None:
        self.baris += 1

    def rapikan(self, *, bekukan: str | None = None, lebar_tetap: dict[int, float] | None = None) -> None:
        for kolom, lebar in self.lebar.items():
            lebar = (lebar_tetap or {}).get(kolom, lebar)
            self.ws.column_dimensions[get_column_letter(kolom)].width = min(max(lebar, 8), LEBAR_MAKS)
        if bekukan:
            self.ws.freeze_panes = bekukan


def _judul_tabel_indikator(isi: IsiLaporan) -> list[str]:
    lalu, setahun = _periode_lalu(isi)
    return [
        _("Bulan ini (%(periode)s)") % {"periode": isi.periode},
        _("Bulan lalu (%(periode)s)") % {"periode": lalu},
        _("Tahun lalu (%(periode)s)") % {"periode": setahun},
        _("Target"),
        _("Memenuhi target"),
    ]


def _lembar_ringkasan(wb: Workbook, isi: IsiLaporan) -> None:
    lap = isi.laporan
    ws = wb.active
    ws.title = NAMA_RINGKASAN
    lembar = _Lembar(ws)
    lembar.tulis([isi.judul])
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    d = isi.kelengkapan or {}
    for label, nilai in (
        (_("Wilayah"), lap.nama_wilayah),
        (_("Kode wilayah"), lap.kunci_wilayah),
        (_("Periode"), isi.periode),
        (_("Versi"), lap.versi),
        (_("Dibuat pada"), _waktu_dibuat(isi)),
        (_("Angka dibekukan pada"), lap.angka_pada),
    ):
        lembar.tulis([label, nilai], tebal=False)
        ws.cell(row=lembar.baris, column=1).font = Font(bold=True)
        ws.cell(row=lembar.baris, column=2).alignment = Alignment(horizontal="left")
    lembar.tulis([
        _("Kelengkapan data"), _("Kelurahan diharapkan"), _("Dikonfirmasi lengkap"), _("Tepat waktu"),
        _("Lengkap (%)"), _("Tepat waktu (%)"),
    ], judul=True)
    lembar.tulis(
        ["", d.get("diharapkan", 0), d.get("aktual", 0), d.get("tepat_waktu", 0), isi.persen_lengkap, isi.persen_tepat_waktu],
        format_sel=[None, FORMAT_ANGKA, FORMAT_ANGKA, FORMAT_ANGKA, '0.0"%"', '0.0"%"'],
    )
    lembar.kosong()
    judul = [_("Program"), _("Indikator"), _("Satuan")] + _judul_tabel_indikator(isi)
    baris_judul = lembar.tulis(judul, judul=True)
    for bagian in isi.program:
        for b in bagian.baris:
            lembar.tulis(
                [bagian.judul, b.label, b.satuan, b.nilai, b.bulan_lalu, b.tahun_lalu, b.target, b.memenuhi],
                format_sel=[None, None, None] + [_format_angka(b.indikator, v) for v in (b.nilai, b.bulan_lalu, b.tahun_lalu)] + [None, None],
            )
    lembar.rapikan(bekukan=f"A{baris_judul + 1}", lebar_tetap={1: 34, 2: 44, 3: 10, 4: 20, 5: 20, 6: 20, 7: 12, 8: 12})


def _lembar_program(wb: Workbook, isi: IsiLaporan, bagian: BagianProgram, dipakai: set[str]) -> None:
    ws = wb.create_sheet(nama_lembar_aman(bagian.judul, dipakai))
    lembar = _Lembar(ws)
    tren = isi.tren
    judul = [_("Indikator"), _("Satuan")] + _judul_tabel_indikator(isi) + [t.label for t in tren]
    lembar.tulis(judul, judul=True)
    for b in bagian.baris:
        seri = [t.nilai.get(bagian.app, {}).get(b.kode) for t in tren]
        nilai = [b.nilai, b.bulan_lalu, b.tahun_lalu]
        lembar.tulis(
            [b.label, b.satuan, *nilai, b.target, b.memenuhi, *seri],
            format_sel=[None, None] + [_format_angka(b.indikator, v) for v in nilai] + [None, None]
            + [_format_angka(b.indikator, v) for v in seri],
        )
    lebar = {1: 44, 2: 10, 3: 20, 4: 20, 5: 20, 6: 12, 7: 12} | {8 + i: 13 for i in range(len(tren))}
    lembar.rapikan(bekukan="B2", lebar_tetap=lebar)


def _lembar_wilayah_bawah(wb: Workbook, isi: IsiLaporan, dipakai: set[str]) -> None:
    """The regions one level down: one row each, every indicator of every programme; two header rows
    (the programme, then the indicator with its unit)."""
    nama = _("Per %(tingkat)s") % {"tingkat": _nama_tingkat_bawah(isi).lower()}
    ws = wb.create_sheet(nama_lembar_aman(nama, dipakai))
    lembar = _Lembar(ws)
    kolom = [(bagian, ind) for bagian in isi.program for ind in bagian.program.indikator]
    dengan_tindakan = isi.laporan.tingkat == Tingkat.KECAMATAN
    program = ["", ""] + [bagian.judul for bagian, _i in kolom] + ([""] if dengan_tindakan else [])
    lembar.tulis(program, judul=True)
    mulai = 3
    for bagian in isi.program:  # the programme's title once over its columns
        n = len(bagian.program.indikator)
        if n > 1:
            ws.merge_cells(start_row=1, start_column=mulai, end_row=1, end_column=mulai + n - 1)
        mulai += n
    judul = [_("Kode wilayah"), _nama_tingkat_bawah(isi)] + [_judul_indikator(ind) for _b, ind in kolom]
    if dengan_tindakan:
        judul.append(_("Perlu tindakan"))
    lembar.tulis(judul, judul=True)
    for w in isi.wilayah_bawah:
        nilai = [w.nilai.get(bagian.app, {}).get(ind.kode) for bagian, ind in kolom]
        baris = [w.kode, w.nama, *nilai]
        format_sel = [FORMAT_TEKS, None] + [_format_angka(ind, v) for (_b, ind), v in zip(kolom, nilai, strict=True)]
        if dengan_tindakan:
            baris.append("\n".join(w.tindakan))
            format_sel.append(None)
        lembar.tulis(baris, format_sel=format_sel)
    lebar = {1: 16, 2: 28} | {3 + i: 16 for i in range(len(kolom))}
    if dengan_tindakan:
        lebar[3 + len(kolom)] = LEBAR_MAKS
    lembar.rapikan(bekukan="C3", lebar_tetap=lebar)
    ws.row_dimensions[2].height = 45


def _lembar_tindakan(wb: Workbook, isi: IsiLaporan, dipakai: set[str]) -> None:
    ws = wb.create_sheet(nama_lembar_aman(NAMA_TINDAKAN, dipakai))
    lembar = _Lembar(ws)
    lembar.tulis([_("Wilayah"), _("Yang perlu ditindaklanjuti")], judul=True)
    for nama, daftar in isi.tindakan:
        for t in daftar:
            lembar.tulis([nama, t])
    lembar.rapikan(bekukan="A2", lebar_tetap={1: 28, 2: 70})


def xlsx_laporan(isi: IsiLaporan) -> bytes:
    """The report as a workbook (see the module's docstring for its sheets)."""
    wb = Workbook()
    dipakai = {NAMA_RINGKASAN.lower()}
    _lembar_ringkasan(wb, isi)
    for bagian in isi.program:
        _lembar_program(wb, isi, bagian, dipakai)
    if isi.laporan.tingkat != Tingkat.KELURAHAN:
        _lembar_wilayah_bawah(wb, isi, dipakai)
    _lembar_tindakan(wb, isi, dipakai)
    return _simpan(wb)
