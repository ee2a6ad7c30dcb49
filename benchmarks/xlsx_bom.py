"""Benchmark: hostile and large .xlsx uploads against the import reader (wilayah.lembar, issue 9 finding 4).

Run:  .venv/bin/python benchmarks/xlsx_bom.py
Optional: BENCH_XLSX_OPENPYXL=1 first reads the million-row file the way the import did before
(openpyxl read-only, every row kept): about half a minute and half a gigabyte (the growth of the
process's peak resident size).

Builds each file in memory (tests.berkas, the same builders the tests use) and prints, per file: its
size, what the reader answered (rows read, or the first words of the refusal), the time (best of 3,
without tracing) and the peak of Python allocations while reading (tracemalloc, a separate run).
At the end the process's peak resident size (ru_maxrss), building the files included.
"""

import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "probolinggo_portal.settings")

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
import tablib  # noqa: E402

from tests.berkas import XLSX_NS, xlsx_baris_berulang, xlsx_dari_xml  # noqa: E402
from wilayah import lembar  # noqa: E402
from wilayah.lembar import BerkasImporTidakSah, baca_lembar_xlsx  # noqa: E402

MB = 1024 * 1024
JUDUL = b'<row r="1"><c t="inlineStr"><is><t>nama</t></is></c></row>'


def baca(data):
    try:
        return f"{len(baca_lembar_xlsx(data).baris):,} baris dibaca"
    except BerkasImporTidakSah as exc:
        return "ditolak: " + str(exc)[:90]


def ukur(nama, data, **batas):
    semula = {k: getattr(lembar, k) for k in batas}
    for k, v in batas.items():
        setattr(lembar, k, v)
    try:
        waktu = []
        for _ in range(3):
            t0 = time.perf_counter()
            hasil = baca(data)
            waktu.append(time.perf_counter() - t0)
        tracemalloc.start()
        baca(data)
        puncak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    finally:
        for k, v in semula.items():
            setattr(lembar, k, v)
    print(f"{nama}\n  {len(data) / MB:6.2f} MB  {min(waktu):6.2f} s  puncak {puncak / MB:6.1f} MB  {hasil}")


def teks_bersama_satu(ukuran_mb):
    yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    blok = b"a" * MB
    for _ in range(ukuran_mb):
        yield blok
    yield b"</t></si></sst>"


def buku_sah(baris, *, teks_bersama):
    """A workbook as openpyxl writes it: 19 columns of a cadre list (shared strings, or inline ones as
    its write-only mode writes them)."""
    wb = openpyxl.Workbook(write_only=not teks_bersama)
    ws = wb.create_sheet() if not teks_bersama else wb.active
    ws.append([f"kolom_{i}" for i in range(19)])
    for n in range(baris):
        ws.append([
            f"Nama Orang {n}", "3574046505%06d" % n, "L", "Probolinggo", "12/03/1985", f"Jl. Brantas No. {n} RT 01 RW 02",
            "35.74.04.1004", n % 10 + 1, "081234567890", "SMA", "Wiraswasta", "Ekonomi, Sosial", "penggerak", "02/01/2023",
            f"188/{n}/425.103/2024", "02/01/2024", "ya", n, 1.5,
        ])  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sebelum(bom):
    """The reader before issue 9 (wilayah.impor.baca_xlsx at 487a60c): openpyxl read-only, every row kept."""
    rss_awal = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(io.BytesIO(bom), read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    headers = [str(h) for h in next(rows)]
    isi = [list(row) for row in rows if any(v is not None and v != "" for v in row)]
    wb.close()
    isi = tablib.Dataset(*[(row + [None] * len(headers))[: len(headers)] for row in isi], headers=headers)
    naik = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_awal) / 1024
    print(f"Sebelum (openpyxl read-only, 1.000.000 baris, tanpa tracemalloc): {len(isi):,} baris dibaca dalam "
          f"{time.perf_counter() - t0:.1f} s, puncak RSS proses naik {naik:.0f} MB\n")  # fmt: skip


def main():
    print(f"Batas: {lembar.BARIS_MAKS_IMPOR:,} baris data, {lembar.KOLOM_MAKS} kolom, lembar {lembar.UKURAN_LEMBAR_MAKS // MB} MB, "
          f"teks bersama {lembar.UKURAN_TEKS_BERSAMA_MAKS // MB} MB, rasio {lembar.RASIO_MAKS}, {lembar.ELEMEN_MAKS:,} unsur XML\n")  # fmt: skip
    bom = xlsx_baris_berulang(1_000_000)
    if os.environ.get("BENCH_XLSX_OPENPYXL"):
        sebelum(bom)
    ukur("1.000.000 baris (issue 9): ditolak dari direktori zip", bom)
    ukur("  ... sama, pemeriksaan ukuran dan rasio dimatikan: batas baris yang menghentikan", bom, UKURAN_LEMBAR_MAKS=1 << 40, RASIO_MAKS=1 << 20)
    ukur("1.000.000 baris <row><c><v>1</v></c></row> (26 MB XML)", xlsx_baris_berulang(1_000_000, b"<row><c><v>1</v></c></row>"))
    dimensi = XLSX_NS + b'<dimension ref="A1:XFD1048576"/><sheetData>' + JUDUL
    dimensi += b"".join(b'<row r="%d"><c t="inlineStr"><is><t>Ali %d</t></is></c></row>' % (n, n) for n in range(2, 40))
    ukur("5 KB, <dimension> A1:XFD1048576", xlsx_dari_xml(dimensi + b"</sheetData></worksheet>"))
    sheet = XLSX_NS + b"<sheetData>" + JUDUL + b'<row r="2"><c t="s"><v>0</v></c></row></sheetData></worksheet>'
    ukur("1 MB, satu teks bersama 1 GB", xlsx_dari_xml(sheet, teks_bersama=teks_bersama_satu(1024), tingkat=9))
    ukur("16 MB tanpa mampat, satu teks bersama 16 MB", xlsx_dari_xml(sheet, teks_bersama=teks_bersama_satu(15), tanpa_mampat=True))
    spam = XLSX_NS + b"<sheetData>" + JUDUL + (b"<row>" + b"<c/>" * 16_000 + b"</row>") * 190 + b"</sheetData></worksheet>"
    ukur("terburuk dalam batas: 3 juta <c/> tanpa mampat (12 MB)", xlsx_dari_xml(spam, tanpa_mampat=True))
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    sst += b"".join(b"<si><t>%d</t></si>" % i for i in range(750_000)) + b"</sst>"
    ukur("terburuk dalam batas: 750.000 teks bersama (16 MB) + <c/> sampai batas unsur", xlsx_dari_xml(spam, teks_bersama=sst, tanpa_mampat=True))
    ukur("sah: 20.000 baris x 19 kolom, teks bersama (openpyxl)", buku_sah(20_000, teks_bersama=True))
    ukur("sah: 20.000 baris x 19 kolom, teks inline (openpyxl write-only)", buku_sah(20_000, teks_bersama=False))

    print(f"\nPuncak RSS proses (termasuk membangun berkas): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
