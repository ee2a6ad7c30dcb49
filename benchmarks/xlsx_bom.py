"""Benchmark: hostile and large .xlsx, .ods and .csv uploads against the import reader (wilayah.lembar,
issue 9 finding 4; .ods and .csv from issue 10).

Run:  .venv/bin/python benchmarks/xlsx_bom.py
Optional: BENCH_XLSX_OPENPYXL=1 first reads the million-row file the way the import did before
(openpyxl read-only, every row kept): about half a minute and half a gigabyte (the growth of the
process's peak resident size).

Builds each file in memory (tests.berkas and tests.wilayah.test_lembar_ods, the same builders the tests use)
and prints, per file: its
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
from tests.wilayah.test_lembar_ods import angka, baris, kosong, ods_dari_xml, tabel, teks  # noqa: E402
from wilayah import lembar  # noqa: E402
from wilayah.lembar import BerkasImporTidakSah, baca_lembar  # noqa: E402

MB = 1024 * 1024
JUDUL = b'<row r="1"><c t="inlineStr"><is><t>nama</t></is></c></row>'


def baca(data):
    try:
        return f"{len(baca_lembar(data).baris):,} baris dibaca"
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


KOLOM_SAH = 19


def nilai_sah(n):
    """One row of a cadre list, 19 columns."""
    return [
        f"Nama Orang {n}", "3574046505%06d" % n, "L", "Probolinggo", "12/03/1985", f"Jl. Brantas No. {n} RT 01 RW 02",
        "35.74.04.1004", n % 10 + 1, "081234567890", "SMA", "Wiraswasta", "Ekonomi, Sosial", "penggerak", "02/01/2023",
        f"188/{n}/425.103/2024", "02/01/2024", "ya", n, 1.5,
    ]  # fmt: skip


def ods_sah(jumlah):
    """20,000 rows as LibreOffice writes them: text and number cells, the cells right of the data repeated to
    the last column, the rest of the sheet one blank row repeated."""

    def sel(v):
        return angka(v) if isinstance(v, (int, float)) else teks(v)

    def potongan():
        yield b'<table:table table:name="Data" table:style-name="ta1">'
        yield baris(*(teks(f"kolom_{i}") for i in range(KOLOM_SAH)), kosong(16_384 - KOLOM_SAH))
        for n in range(jumlah):
            yield baris(*(sel(v) for v in nilai_sah(n)), kosong(16_384 - KOLOM_SAH))
        yield baris(kosong(16_384), ulang=1_048_575 - jumlah) + b"</table:table>"

    return ods_dari_xml(potongan())


def csv_sah(jumlah, pemisah=";"):
    baris_csv = [pemisah.join(f"kolom_{i}" for i in range(KOLOM_SAH))]
    for n in range(jumlah):
        baris_csv.append(pemisah.join(str(v).replace(",", ".") for v in nilai_sah(n)))
    return ("\r\n".join(baris_csv) + "\r\n").encode()


def ods_terburuk():
    """About 3 million empty cells, uncompressed, just below the size and element bounds (a short prefix, t:)."""
    ns = b'xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    isi = b'<t:table %s t:name="Data"><t:table-row><t:table-cell office:value-type="string"><text:p>nama</text:p></t:table-cell></t:table-row>' % ns
    baris_kosong = b"<t:table-row>" + b"<t:table-cell/>" * 16_000 + b"</t:table-row>"
    return ods_dari_xml([isi, *[baris_kosong] * 186, b"</t:table>"], tanpa_mampat=True)


def bagian_ods():
    galat = (b'<table:table-cell table:number-columns-repeated="16384" table:formula="of:=1/0" calcext:value-type="error" '
             b'office:value-type="float" office:value="0"><text:p>#DIV/0!</text:p></table:table-cell>')  # fmt: skip
    judul = baris(teks("nama"), teks("nomor"))
    bom = ods_dari_xml(tabel("Data", judul, baris(teks("Budi Santoso"), angka(1), ulang=1_048_575)))
    ukur(".ods 5 KB, satu baris berisi diulang 1.048.575 kali: ditolak sebelum disalin", bom)
    ukur("  ... sama, batas baris data dinaikkan ke 10 juta: batas baris lembar yang menghentikan", bom, BARIS_MAKS_IMPOR=10_000_000)
    data = [baris(teks(f"Ali {n}"), angka(n), kosong(16_382)) for n in range(2, 40)]
    ukur(".ods bentuk LibreOffice: 38 baris, sel kosong diulang sampai kolom 16.384, baris kosong diulang 1 juta kali",
         ods_dari_xml(tabel("Data", judul, *data, baris(kosong(16_384), ulang=1_048_537))))  # fmt: skip
    ukur(".ods 5 KB, galat #DIV/0! diulang 16.384 kolom x 1.048.575 baris: ditolak di batas sel galat", ods_dari_xml(tabel("Data", judul, baris(galat, ulang=1_048_575))))
    spasi = b'<table:table-cell office:value-type="string"><text:p><text:s text:c="1000000000"/></text:p></table:table-cell>'
    ukur(".ods, satu sel berisi <text:s text:c=1000000000/>", ods_dari_xml(tabel("Data", judul, baris(spasi))))
    ukur(".ods terburuk dalam batas: 3 juta <t:table-cell/> tanpa mampat (45 MB)", ods_terburuk())
    ukur(".ods sah: 20.000 baris x 19 kolom (bentuk LibreOffice)", ods_sah(20_000))


def bagian_csv():
    ukur(".csv sah: 20.000 baris x 19 kolom, pemisah ;", csv_sah(20_000))
    kutip = b'nama;alamat\nAli;"Jl. Brantas\n' + b"Budi;Jl. Mawar No. 5 RT 01 RW 02\n" * 600_000
    ukur(".csv 20 MB, tanda kutip tidak ditutup di baris 2", kutip)
    sel_panjang = b"nama;alamat\nAli" + (b';"' + b"x" * 100_000 + b'\n"') * 200
    ukur(".csv 20 MB, satu baris 200 sel x 100.000 karakter: ditolak di batas panjang baris", sel_panjang)


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
    bagian_ods()
    bagian_csv()

    print(f"\nPuncak RSS proses (termasuk membangun berkas): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
