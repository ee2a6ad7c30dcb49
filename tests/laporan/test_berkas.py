"""The monthly report's PDF and xlsx (``laporan/berkas.py``), built through the real run (services and
tasks, eager without a broker) on hand-made data, and read back: the PDF with pypdf, the xlsx with openpyxl.

Kebonsari Wetan (Kecamatan Kanigaran), May 2026, by hand:
- KPM: 3 active since 2023 and 1 started on 10 May 2026: 4 active (target 5-10: not met), 1 new;
  in April 2026 and in May 2025: 3 active;
- wisata: 3 RW, one with a destination active since June 2025: coverage 1/3 = 33,3%, 2 RW without one;
  an event held on 17 May 2026: 1.500 visitors, Rp 1.250.000 of transactions;
- LKK: one institution whose term ended on 1 January 2026 (needs a new SK), one valid until 2029:
  1 of 2 with a valid SK = 50,0%;
- the operator confirmed May on 3 June 2026 (on time: by the 5th).
Its neighbour Sukabumi (Kanigaran) has 6 active KPM (within the target) and no RW. The third kelurahan
(Kademangan) is named like a spreadsheet formula: every file that holds it must hold it as text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import ClassVar

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Paragraph, Table

from laporan import services, tasks
from laporan.berkas import BATAS_TINDAKAN, nama_lembar_aman, pdf_laporan, xlsx_laporan
from laporan.isi import isi_laporan
from laporan.models import LaporanBulanan
from tests.factories import KecamatanFactory, KelurahanFactory, RWFactory
from tests.kader.factories import KaderFactory
from tests.lkk.factories import LembagaFactory
from tests.wisata.factories import DestinasiFactory, EventFactory
from wilayah import ringkasan as registri
from wilayah.cetak import LEBAR_ISI_A4
from wilayah.models import Kecamatan, Kelurahan, KonfirmasiBulan
from wilayah.ringkasan import Indikator, ProgramRingkasan, Ringkasan
from wilayah.scoping import Tingkat
from wisata.models import StatusEvent

TAHUN, BULAN = 2026, 5
NAMA_RUMUS = '=HYPERLINK("http://contoh.invalid","klik")'


# --------------------------------------------------------------------------- helpers


def _halaman(data: bytes) -> list[str]:
    """Each page's text, whitespace squeezed (a wrapped cell breaks a line)."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _teks(data: bytes) -> str:
    return " ".join(_halaman(data))


def _buat_bulan(tahun=TAHUN, bulan=BULAN):
    """A month's run as the command starts it; without a broker the chord runs eagerly."""
    proses = services.laporan_mulai(tahun=tahun, bulan=bulan, sumber="perintah")
    tasks.siapkan.delay(proses.pk)
    proses.refresh_from_db()
    assert proses.status == proses.Status.SELESAI, proses.pesan
    return proses


def _laporan(tingkat, kunci, tahun=TAHUN, bulan=BULAN) -> LaporanBulanan:
    lap = LaporanBulanan.objects.select_related("kelurahan", "kecamatan").get(
        tingkat=tingkat, kunci_wilayah=kunci, tahun=tahun, bulan=bulan, terbaru=True
    )
    assert lap.status == LaporanBulanan.Status.SELESAI, lap.pesan
    return lap


def _pdf(lap) -> bytes:
    with lap.pdf.open("rb") as f:
        return f.read()


def _xlsx(lap):
    with lap.xlsx.open("rb") as f:
        return load_workbook(io.BytesIO(f.read()))


def _baris_dengan(ws, teks, kolom=None):
    """The first row (its cells) holding ``teks`` (in column ``kolom`` when given)."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == teks and (kolom is None or c.column == kolom):
                return row
    raise AssertionError(f"{teks!r} tidak ada di lembar {ws.title}")


def _judul_ke_kolom(row) -> dict:
    return {c.value: c.column for c in row if c.value is not None}


# --------------------------------------------------------------------------- data


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    """The report files go to the test's own folder, not the project's media/."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kota(db):
    kanigaran = KecamatanFactory(kode="35.74.04", nama="Kanigaran")
    kademangan = KecamatanFactory(kode="35.74.01", nama="Kademangan")
    kebonsari = KelurahanFactory(kode="35.74.04.1004", nama="Kebonsari Wetan", kecamatan=kanigaran)
    sukabumi = KelurahanFactory(kode="35.74.04.1005", nama="Sukabumi", kecamatan=kanigaran)
    rumus = KelurahanFactory(kode="35.74.01.1001", nama=NAMA_RUMUS, kecamatan=kademangan)
    for _i in range(3):
        KaderFactory(kelurahan=kebonsari, tanggal_mulai=dt.date(2023, 1, 2))
    KaderFactory(kelurahan=kebonsari, tanggal_mulai=dt.date(2026, 5, 10))
    for _i in range(6):
        KaderFactory(kelurahan=sukabumi, tanggal_mulai=dt.date(2023, 1, 2))
    DestinasiFactory(kelurahan=kebonsari, tanggal_aktif=dt.date(2025, 6, 1))
    RWFactory(kelurahan=kebonsari, nomor=20)
    RWFactory(kelurahan=kebonsari, nomor=21)
    EventFactory(
        kelurahan=kebonsari, tanggal_mulai=dt.date(2026, 5, 17), status=StatusEvent.TERLAKSANA,
        pengunjung=1500, umkm_terlibat=12, transaksi=1_250_000,
    )
    LembagaFactory(kelurahan=kebonsari, masa_bakti_mulai=dt.date(2021, 1, 1), masa_bakti_selesai=dt.date(2026, 1, 1))
    LembagaFactory(kelurahan=kebonsari)
    KonfirmasiBulan.objects.create(
        kelurahan=kebonsari, tahun=TAHUN, bulan=BULAN, dikonfirmasi_pada=timezone.make_aware(dt.datetime(2026, 6, 3, 9)),
    )
    return {"kanigaran": kanigaran, "kademangan": kademangan, "kebonsari": kebonsari, "sukabumi": sukabumi, "rumus": rumus}


@pytest.fixture
def tiga_bulan(kota):
    """May 2025, April 2026 and May 2026 made in turn: last month and last year exist."""
    for tahun, bulan in ((2025, 5), (2026, 4), (2026, 5)):
        _buat_bulan(tahun, bulan)
    return kota


# --------------------------------------------------------------------------- the kelurahan report


def test_pdf_kelurahan_memuat_wilayah_periode_angka_tindakan_dan_penanda_tangan(tiga_bulan):
    lap = _laporan(Tingkat.KELURAHAN, "35.74.04.1004")
    halaman = _halaman(_pdf(lap))
    teks = " ".join(halaman)

    # letterhead, title, period, completeness
    assert "PEMERINTAH KOTA PROBOLINGGO" in teks
    assert "KECAMATAN KANIGARAN" in teks and "KELURAHAN KEBONSARI WETAN" in teks
    assert "LAPORAN BULANAN PEMBERDAYAAN MASYARAKAT" in teks
    assert "Kelurahan Kebonsari Wetan" in teks and "Periode Mei 2026" in teks
    assert "Kelengkapan data: dikonfirmasi lengkap pada 3 Juni 2026 (tepat waktu)." in teks
    # the indicator tables: this month, last month, last year, the target, and the mark where it is not met
    assert "Bulan ini (Mei 2026)" in teks and "Bulan lalu (April 2026)" in teks and "Tahun lalu (Mei 2025)" in teks
    assert "KPM aktif 4 3 3 5–10 Belum" in teks
    assert "Cakupan RW 33,3% 33,3% 0,0%" in teks  # the destination became active in June 2025
    assert "Lembaga aktif yang SK-nya berlaku 50,0%" in teks
    assert "Nilai transaksi Rp 1.250.000 Rp 0 Rp 0" in teks
    assert "Pengunjung event 1.500" in teks
    # what changed, what needs action
    perubahan = teks.split("Perubahan bulan ini ")[1].split("Perlu tindakan")[0]
    assert "KPM baru bulan ini 1" in perubahan
    assert "Pengunjung event 1.500" in perubahan and "Nilai transaksi Rp 1.250.000" in perubahan
    assert "Cakupan RW" not in perubahan
    assert "Perlu tindakan" in teks
    assert "KPM aktif 4 orang, di luar target 5–10 orang per kelurahan" in teks
    assert "1 lembaga masa baktinya habis tanpa SK baru" in teks
    assert "2 RW belum punya destinasi aktif" in teks
    assert "wilayah lainnya" not in teks
    # the charts are drawn in the PDF (their titles and month axis are text in it)
    assert "Tren 12 bulan terakhir" in teks
    assert "KPM aktif (orang)" in teks and "Cakupan RW (%)" in teks and "Jun 25" in teks and "Mei 26" in teks
    # a kelurahan is not a group: no table of regions below
    assert "Kelurahan di" not in teks
    # the signer: the lurah, a blank line to sign over, on the last page
    assert "Lurah Kebonsari Wetan" in halaman[-1]
    assert "(..............................)" in halaman[-1]


def test_pdf_kelurahan_tanpa_konfirmasi_dan_tanpa_tindakan(kota):
    _buat_bulan()
    teks = _teks(_pdf(_laporan(Tingkat.KELURAHAN, "35.74.04.1005")))
    assert "Sukabumi" in teks
    assert "operator belum mengonfirmasi data bulan ini lengkap" in teks
    assert "KPM aktif 6 – – 5–10 Tercapai" in teks
    # Sukabumi has no RW, no institution, 6 KPM within the target: nothing to act on
    assert "Tidak ada yang perlu ditindaklanjuti bulan ini." in teks


def test_xlsx_kelurahan_angka_tanggal_lembar_dan_judul(tiga_bulan):
    lap = _laporan(Tingkat.KELURAHAN, "35.74.04.1004")
    wb = _xlsx(lap)
    assert wb.sheetnames == [
        "Ringkasan", "Kader Pemberdayaan Masyarakat", "Lembaga Kemasyarakatan (LKK)", "Produk Unggulan Daerah (PUD)",
        "Wisata - destinasi dan event", "Diklat dan pembinaan", "Perlu tindakan",
    ]

    ws = wb["Ringkasan"]
    assert ws["A1"].value == "Laporan Bulanan Pemberdayaan Masyarakat"
    meta = {row[0].value: row[1].value for row in ws.iter_rows(max_row=8) if row[0].value}
    assert meta["Wilayah"] == "Kelurahan Kebonsari Wetan"
    assert meta["Kode wilayah"] == "35.74.04.1004"
    assert meta["Periode"] == "Mei 2026"
    assert meta["Versi"] == 1
    assert isinstance(meta["Dibuat pada"], dt.datetime)
    assert abs(meta["Dibuat pada"] - timezone.localtime(lap.selesai).replace(tzinfo=None)) < dt.timedelta(minutes=1)
    assert isinstance(meta["Angka dibekukan pada"], dt.datetime)
    judul_lengkap = _baris_dengan(ws, "Kelurahan diharapkan")
    nilai_lengkap = [c.value for c in ws[judul_lengkap[0].row + 1][1:6]]
    assert nilai_lengkap == [1, 1, 1, 100.0, 100.0]

    judul = _baris_dengan(ws, "Indikator", kolom=2)
    kolom = _judul_ke_kolom(judul)
    assert list(kolom) == [
        "Program", "Indikator", "Satuan", "Bulan ini (Mei 2026)", "Bulan lalu (April 2026)", "Tahun lalu (Mei 2025)",
        "Target", "Memenuhi target",
    ]
    assert all(c.font.b for c in judul if c.value)
    assert ws.freeze_panes == f"A{judul[0].row + 1}"
    kpm = ws[_baris_dengan(ws, "KPM aktif", kolom=2)[0].row]
    assert [kpm[kolom[k] - 1].value for k in kolom] == [
        "Kader Pemberdayaan Masyarakat (KPM)", "KPM aktif", "orang", 4, 3, 3, "5–10", "tidak",
    ]
    cakupan = ws[_baris_dengan(ws, "Cakupan RW", kolom=2)[0].row]
    sel = cakupan[kolom["Bulan ini (Mei 2026)"] - 1]
    assert sel.value == 33.3 and isinstance(sel.value, float) and "%" in sel.number_format
    transaksi = ws[_baris_dengan(ws, "Nilai transaksi", kolom=2)[0].row]
    sel = transaksi[kolom["Bulan ini (Mei 2026)"] - 1]
    assert sel.value == 1_250_000 and sel.data_type == "n" and sel.number_format == "#,##0"
    assert ws.column_dimensions["B"].width >= 30

    # one sheet per programme: its indicators with twelve months of trend, months without a report empty
    ws = wb["Kader Pemberdayaan Masyarakat"]
    kolom = _judul_ke_kolom(ws[1])
    assert ws.freeze_panes == "B2" and ws["A1"].value == "Indikator" and ws["A1"].font.b
    assert "Juni 2025" in kolom and "Mei 2026" in kolom and "Mei 2025" not in kolom
    baris = ws[_baris_dengan(ws, "KPM aktif", kolom=1)[0].row]
    assert baris[kolom["Bulan ini (Mei 2026)"] - 1].value == 4
    assert baris[kolom["April 2026"] - 1].value == 3
    assert baris[kolom["Maret 2026"] - 1].value is None

    ws = wb["Perlu tindakan"]
    assert [c.value for c in ws[1]] == ["Wilayah", "Yang perlu ditindaklanjuti"]
    assert [r[1].value for r in ws.iter_rows(min_row=2)] == [
        "KPM aktif 4 orang, di luar target 5–10 orang per kelurahan",
        "1 lembaga masa baktinya habis tanpa SK baru",
        "2 RW belum punya destinasi aktif",
    ]


# --------------------------------------------------------------------------- kecamatan and city


def test_pdf_dan_xlsx_kecamatan(kota):
    _buat_bulan()
    lap = _laporan(Tingkat.KECAMATAN, "35.74.04")
    teks = _teks(_pdf(lap))
    assert "KECAMATAN KANIGARAN" in teks and "Periode Mei 2026" in teks
    assert "Kelengkapan data: 2 kelurahan diharapkan, 1 dikonfirmasi lengkap (50,0%), 1 tepat waktu (50,0%)." in teks
    # rolled up: 4 + 6 KPM; one of two kelurahan within 5-10; RW coverage 1 of 3
    assert "KPM aktif 10 – –" in teks
    assert "Kelurahan dengan jumlah KPM aktif sesuai target 50,0% – – 100,0% Belum" in teks
    assert "Kelurahan di Kecamatan Kanigaran" in teks
    # no., name, key figures (kader, lkk, pud, wisata, pelatihan), lines needing action
    assert "1 Kebonsari Wetan 4 1 50,0% 0,0% 0,0% 33,3% 1 0 0,0% 3" in teks
    assert "2 Sukabumi 6 0 0,0% 0,0% 0,0% 0,0% 0 0" in teks
    tindakan = teks.split("Perlu tindakan ")[1].split("Kelurahan di Kecamatan")[0]
    assert re.search(r"Kebonsari Wetan \W? ?KPM aktif 4 orang", tindakan)
    assert "Sukabumi" not in tindakan
    assert "Camat Kanigaran" in teks

    wb = _xlsx(lap)
    assert wb.sheetnames[-2:] == ["Per kelurahan", "Perlu tindakan"]
    ws = wb["Per kelurahan"]
    assert ws.freeze_panes == "C3"
    assert ws["C1"].value == "Kader Pemberdayaan Masyarakat (KPM)" and ws["C1"].font.b
    kolom = _judul_ke_kolom(ws[2])
    assert {"Kode wilayah", "Kelurahan", "KPM aktif (orang)", "Cakupan RW (%)", "Nilai transaksi (Rp)", "Perlu tindakan"} <= set(kolom)
    kebonsari = ws[_baris_dengan(ws, "Kebonsari Wetan", kolom=2)[0].row]
    assert kebonsari[0].value == "35.74.04.1004" and kebonsari[0].data_type == "s"
    assert kebonsari[kolom["KPM aktif (orang)"] - 1].value == 4
    assert kebonsari[kolom["Cakupan RW (%)"] - 1].value == 33.3
    assert kebonsari[kolom["Nilai transaksi (Rp)"] - 1].number_format == "#,##0"
    assert kebonsari[kolom["Perlu tindakan"] - 1].value.count("\n") == 2
    assert wb["Ringkasan"]["B2"].value == "Kecamatan Kanigaran"


def test_pdf_dan_xlsx_kota_dan_nama_seperti_rumus(kota):
    _buat_bulan()
    lap = _laporan(Tingkat.KOTA, "kota")
    teks = _teks(_pdf(lap))
    assert "PEMERINTAH KOTA PROBOLINGGO" in teks and "BADAN PERENCANAAN PEMBANGUNAN DAERAH" in teks
    assert "Kota Probolinggo" in teks and "Periode Mei 2026" in teks
    assert "3 kelurahan diharapkan, 1 dikonfirmasi lengkap (33,3%)" in teks
    assert "Kecamatan di Kota Probolinggo" in teks
    assert "1 Kademangan" in teks and "2 Kanigaran 10" in teks
    assert "Kepala Bappeda Kota Probolinggo" in teks and "Probolinggo, " in teks
    # the formula-like kelurahan prints as written in the PDF (its action line: no KPM at all)
    assert "=HYPERLINK(" in teks

    wb = _xlsx(lap)
    assert "Per kecamatan" in wb.sheetnames
    ws = wb["Perlu tindakan"]
    sel = _baris_dengan(ws, "'" + NAMA_RUMUS, kolom=1)[0]
    assert sel.data_type == "s"
    # nowhere in the workbook a formula
    assert not [c.coordinate for s in wb for row in s.iter_rows() for c in row if c.data_type == "f"]


# --------------------------------------------------------------------------- layout


def _sel_paragraf(flowable):
    if isinstance(flowable, Paragraph):
        yield flowable
    elif isinstance(flowable, list | tuple):
        for f in flowable:
            yield from _sel_paragraf(f)


def _sisa_baris(p: Paragraph) -> list[float]:
    """The space left on each laid-out line of a paragraph (negative: the text overflows its cell)."""
    return [baris[0] if isinstance(baris, tuple) else baris.extraSpace for baris in p.blPara.lines]


def test_tabel_pdf_muat_lebar_a4_judul_berulang_dan_nama_panjang_dilipat(kota, monkeypatch):
    """Every table of every report fits the A4 text width, repeats its header row, and a region name
    of one long word wraps inside its cell instead of running over the next."""
    from laporan import berkas

    nama = "Kelurahan " + "Panjangsekalitanpaspasi" * 3 + "Sekali"  # 85 characters, one word of 75
    KelurahanFactory(kode="35.74.04.1006", nama=nama, kecamatan=kota["kanigaran"])
    dibuat = []
    asli = berkas.dokumen_pdf

    def rekam(**kwargs):
        hasil = asli(**kwargs)  # laid out: the paragraphs carry their lines
        dibuat.append(kwargs["isi"])
        return hasil

    monkeypatch.setattr(berkas, "dokumen_pdf", rekam)
    _buat_bulan()
    assert len(dibuat) == 4 + 2 + 1
    tabel_data = 0
    for alur in dibuat:
        for f in alur:
            if not isinstance(f, Table):
                continue
            assert sum(f._colWidths) <= LEBAR_ISI_A4 + 0.01
            sel = [c for row in f._cellvalues for c in row]
            if any(isinstance(c, Drawing) or (isinstance(c, list | tuple) and any(isinstance(x, Drawing) for x in c)) for c in sel):
                continue  # the charts' grid
            tabel_data += 1
            assert f.repeatRows == 1
            for p in _sel_paragraf(sel):
                assert min(_sisa_baris(p), default=0) >= -0.5, f"teks meluber: {p.text[:60]}"
    assert tabel_data >= 7 * 3
    teks = _teks(_pdf(_laporan(Tingkat.KECAMATAN, "35.74.04")))
    assert "Panjangsekalitanpaspasi" in teks


# --------------------------------------------------------------------------- a programme that joins later


@dataclass
class RingkasanUji(Ringkasan):
    INDIKATOR: ClassVar[tuple[Indikator, ...]] = (
        Indikator("peserta", "=SUM(A1:A9) peserta", "orang", tindakan="-{nilai} peserta @belum hadir"),
        Indikator("dana", "Dana kegiatan", "Rp", perubahan=True),
    )

    kelurahan_id: int
    peserta: int = 0
    dana: int = 0


def _ringkasan_uji(tahun, bulan, *, kelurahan_ids=None):
    """As the contract says: every kelurahan of the tree when ``kelurahan_ids`` is None."""
    if kelurahan_ids is None:
        kelurahan_ids = Kelurahan.objects.values_list("pk", flat=True)
    return {kid: RingkasanUji(kelurahan_id=kid, peserta=7, dana=2_500_000) for kid in kelurahan_ids}


def test_program_baru_judul_lembar_dan_teks_seperti_rumus_dinetralkan(kota, monkeypatch):
    """A programme registered later with a title Excel cannot take as a sheet name and an indicator
    whose label and action line start like a formula: the sheet is named, the text stays text."""
    judul = "Program uji: [coba]/tahap*2? dengan judul yang sangat panjang (UJI)"
    monkeypatch.setitem(registri._registry, "uji", ProgramRingkasan(
        app="uji", judul=judul, fungsi=_ringkasan_uji, kelas=RingkasanUji, urutan=90,
    ))
    _buat_bulan()
    lap = _laporan(Tingkat.KELURAHAN, "35.74.04.1004")
    wb = _xlsx(lap)
    nama = wb.sheetnames[-2]  # the last programme (urutan 90), before "Perlu tindakan"
    assert nama == "Program uji - coba (UJI)"
    ws = wb[nama]
    sel = _baris_dengan(ws, "'=SUM(A1:A9) peserta", kolom=1)[0]
    assert sel.data_type == "s"
    assert ws.cell(row=sel.row, column=3).value == 7
    tindakan = [r[1].value for r in wb["Perlu tindakan"].iter_rows(min_row=2)]
    assert "'-7 peserta @belum hadir" in tindakan
    assert not [c.coordinate for s in wb for row in s.iter_rows() for c in row if c.data_type == "f"]

    teks = _teks(_pdf(lap))
    assert "=SUM(A1:A9) peserta 7" in teks
    assert "Dana kegiatan Rp 2.500.000" in teks
    assert "=SUM(A1:A9) peserta (orang)" in teks  # its first figures are charted too


def test_nama_lembar_aman():
    dipakai = {"ringkasan"}
    assert nama_lembar_aman("Ringkasan", dipakai) == "Ringkasan (2)"
    assert nama_lembar_aman("Kader Pemberdayaan Masyarakat (KPM)", dipakai) == "Kader Pemberdayaan Masyarakat"
    assert nama_lembar_aman("Lembaga Kemasyarakatan Kelurahan (LKK)", dipakai) == "Lembaga Kemasyarakatan (LKK)"
    assert nama_lembar_aman("Pelatihan dan Pendidikan Kilat Masyarakat Kota (Diklat)", dipakai) == "Pelatihan (Diklat)"
    assert nama_lembar_aman("'[a]/b*c?:d'", dipakai) == "a - b - c - d"
    assert nama_lembar_aman("", dipakai) == "Program"
    panjang = nama_lembar_aman("X" * 40, dipakai)
    assert panjang == "X" * 31
    assert nama_lembar_aman("X" * 40, dipakai) == "X" * 27 + " (2)"


# --------------------------------------------------------------------------- province size


@pytest.fixture
def tiga_ratus_kelurahan(db):
    """300 kelurahan in 3 kecamatan, none with a KPM: every one needs action. Long names wrap."""
    kecamatan = [Kecamatan.objects.create(kode=f"35.74.0{i}", nama=f"Uji Besar {i}") for i in (1, 2, 3)]
    Kelurahan.objects.bulk_create([
        Kelurahan(
            kode=f"{kec.kode}.{1001 + n}", kecamatan=kec,
            nama=f"Kelurahan Dengan Nama Yang Sangat Panjang Sekali Untuk Menguji Lipatan Sel Nomor {kec.kode[-1]}{n:03d}",
        )
        for kec in kecamatan for n in range(100)
    ])
    return kecamatan


def test_pdf_kota_300_kelurahan_tindakan_dibatasi_dan_tabel_berlanjut(tiga_ratus_kelurahan):
    """The figures through the real services (the files of the 300 kelurahan and the 3 kecamatan
    reports skipped: those reports are published as the file step would), then the city's and a
    kecamatan's files."""
    proses = services.laporan_mulai(tahun=TAHUN, bulan=BULAN, sumber="perintah")
    ids = services.angka_siapkan(proses.pk)
    assert len(ids) == 300
    LaporanBulanan.objects.filter(pk__in=ids).update(status=LaporanBulanan.Status.SELESAI, terbaru=True)
    kelompok = services.wilayah_rekap(proses.pk)
    assert len(kelompok) == 3 + 1
    kota_lap = LaporanBulanan.objects.get(tingkat=Tingkat.KOTA, proses=proses)
    LaporanBulanan.objects.filter(pk__in=kelompok).exclude(pk=kota_lap.pk).update(status=LaporanBulanan.Status.SELESAI, terbaru=True)
    isi = isi_laporan(kota_lap)
    assert len(isi.tindakan) == 300

    data = pdf_laporan(isi)
    halaman = _halaman(data)
    teks = " ".join(halaman)
    assert len(halaman) > 1
    assert f"dan {300 - BATAS_TINDAKAN} wilayah lainnya" in teks
    assert "Nomor 1000" in teks and f"Nomor 1{BATAS_TINDAKAN - 1:03d}" in teks
    assert f"Nomor 1{BATAS_TINDAKAN:03d}" not in teks  # the 41st is counted, not listed
    wb = load_workbook(io.BytesIO(xlsx_laporan(isi)))
    assert wb["Perlu tindakan"].max_row == 301  # the xlsx lists them all
    assert wb["Per kecamatan"].max_row == 2 + 3

    # a kecamatan of 100 kelurahan: its regions table runs over pages, the header row repeated
    kec_lap = LaporanBulanan.objects.get(tingkat=Tingkat.KECAMATAN, kunci_wilayah="35.74.02", proses=proses)
    halaman = _halaman(pdf_laporan(isi_laporan(kec_lap)))
    tabel = [i for i, h in enumerate(halaman) if "Nomor 2" in h and "Sangat Panjang" in h]
    awal = next(i for i, h in enumerate(halaman) if "Kelurahan di Kecamatan Uji Besar 2" in h)
    berlanjut = [i for i in tabel if i > awal]
    assert berlanjut, "tabel kelurahan harus berlanjut ke halaman berikutnya"
    for i in berlanjut:
        assert "KPM aktif (orang)" in halaman[i] and "No." in halaman[i]
    assert "Nomor 2099" in " ".join(halaman)
